"""Promising practice and research: case study finder and research outputs."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from home.blocks import BaseStoryBlock
from home.models import SitePage


class CaseStudyIndexPage(SitePage):
    """Promising practice: the case study finder."""

    introduction = models.TextField(max_length=600, blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("case study index page")


class ResearchIndexPage(SitePage):
    """Research and resources: the reports and documents the programme publishes."""

    introduction = models.TextField(max_length=600, blank=True)
    body = StreamField(BaseStoryBlock(), blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("research index page")
