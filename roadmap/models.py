"""The roadmap to a trauma-responsive London: the journey page and its stages."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from home.blocks import BaseStoryBlock
from home.models import SitePage


class RoadmapPage(SitePage):
    """The interactive roadmap: the journey through its stages, in order."""

    introduction = models.TextField(max_length=600, blank=True)
    body = StreamField(BaseStoryBlock(), blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["roadmap.RoadmapStagePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("roadmap page")


class RoadmapStagePage(SitePage):
    """One stage of the journey, e.g. trauma-aware, with what it looks like and what to do."""

    introduction = models.TextField(max_length=600, blank=True)
    body = StreamField(BaseStoryBlock(), blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    parent_page_types = ["roadmap.RoadmapPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("roadmap stage page")
