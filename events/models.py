"""Events: the listing of upcoming and past events."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from home.models import SitePage


class EventIndexPage(SitePage):
    """Lists upcoming events first, then past events."""

    introduction = models.TextField(max_length=600, blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index page")
