"""News: the index of articles. (Article pages come with the news issue.)"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from home.models.base import SitePage


class NewsIndexPage(SitePage):
    """Lists the programme's news, newest first."""

    introduction = models.TextField(max_length=600, blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index page")
