"""The Events section's pages: the listing and one page per event."""

from __future__ import annotations

from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import PageManager, Site
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from events.blocks import AgendaBlock, PastEventBlock, SpeakersBlock
from events.calendar import event_json_ld
from events.forms import RegistrationForm
from events.models.locales import default_locale_id
from events.models.registrations import Registration
from events.models.signups import (
    EventSignUp,
    EventStatus,
    attach_cached_counts,
    attach_counts,
)
from home.caching import cached
from home.listing import CACHED_PAGE_NUMBER, PAGE_SIZE, PREVIEW_SIZE, kept_page
from home.models import SitePage, SiteSettings


class EventListing(NamedTuple):
    """An events index's events, soonest first, and (in a translation's index) the page id
    of each default-language event by translation key, to count their sign-ups."""

    events: list[EventPage]
    sources: dict[str, int] | None


class EventPageQuerySet(PageQuerySet):
    def source_of(self, event: EventPage) -> EventPage | None:
        """The default-language page of `event` (the one sign-ups belong to), if any."""
        return self.filter(
            translation_key=event.translation_key, locale_id=default_locale_id()
        ).first()

    def upcoming(self) -> EventPageQuerySet:
        """Live, public events that have not ended and are not cancelled, soonest first (the
        home page's "Upcoming events" reads them by label, "events.EventPage")."""
        return (
            self.live()
            .public()
            .filter(end__gte=timezone.now(), cancelled=False)
            .select_related("listing_image")
            .order_by("start", "pk")
        )

    def listed_in(self, index_page: EventIndexPage) -> EventListing:
        """The live events under an events index, soonest first, in its language: one query.

        In a translation's index, an event not yet translated is listed in the default
        language, marked with `fallback_language` (the card says so with lang/dir)."""
        default = default_locale_id()
        if index_page.locale_id == default:
            events = list(
                self.live().child_of(index_page).select_related("listing_image").order_by("start")
            )
            return EventListing(events, None)
        # Each language's events index holds that language's events, so one query at this
        # depth finds the events in this language and in the default language.
        candidates = (
            self.live()
            .filter(depth=index_page.depth + 1, locale_id__in=[index_page.locale_id, default])
            .select_related("listing_image", "locale")
            .order_by("start")
        )
        local, sources = {}, {}
        for event in candidates:
            if event.locale_id == default:
                sources[event.translation_key] = event
            else:
                local[event.translation_key] = event
        events = []
        for key, source in sources.items():
            if key in local:
                events.append(local[key])
            else:
                source.fallback_language = source.locale.language_code
                events.append(source)
        events += [event for key, event in local.items() if key not in sources]
        events.sort(key=lambda event: event.start)
        return EventListing(events, {key: source.pk for key, source in sources.items()})


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class EventIndexPage(SitePage):
    """The Events section: upcoming events first (soonest first), then past events."""

    introduction = models.TextField(
        max_length=600, blank=True, help_text=_("A sentence or two introducing the events.")
    )

    content_panels = [*SitePage.content_panels, FieldPanel("introduction")]
    lists_content = True  # purged with every publish (home/purging.py)
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        past_view = request.GET.get("past") == "1"
        found = self.listing(past_view, request.GET.get("page"))
        if past_view:
            context["past_page"] = kept_page(found)
            shown = list(context["past_page"])
        else:
            context["upcoming_events"] = kept_page(found)
            context["past_events"] = found["past_events"]
            context["past_total"] = found["past_total"]
            shown = [*context["upcoming_events"], *context["past_events"]]
        attach_counts(shown, found["sources"])
        return context

    def listing(self, past_view: bool, raw_page: str | None) -> dict:
        """One page of upcoming events and the latest past ones; or (?past=1) a page of past
        events: a bounded number whatever the number of events. Kept in the content cache until
        the next change, or until the first of the upcoming events ends (it is past then), so
        a page reads back its own events, not every one."""
        now = timezone.now()

        def build() -> dict:
            events, sources = EventPage.objects.listed_in(self)
            upcoming = [event for event in events if event.end >= now]
            past = sorted(
                (event for event in events if event.end < now),
                key=lambda e: e.start,
                reverse=True,
            )
            page = Paginator(past if past_view else upcoming, PAGE_SIZE).get_page(raw_page)
            shown = [*page, *([] if past_view else past[:PREVIEW_SIZE])]
            keys = {event.translation_key for event in shown}
            return {
                "count": page.paginator.count,
                "number": page.number,
                "items": list(page),
                "past_events": past[:PREVIEW_SIZE],
                "past_total": len(past),
                # The source pages of the shown events' translations (for their places left).
                "sources": None
                if sources is None
                else {key: pk for key, pk in sources.items() if key in keys},
                "good_until": min((event.end for event in upcoming), default=None),
            }

        if not CACHED_PAGE_NUMBER.fullmatch(raw_page or "1"):
            return build()
        return cached(
            f"events-index:{self.pk}:{'past' if past_view else 'upcoming'}:{raw_page or 1}",
            build,
            fresh=lambda found: (
                found["good_until"] is None or timezone.now() <= found["good_until"]
            ),
        )


