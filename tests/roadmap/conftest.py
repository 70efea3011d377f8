"""Helpers for the roadmap tests."""

from __future__ import annotations

import pytest
from wagtail.models import Locale

from roadmap.models import RoadmapPage, RoadmapStagePage, SelfAssessmentPage

# The demo self-assessment has eight questions with four answers each, from the earliest
# stage (1) to the latest (4).
ALL_FIRST = "q1=1&q2=1&q3=1&q4=1&q5=1&q6=1&q7=1&q8=1"
MIXED = "q1=2&q2=2&q3=3&q4=2&q5=2&q6=1&q7=2&q8=3"  # average 2.1: trauma-sensitive


@pytest.fixture
def roadmap():
    return RoadmapPage.objects.get(locale=Locale.get_default())


@pytest.fixture
def stages():
    return list(RoadmapStagePage.objects.filter(locale=Locale.get_default()).order_by("path"))


@pytest.fixture
def assessment():
    return SelfAssessmentPage.objects.get(locale=Locale.get_default())
