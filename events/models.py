"""Events: the listing, event pages, sign-ups (registrations) and the email outbox."""

from __future__ import annotations

import math
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Count, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from events.blocks import AgendaBlock, PastEventBlock, SpeakersBlock
from home.caching import bump, depends_on
from home.listing import PREVIEW_SIZE, paginate
from home.models import SitePage


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
        now = timezone.now()
        default_locale_id = _default_locale_id()
        if self.locale_id == default_locale_id:
            events = list(
                EventPage.objects.live()
                .child_of(self)
                .select_related("listing_image")
                .order_by("start")
            )
            sources = None
        else:
            # One query for the events in this language and in the default language (each
            # language's events index holds them): events not yet translated are still
            # listed, in their own language (the card says so with lang/dir).
            candidates = (
                EventPage.objects.live()
                .filter(depth=self.depth + 1, locale_id__in=[self.locale_id, default_locale_id])
                .select_related("listing_image", "locale")
                .order_by("start")
            )
            local, sources = {}, {}
            for event in candidates:
                if event.locale_id == default_locale_id:
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
            sources = {key: source.pk for key, source in sources.items()}
        # One page of upcoming events and the latest past ones; or (?past=1) a page of past
        # events: a bounded number whatever the number of events.
        upcoming = [event for event in events if event.end >= now]
        past = sorted(
            (event for event in events if event.end < now), key=lambda e: e.start, reverse=True
        )
        if request.GET.get("past") == "1":
            context["past_page"] = paginate(request, past)
            shown = list(context["past_page"])
        else:
            context["upcoming_events"] = paginate(request, upcoming)
            context["past_events"] = past[:PREVIEW_SIZE]
            context["past_total"] = len(past)
            shown = [*context["upcoming_events"], *context["past_events"]]
        attach_counts(shown, sources)
        return context


_DEFAULT_LOCALE_IDS: dict[str, int] = {}
# A safety net only: counts are cleared as soon as a sign-up changes (see _clear_counts).
COUNTS_CACHE_SECONDS = 300


# Moves on with every sign-up change: cached pages that show places left depend on it.
SIGNUPS_VERSION_KEY = "events:signups-version"


def counts_cache_key(translation_key) -> str:
    return f"events:counts:{translation_key}"


def _default_locale_id() -> int:
    """The default locale's id, looked up once per process (it never changes once created)."""
    code = settings.LANGUAGE_CODE
    if code not in _DEFAULT_LOCALE_IDS:
        _DEFAULT_LOCALE_IDS[code] = Locale.get_default().pk
    return _DEFAULT_LOCALE_IDS[code]


