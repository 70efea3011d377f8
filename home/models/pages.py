"""The home page and the general-purpose content page."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from home.blocks import BaseStoryBlock
from home.blocks.mailing_lists import MailingListsBlock
from home.blocks.policies import (
    AccessibilityDatesBlock,
    AccessibilityReplyTimeBlock,
    DataProtectionContactBlock,
    PersonalDataBlock,
)
from home.caching import cached
from home.models.base import SitePage

MAX_FEATURED = 6


class StandardStoryBlock(BaseStoryBlock):
    """The shared blocks, plus those the privacy notice and accessibility statement need."""

    personal_data = PersonalDataBlock()
    data_protection_contact = DataProtectionContactBlock()
    accessibility_reply_time = AccessibilityReplyTimeBlock()
    accessibility_dates = AccessibilityDatesBlock()
    mailing_lists = MailingListsBlock()


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
        InlinePanel(
            "featured_items",
            heading=_("Featured"),
            label=_("Featured page"),
            max_num=MAX_FEATURED,
            help_text=_(
                "Pages shown as cards under the body, in this order. Readers see each in their "
                "own language where it is translated. Set them on the English home page."
            ),
        ),
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
        "home.FormPage",
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

    def featured(self) -> list[dict]:
        """The featured pages as cards in this home page's language, each with its example
        flag. Read from the default language's home page; cached until the next publish."""

        def build() -> list[dict]:
            default = Locale.get_default()
            source = self if self.locale_id == default.pk else self.get_translation_or_none(default)
            chosen = [item.page for item in (source or self).featured_items.select_related("page")]
            keys = [page.translation_key for page in chosen]
            local = {
                page.translation_key: page
                for page in Page.objects.live()
                .public()
                .filter(translation_key__in=keys, locale_id=self.locale_id)
                .specific()
            }
            cards = []
            for page in chosen:
                shown = local.get(page.translation_key)
                if shown is None:
                    if not page.live:
                        continue
                    shown = page.specific
                cards.append(
                    {
                        "title": shown.title,
                        "url": shown.url,
                        "summary": getattr(shown, "summary", "") or shown.search_description,
                        "is_example_content": getattr(shown, "is_example_content", False),
                    }
                )
            return cards

        return cached(f"home-featured:{self.pk}", build)


class HomePageFeature(Orderable):
    """A page featured on the home page as a card (the roadmap, a case study, an event...)."""

    home = ParentalKey("home.HomePage", on_delete=models.CASCADE, related_name="featured_items")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The page to feature. Its title and listing summary are shown."),
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured page")


class StandardPage(SitePage):
    """A general page: about the programme, the definition, policies, get involved."""

    introduction = models.TextField(
        max_length=600, blank=True, help_text=_("A short opening paragraph, shown larger.")
    )
    body = StreamField(StandardStoryBlock())
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
    subpage_types = ["home.StandardPage", "home.FormPage"]

    class Meta:
        verbose_name = _("standard page")
