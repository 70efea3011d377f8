"""Whether readers can sign up for an event, and its sign-up counts (cached).

`EventSignUp` works out an event's reader-facing status from its dates, its cancelled flag,
its capacity and its counts; `EventPage.signup` is one. Counts come from the cache, else one
query, and are forgotten as soon as a sign-up changes (events/signal_handlers.py).
Translations share their source page's sign-ups: one capacity and one waiting list."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from events.models.locales import default_locale_id
from events.models.registrations import Registration
from home.caching import bump, depends_on, version_key

if TYPE_CHECKING:
    from datetime import datetime

    from events.models.pages import EventPage

# A safety net only: counts are cleared as soon as a sign-up changes (see forget_counts).
COUNTS_CACHE_SECONDS = 300

# Moves on with every sign-up change: cached pages that show places left depend on it.
SIGNUPS_VERSION_KEY = version_key("events:signups-version")


class EventStatus(models.TextChoices):
    """What a reader sees about whether they can sign up."""

    NOT_YET_OPEN = "not_yet_open", _("Sign-up not open yet")
    OPEN = "open", _("Open for sign-up")
    FEW_PLACES = "few_places", _("Few places left")
    FULL = "full", _("Full – join the waiting list")  # noqa: RUF001
    CLOSED = "closed", _("Sign-up closed")
    CANCELLED = "cancelled", _("Cancelled")
    PAST = "past", _("Past event")


def counts_cache_key(translation_key) -> str:
    return f"events:counts:{translation_key}"


def event_counts(event: EventPage) -> dict[str, int]:
    """Sign-ups by status for one event (in any language): from the cache, else one query."""
    depends_on(SIGNUPS_VERSION_KEY)
    key = counts_cache_key(event.translation_key)
    cached = cache.get(key)
    if cached is not None:
        return cached
    if event.locale_id == default_locale_id():
        registrations = Registration.objects.filter(event_id=event.pk)
    else:  # one query: the source page's sign-ups, found through the translation key
        registrations = Registration.objects.filter(
            event__translation_key=event.translation_key, event__locale_id=default_locale_id()
        )
    counts = registrations.status_counts()
    cache.set(key, counts, COUNTS_CACHE_SECONDS)
    return counts


def attach_counts(events: list[EventPage], sources: dict | None = None) -> None:
    """Fill in each event's sign-up counts for listings: one query, plus one to find the
    source pages of translations unless `sources` (translation key → page id) is given."""
    depends_on(SIGNUPS_VERSION_KEY)
    default = default_locale_id()
    if sources is None:
        keys = {event.translation_key for event in events if event.locale_id != default}
        sources = (
            dict(
                Page.objects.filter(translation_key__in=keys, locale_id=default).values_list(
                    "translation_key", "pk"
                )
            )
            if keys
            else {}
        )
    canonical_ids = {
        event.pk: event.pk
        if event.locale_id == default
        else sources.get(event.translation_key, event.pk)
        for event in events
    }
    counts = Registration.objects.counts_by_event(set(canonical_ids.values()))
    for event in events:
        event.signup.counts = counts[canonical_ids[event.pk]]


def attach_cached_counts(events: list[EventPage]) -> None:
    """Fill in each event's sign-up counts from the cache, reading the ones not cached in one
    query (attach_counts) and caching them: nothing from the database once warm."""
    depends_on(SIGNUPS_VERSION_KEY)
    keys = {event.pk: counts_cache_key(event.translation_key) for event in events}
    found = cache.get_many(list(set(keys.values()))) if keys else {}
    missing = [event for event in events if keys[event.pk] not in found]
    for event in events:
        if keys[event.pk] in found:
            event.signup.counts = found[keys[event.pk]]
    if missing:
        attach_counts(missing)
        cache.set_many(
            {keys[event.pk]: event.signup.counts for event in missing}, COUNTS_CACHE_SECONDS
        )


def forget_counts(event_id: int) -> None:
    """A sign-up of this event changed: its cached counts (and so its status) are out of date."""
    translation_key = (
        Page.objects.filter(pk=event_id).values_list("translation_key", flat=True).first()
    )
    if translation_key:
        key = counts_cache_key(translation_key)
        # Now, and again after commit: a reader may re-cache the old counts in between.
        cache.delete(key)
        bump(SIGNUPS_VERSION_KEY)
        transaction.on_commit(lambda: (cache.delete(key), bump(SIGNUPS_VERSION_KEY)))


class EventSignUp:
    """Sign-up at one event as readers see it: counts, places left and status."""

    def __init__(self, event: EventPage) -> None:
        self.event = event

    @cached_property
    def counts(self) -> dict[str, int]:
        """Sign-ups by status (listings set them for many events at once: attach_counts)."""
        return event_counts(self.event)

    @property
    def places_left(self) -> int:
        return max(0, self.event.capacity - self.counts[Registration.Status.CONFIRMED])

    @property
    def few_places_threshold(self) -> int:
        return max(3, math.ceil(self.event.capacity * 0.1))

    @property
    def closes(self) -> datetime:
        return self.event.signup_closes_at or self.event.start

    def status_at(self, now: datetime | None = None) -> EventStatus:
        """The reader-facing status, computed from the dates, the flag and the sign-ups."""
        event = self.event
        now = now or timezone.now()
        if event.cancelled:
            return EventStatus.CANCELLED
        if event.end < now:
            return EventStatus.PAST
        if event.signup_opens_at and now < event.signup_opens_at:
            return EventStatus.NOT_YET_OPEN
        if now >= self.closes:
            return EventStatus.CLOSED
        if self.places_left == 0:
            return EventStatus.FULL
        if self.places_left <= self.few_places_threshold:
            return EventStatus.FEW_PLACES
        return EventStatus.OPEN

    @property
    def status(self) -> EventStatus:
        return self.status_at()

    @property
    def is_open(self) -> bool:
        return self.status in (EventStatus.OPEN, EventStatus.FEW_PLACES, EventStatus.FULL)
