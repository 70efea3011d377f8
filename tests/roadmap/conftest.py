"""Helpers for the roadmap tests: a small but whole roadmap built with roadmap.factories
(`complete_roadmap()`: four stages, an eight-question self-assessment, recommendations)."""

from __future__ import annotations

import pytest

from roadmap.factories import CompleteRoadmap, complete_roadmap

# The self-assessment has eight questions, two for each driver of change in order, with four
# answers each, from the earliest stage (1) to the latest (4).
ALL_FIRST = "q1=1&q2=1&q3=1&q4=1&q5=1&q6=1&q7=1&q8=1"
MIXED = "q1=2&q2=2&q3=3&q4=2&q5=2&q6=1&q7=2&q8=3"  # average 2.1: trauma-sensitive


@pytest.fixture
def built_roadmap(db) -> CompleteRoadmap:
    """Everything `complete_roadmap()` made: the pages, the terms and the recommendations."""
    return complete_roadmap()


@pytest.fixture
def roadmap(built_roadmap):
    return built_roadmap.page


@pytest.fixture
def stages(built_roadmap):
    return built_roadmap.stages


@pytest.fixture
def assessment(built_roadmap):
    return built_roadmap.assessment