def attach_counts(events: list[EventPage], sources: dict | None = None) -> None:
    """Fill in each event's sign-up counts for listings: one query, plus one to find the
    source pages of translations unless `sources` (translation key → page id) is given."""
    depends_on(SIGNUPS_VERSION_KEY)
    default_locale_id = _default_locale_id()
    keys = {event.translation_key for event in events if event.locale_id != default_locale_id}
    sources = (
        sources
        if sources is not None
        else (
            dict(
                EventPage.objects.filter(
                    translation_key__in=keys, locale_id=default_locale_id
                ).values_list("translation_key", "pk")
            )
            if keys
            else {}
        )
    )
    canonical_ids = {
        event.pk: event.pk
        if event.locale_id == default_locale_id
        else sources.get(event.translation_key, event.pk)
        for event in events
    }
    counts: dict[int, dict[str, int]] = {
        pk: dict.fromkeys(Registration.Status.values, 0) for pk in canonical_ids.values()
    }
    rows = (
        Registration.objects.filter(event_id__in=set(canonical_ids.values()))
        .values("event_id", "status")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts[row["event_id"]][row["status"]] = row["n"]
    for event in events:
        event.__dict__["counts"] = counts[canonical_ids[event.pk]]


class EventStatus(models.TextChoices):
    """What a reader sees about whether they can sign up."""

    NOT_YET_OPEN = "not_yet_open", _("Sign-up not open yet")
    OPEN = "open", _("Open for sign-up")
    FEW_PLACES = "few_places", _("Few places left")
    FULL = "full", _("Full – join the waiting list")  # noqa: RUF001
    CLOSED = "closed", _("Sign-up closed")
    CANCELLED = "cancelled", _("Cancelled")
    PAST = "past", _("Past event")


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
            "Tick if the event will not happen. Use the “Cancel event and email everyone” action "
            "in the sign-ups admin to tell people who signed up."
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
        if errors:
            raise ValidationError(errors)

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

    @cached_property
    def canonical_event(self) -> EventPage:
        """The page sign-ups belong to: the source-language page, whichever translation the
        reader is on, so that every language shares one capacity and one waiting list."""
        if self.locale_id == _default_locale_id():
            return self
        source = EventPage.objects.filter(
            translation_key=self.translation_key, locale_id=_default_locale_id()
        ).first()
        return source or self

    @cached_property
    def counts(self) -> dict[str, int]:
        """Sign-ups by status for this event: from the cache, else one query. Every change to
        a sign-up clears the cached counts when its transaction commits."""
        depends_on(SIGNUPS_VERSION_KEY)
        key = counts_cache_key(self.translation_key)
        cached = cache.get(key)
        if cached is not None:
            return cached
        if self.locale_id == _default_locale_id():
            registrations = Registration.objects.filter(event_id=self.pk)
        else:  # one query: the source page's sign-ups, found through the translation key
            registrations = Registration.objects.filter(
                event__translation_key=self.translation_key,
                event__locale_id=_default_locale_id(),
            )
        rows = registrations.values("status").annotate(n=Count("pk"))
        counts = dict.fromkeys(Registration.Status.values, 0)
        counts.update({row["status"]: row["n"] for row in rows})
        cache.set(key, counts, COUNTS_CACHE_SECONDS)
        return counts

    @property
    def places_left(self) -> int:
        return max(0, self.capacity - self.counts[Registration.Status.CONFIRMED])

    @property
    def few_places_threshold(self) -> int:
        return max(3, math.ceil(self.capacity * 0.1))

    @property
    def signup_closes(self):
        return self.signup_closes_at or self.start

    def status_at(self, now=None) -> str:
        """The reader-facing status, computed from the dates, the flag and the sign-ups."""
        now = now or timezone.now()
        if self.cancelled:
            return EventStatus.CANCELLED
        if self.end < now:
            return EventStatus.PAST
        if self.signup_opens_at and now < self.signup_opens_at:
            return EventStatus.NOT_YET_OPEN
        if now >= self.signup_closes:
            return EventStatus.CLOSED
        if self.places_left == 0:
            return EventStatus.FULL
        if self.places_left <= self.few_places_threshold:
            return EventStatus.FEW_PLACES
        return EventStatus.OPEN

    @property
    def status(self) -> str:
        return self.status_at()

    @property
    def status_label(self) -> str:
        return EventStatus(self.status).label

    @property
    def signup_is_open(self) -> bool:
        return self.status in (EventStatus.OPEN, EventStatus.FEW_PLACES, EventStatus.FULL)

    def get_context(self, request, *args, **kwargs):
        from events.forms import RegistrationForm

        context = super().get_context(request, *args, **kwargs)
        context.setdefault("form", RegistrationForm(event=self))
        context["privacy_url"] = _privacy_url(request)
        context["json_ld"] = self.json_ld()
        return context

    def json_ld(self) -> dict:
        """schema.org Event data for search engines."""
        from events.calendar import event_json_ld

        return event_json_ld(self)


def _privacy_url(request) -> str:
    """The privacy notice in the reader's language (from the content cache once warm)."""
    from django.utils.translation import get_language
    from wagtail.models import Site

    from home.caching import cached
    from home.models import SiteSettings

    site = Site.find_for_request(request)
    if site is None:
        return ""

    def build() -> str:
        page = SiteSettings.for_site(site).privacy_page
        return page.specific_deferred.localized.get_url(request) if page else ""

    return cached(f"events:privacy-url:{site.pk}:{get_language()}", build)


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class Registration(models.Model):
    """One person's sign-up for an event: confirmed, on the waiting list, or cancelled.

    Access and dietary needs can be health data: they are only stored with their own consent,
    and everything here is deleted or anonymised SIGNUP_RETENTION_DAYS after the event."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"), max_length=254, help_text=_("Stored in lower case."))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    sector = models.ForeignKey(
        "home.Sector", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    access_needs = models.TextField(_("access needs"), max_length=1000, blank=True)
    access_needs_consent = models.BooleanField(_("consent to store access needs"), default=False)
    dietary_needs = models.TextField(_("dietary needs"), max_length=1000, blank=True)
    dietary_needs_consent = models.BooleanField(_("consent to store dietary needs"), default=False)
    privacy_consent = models.BooleanField(_("agreed to the privacy notice"), default=False)
    language = models.CharField(
        max_length=10, default="en-gb", help_text=_("The language emails are written in.")
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.CONFIRMED, db_index=True
    )
    manage_token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    anonymised = models.BooleanField(default=False, editable=False)
    is_example_content = models.BooleanField(
        default=False, help_text=_("An invented sign-up made by the demo content.")
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [
            # The last guard against two active sign-ups for one person: the service checks
            # first, and this makes a race between two requests fail instead of double-booking.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="events_one_active_registration_per_email",
            ),
        ]
        permissions = [("export_registration", "Can export sign-ups")]

    def __str__(self) -> str:
        return f"{self.name}, {self.event.title}"

    @property
    def waiting_position(self) -> int | None:
        """1 for the first person on the waiting list."""
        if self.status != self.Status.WAITING:
            return None
        earlier = Registration.objects.filter(
            event_id=self.event_id, status=self.Status.WAITING
        ).filter(Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk))
        return earlier.count() + 1

    def manage_link_expired(self) -> bool:
        margin = timedelta(days=30)
        return self.event.end + margin < timezone.now()


class OutboundEmail(models.Model):
    """An email waiting to be sent, or sent: written in the same transaction as the change
    that causes it, sent by the sender process (events/emails.py), retried with a growing
    delay, never sent twice."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, will retry")
        GAVE_UP = "gave_up", _("Failed too many times")

    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    text = models.TextField()
    html = models.TextField(blank=True)
    ics = models.TextField(blank=True, help_text=_("A calendar file to attach, if any."))
    idempotency_key = models.CharField(max_length=200, unique=True)
    registration = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.SET_NULL, related_name="emails"
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When a failed email is due to be tried again.")
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("outbound email")

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"


@receiver([post_save, post_delete], sender=Registration, dispatch_uid="events-clear-counts")
def _clear_counts(sender, instance, **kwargs):
    """A sign-up changed: the event's cached counts (and so its status) are out of date."""
    translation_key = (
        EventPage.objects.filter(pk=instance.event_id)
        .values_list("translation_key", flat=True)
        .first()
    )
    if translation_key:
        key = counts_cache_key(translation_key)
        # Now, and again after commit: a reader may re-cache the old counts in between.
        cache.delete(key)
        bump(SIGNUPS_VERSION_KEY)
        transaction.on_commit(lambda: (cache.delete(key), bump(SIGNUPS_VERSION_KEY)))
