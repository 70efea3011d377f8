"""The home page and the general-purpose content page."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from home.blocks import BaseStoryBlock
from home.models.base import SitePage


class HomePage(SitePage):
    """The front page of one language's site: what the programme is and where to go next."""

    hero_heading = models.CharField(
        max_length=120, help_text=_("The main heading on the front page.")
    )
    hero_text = models.TextField(
        max_length=400, blank=True, help_text=_("A sentence or two under the heading.")
    )
    body = StreamField(BaseStoryBlock(), blank=True)

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
    ]
    search_fields = [
        *SitePage.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]

    lists_content = True  # purged with every publish (home/purging.py)
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "home.NewsIndexPage",
        "roadmap.RoadmapPage",
        "casestudies.CaseStudyIndexPage",
        "casestudies.ResearchIndexPage",
        "events.EventIndexPage",
        "search.SearchPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class StandardPage(SitePage):
    """A general page: about the programme, the definition, policies, get involved."""

    introduction = models.TextField(
        max_length=600, blank=True, help_text=_("A short opening paragraph, shown larger.")
    )
    body = StreamField(BaseStoryBlock())
    show_quick_exit = models.BooleanField(
        default=False,
        verbose_name=_("show 'Leave this site' button"),
        help_text=_("For pages about abuse or violence: a button that leaves the site at once."),
    )

    content_panels = [*SitePage.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    settings_panels = [*SitePage.settings_panels, FieldPanel("show_quick_exit")]
    search_fields = [
        *SitePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