class EventPage(SitePage):
    """One event: when and where, how to take part, the programme, and sign-up.

    After the event, editors add highlights, slides and recordings; the page stays."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("In person and online")

    summary = models.TextField(
        max_length=400, help_text=_("What the event is and who it is for, in one or two sentences.")
    )
    start = models.DateTimeField(help_text=_("When the event starts (London time)."))
    end = models.DateTimeField(help_text=_("When the event ends (London time)."))
    mode = models.CharField(
        max_length=20,
        choices=Mode.choices,
        default=Mode.IN_PERSON,
        help_text=_("How people take part."),
    )
    venue = models.CharField(
        max_length=200, blank=True, help_text=_("The venue's name, for in-person events.")
    )
    address = models.TextField(
        max_length=400, blank=True, help_text=_("The full address with postcode, one line each.")
    )
    step_free = models.BooleanField(
        default=False,
        verbose_name=_("step-free access"),
        help_text=_("Step-free from the street to the room."),
    )
    hearing_loop = models.BooleanField(default=False, verbose_name=_("hearing loop"))
    quiet_room = models.BooleanField(
        default=False, verbose_name=_("quiet room"), help_text=_("A calm space to take a break.")
    )
    access_notes = models.TextField(
        max_length=1000,
        blank=True,
        verbose_name=_("access information"),
        help_text=_(
            "Anything else about access: nearest step-free station, toilets, BSL, captions."
        ),
    )
    online_joining_link = models.URLField(
        blank=True,
        help_text=_(
            "The link to join online. Never shown on the public page: only confirmed attendees "
            "see it, in their confirmation email and on their private sign-up page."
        ),
    )
    capacity = models.PositiveIntegerField(
        default=50,
        validators=[MinValueValidator(1)],
        help_text=_(
            "How many people can attend. When it is reached, people join a waiting list. Raising "
            "it gives places to the waiting list, first come first served, and emails them."
        ),
    )
    signup_opens_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Leave blank to open sign-up as soon as the page is published."),
    )
    signup_closes_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Leave blank to close sign-up when the event starts.")
    )
    cancelled = models.BooleanField(
        default=False,
        help_text=_(
            "Set by “Cancel event” under Sign-ups by event, which also cancels everyone's "
            "sign-up and emails them. Tick it here only for an event nobody has signed up for."
        ),
    )
    agenda = StreamField(AgendaBlock(), blank=True, help_text=_("The programme, in time order."))
    speakers = StreamField(SpeakersBlock(), blank=True)
    highlights = StreamField(
        PastEventBlock(),
        blank=True,
        help_text=_("After the event: what happened, photos, slides and recordings."),
    )
    stages = ParentalManyToManyField(
        "roadmap.RoadmapStagePage",
        blank=True,
        related_name="events",
        help_text=_("Roadmap stages this event helps with; it is listed on those stage pages."),
    )

    objects = EventPageManager()

    override_translatable_fields = [
        *SitePage.override_translatable_fields,
        TranslatableField("summary"),
        TranslatableField("venue"),
        TranslatableField("address"),
        TranslatableField("access_notes"),
        TranslatableField("agenda"),
        TranslatableField("speakers"),
        TranslatableField("highlights"),
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("mode"),
        SynchronizedField("step_free"),
        SynchronizedField("hearing_loop"),
        SynchronizedField("quiet_room"),
        # Private: copied to translations, never extracted for translators to see or override.
        SynchronizedField("online_joining_link", overridable=False),
        SynchronizedField("capacity"),
        SynchronizedField("signup_opens_at"),
        SynchronizedField("signup_closes_at"),
        SynchronizedField("cancelled"),
        SynchronizedField("stages"),
    ]

    private_fields = ("online_joining_link",)

    search_fields = [
        *SitePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("venue"),
    ]

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("cancelled")],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("mode"),
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("online_joining_link"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("step_free"), FieldPanel("hearing_loop"), FieldPanel("quiet_room")]
                ),
                FieldPanel("access_notes"),
            ],
            heading=_("Access"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldRowPanel([FieldPanel("signup_opens_at"), FieldPanel("signup_closes_at")]),
            ],
            heading=_("Sign-up"),
        ),
        FieldPanel("agenda"),
        FieldPanel("speakers"),
        FieldPanel("highlights"),
        FieldPanel("stages"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event page")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The end must be after the start.")
        if self.mode in (self.Mode.IN_PERSON, self.Mode.HYBRID) and not self.venue:
            errors["venue"] = _("Give the venue for an in-person or hybrid event.")
        if (
            self.signup_opens_at
            and self.signup_closes_at
            and self.signup_closes_at <= self.signup_opens_at
        ):
            errors["signup_closes_at"] = _("Sign-up must close after it opens.")
        if self.cancelled and self._people_would_not_be_told():
            errors["cancelled"] = _(
                "People are signed up for this event. Use “Cancel event” under Sign-ups by "
                "event instead: it marks the event cancelled and emails everyone in one step."
            )
        if errors:
            raise ValidationError(errors)

    def _people_would_not_be_told(self) -> bool:
        """Ticking "cancelled" on a page stored as not cancelled while people are still
        signed up: they would never be told (services.cancel_event cancels and emails them
        before it ticks the page)."""
        if self.pk is None or not EventPage.objects.filter(pk=self.pk, cancelled=False).exists():
            return False
        return (
            Registration.objects.filter(event_id=self.canonical_event.pk)
            .exclude(status=Registration.Status.CANCELLED)
            .exists()
        )

    # --- What readers see ------------------------------------------------------------------

    @property
    def is_in_person(self) -> bool:
        return self.mode in (self.Mode.IN_PERSON, self.Mode.HYBRID)

    @property
    def is_online(self) -> bool:
        return self.mode in (self.Mode.ONLINE, self.Mode.HYBRID)

    @property
    def address_one_line(self) -> str:
        return ", ".join(line.strip() for line in self.address.splitlines() if line.strip())

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.setdefault("form", RegistrationForm(event=self))
        context["privacy_url"] = _privacy_url(request)
        context["json_ld"] = event_json_ld(self, request)
        return context

    # --- Sign-up (worked out by EventSignUp, events/models/signups.py) ----------------------

    @cached_property
    def signup(self) -> EventSignUp:
        return EventSignUp(self)

    @cached_property
    def canonical_event(self) -> EventPage:
        """The page sign-ups belong to: the source-language page, whichever translation the
        reader is on, so that every language shares one capacity and one waiting list."""
        if self.locale_id == default_locale_id():
            return self
        return EventPage.objects.source_of(self) or self

    @staticmethod
    def fill_counts(events: list[EventPage]) -> None:
        """Give listed events their sign-up counts: from the cache, the rest in one query."""
        attach_cached_counts(events)

    # What templates and listings read: each one is the sign-up's.
    @property
    def counts(self) -> dict[str, int]:
        return self.signup.counts

    @property
    def places_left(self) -> int:
        return self.signup.places_left

    @property
    def status(self) -> EventStatus:
        return self.signup.status

    @property
    def status_label(self) -> str:
        return self.signup.status.label

    @property
    def signup_is_open(self) -> bool:
        return self.signup.is_open


def _privacy_url(request) -> str:
    """The privacy notice in the reader's language (from the content cache once warm)."""
    site = Site.find_for_request(request)
    if site is None:
        return ""

    def build() -> str:
        page = SiteSettings.for_site(site).privacy_page
        return page.specific_deferred.localized.get_url(request) if page else ""

    return cached(f"events:privacy-url:{site.pk}:{get_language()}", build)
