"""The home page and the general-purpose content page."""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

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
from home.models.news import NewsIndexPage, NewsPage

MAX_FEATURED = 6

# What the home page shows of what is happening: at most this many items in each section,
# whatever the amount of content; each section links to its index or finder for the rest.
WHATS_NEW_SIZE = 3
# Upcoming events cached beyond the three shown, for those that end before the next publish.
SPARE_EVENTS = 3

# Home imports no other app: it names their page types by label, as a page chooser does.
EVENT_PAGE = "events.EventPage"
EVENT_INDEX_PAGE = "events.EventIndexPage"
CASE_STUDY_PAGE = "casestudies.CaseStudyPage"
CASE_STUDY_INDEX_PAGE = "casestudies.CaseStudyIndexPage"
ROADMAP_PAGE = "roadmap.RoadmapPage"
SELF_ASSESSMENT_PAGE = "roadmap.SelfAssessmentPage"


def featured_field(block_name: str, page_type: str, label, verbose_name, help_text) -> StreamField:
    """Up to WHATS_NEW_SIZE pages of one type, in the order editors put them."""
    return StreamField(
        [(block_name, blocks.PageChooserBlock(page_type=page_type, label=label))],
        blank=True,
        max_num=WHATS_NEW_SIZE,
        verbose_name=verbose_name,
        help_text=help_text,
    )


def _featured_then_newest(newest, chosen_keys: list, locale_id: int, size: int) -> list:
    """The chosen pages (live, in this language, in the editor's order), then the newest
    others up to `size`: two queries."""
    local = newest.filter(locale_id=locale_id)
    chosen: list = []
    if chosen_keys:
        found = {
            page.translation_key: page for page in local.filter(translation_key__in=chosen_keys)
        }
        chosen = [found[key] for key in chosen_keys if key in found]
    shown = [page.translation_key for page in chosen]
    return chosen + list(local.exclude(translation_key__in=shown)[: max(0, size - len(chosen))])


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
    featured_events = featured_field(
        "event",
        EVENT_PAGE,
        _("Event"),
        _("featured events"),
        _(
            "Up to 3 events to show first under “Upcoming events”, in this order. Events that "
            "have ended, are cancelled or are not published are left out, and the next "
            "upcoming events fill the rest. Leave empty to show the next 3."
        ),
    )
    featured_case_studies = featured_field(
        "case_study",
        CASE_STUDY_PAGE,
        _("Case study"),
        _("featured case studies"),
        _(
            "Up to 3 case studies to show first under “Newest case studies”, in this order. "
            "Unpublished ones are left out and the newest fill the rest. Leave empty to show "
            "the 3 newest."
        ),
    )
    featured_news = featured_field(
        "news",
        "home.NewsPage",
        _("News article"),
        _("featured news"),
        _(
            "Up to 3 news articles to show first under “News”, in this order. Unpublished ones "
            "are left out and the newest fill the rest. Leave empty to show the 3 newest."
        ),
    )

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("featured_events"),
                FieldPanel("featured_case_studies"),
                FieldPanel("featured_news"),
            ],
            heading=_("What is happening"),
            help_text=_(
                "The home page always shows the next events, the newest case studies and the "
                "newest news, 3 of each. Choose pages here to show them first. Readers see "
                "each in their own language; a page not translated into it is left out there."
            ),
        ),
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
    # Translations show the same choices (each in its own language), unless overridden.
    override_translatable_fields = [
        *SitePage.override_translatable_fields,
        SynchronizedField("featured_events"),
        SynchronizedField("featured_case_studies"),
        SynchronizedField("featured_news"),
    ]

    lists_content = True  # purged with every publish (home/purging.py)
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "home.FormPage",
        "home.GlossaryPage",
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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["whats_new"] = self.whats_new()
        return context

    def whats_new(self) -> dict:
        """What is happening, in this home page's language: the next events with their places
        left, the newest case studies and news (editors' choices first), and the ways into
        each section, the roadmap and the self-assessment. Cached until the next publish; the
        places left until the next sign-up (EventPage.fill_counts): nothing from the database
        once warm, whatever the amount of content."""
        content = cached(f"home-whats-new:{self.pk}", self._build_whats_new)
        now = timezone.now()
        events = [event for event in content["events"] if event.end >= now][:WHATS_NEW_SIZE]
        if events:
            apps.get_model(EVENT_PAGE).fill_counts(events)
        return {**content, "events": events}

    def _choices(self, field: str) -> list:
        """The translation keys of the pages chosen in `field`: this page's choices, or the
        default language's home page's when this one has none."""
        ids = [item["value"] for item in getattr(self, field).raw_data if item.get("value")]
        if not ids and self.locale_id != Locale.get_default().pk:
            source = self.get_translation_or_none(Locale.get_default())
            if source is not None:
                ids = [item["value"] for item in getattr(source.specific, field).raw_data]
        if not ids:
            return []
        keys = dict(Page.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
        return [keys[pk] for pk in ids if pk in keys]

    def _build_whats_new(self) -> dict:
        event_page = apps.get_model(EVENT_PAGE)
        case_study_page = apps.get_model(CASE_STUDY_PAGE)
        return {
            "events": _featured_then_newest(
                event_page.objects.upcoming(),
                self._choices("featured_events"),
                self.locale_id,
                WHATS_NEW_SIZE + SPARE_EVENTS,
            ),
            "case_studies": _featured_then_newest(
                case_study_page.newest(),
                self._choices("featured_case_studies"),
                self.locale_id,
                WHATS_NEW_SIZE,
            ),
            "news": _featured_then_newest(
                NewsPage.newest(), self._choices("featured_news"), self.locale_id, WHATS_NEW_SIZE
            ),
            **self._ways_in(),
        }

    def _ways_in(self) -> dict:
        """The addresses of the sections below this home page (two queries)."""
        sections = {
            "events_index": apps.get_model(EVENT_INDEX_PAGE),
            "case_study_index": apps.get_model(CASE_STUDY_INDEX_PAGE),
            "news_index": NewsIndexPage,
            "roadmap": apps.get_model(ROADMAP_PAGE),
        }
        found = {
            page.specific_class: page
            for page in self.get_children().live().public().type(*sections.values()).specific()
        }
        ways: dict = {name: found.get(model) for name, model in sections.items()}
        ways["self_assessment"] = (
            apps.get_model(SELF_ASSESSMENT_PAGE)
            .objects.descendant_of(self)
            .live()
            .public()
            .order_by("path")
            .first()
        )
        return ways


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

    content_panels = [*SitePage.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *SitePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = [
        "home.StandardPage",
        "home.FormPage",
        "home.GlossaryPage",
        "casestudies.SharePracticePage",
    ]

    class Meta:
        verbose_name = _("standard page")
