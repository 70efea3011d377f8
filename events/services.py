"""Sign-up rules, in one place for the public pages, the admin and the commands.

Capacity is guarded by a lock on the event: on PostgreSQL a row lock (SELECT ... FOR UPDATE)
on the event taken at the start of every transaction that changes its sign-ups; on SQLite
every transaction starts with BEGIN IMMEDIATE (see site/settings.py), so writers queue. Inside
the lock we count, decide and write, so there are never more confirmed people than places.
Emails are written to the outbox in the same transaction and sent after it commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import IntegrityError, transaction
from django.utils import timezone

from events import emails
from events.emails import EmailKind
from events.models import EventPage, Registration

Status = Registration.Status


class SignUpOutcome(StrEnum):
    """What signing up did (the "signed up" page's address says it)."""

    CONFIRMED = "confirmed"
    WAITING = "waiting"  # the event was full
    ALREADY = "already"  # signed up before: their details are sent again


@dataclass
class SignUpResult:
    registration: Registration
    outcome: SignUpOutcome


class NoPlacesLeft(Exception):
    """An organiser tried to promote someone into a full event."""


def _lock_event(event_id: int) -> EventPage:
    """The event, locked until the transaction ends (a no-op on SQLite, see above)."""
    return (
        EventPage.objects.select_for_update(of=("self",))
        .only("id", "capacity", "cancelled", "end", "translation_key", "locale_id")
        .get(pk=event_id)
    )


def _confirmed_count(event_id: int) -> int:
    return Registration.objects.filter(event_id=event_id, status=Status.CONFIRMED).count()


def sign_up(event: EventPage, data: dict, language: str) -> SignUpResult:
    """Add someone to the event, confirmed if there is a place, else on the waiting list.

    Someone already signed up gets their details again instead of a second place."""
    event = event.canonical_event
    email = data["email"].strip().lower()
    try:
        with transaction.atomic():
            locked = _lock_event(event.pk)
            existing = _active_registration(event.pk, email)
            if existing is not None:
                emails.queue_resend(existing)
                return SignUpResult(existing, SignUpOutcome.ALREADY)
            has_place = _confirmed_count(event.pk) < locked.capacity
            registration = Registration.objects.create(
                event_id=event.pk,
                name=data["name"],
                email=email,
                organisation=data.get("organisation", ""),
                sector=data.get("sector"),
                role=data.get("role", ""),
                access_needs=data.get("access_needs", ""),
                access_needs_consent=bool(data.get("access_needs")),
                dietary_needs=data.get("dietary_needs", ""),
                dietary_needs_consent=bool(data.get("dietary_needs")),
                privacy_consent=True,
                language=language,
                status=Status.CONFIRMED if has_place else Status.WAITING,
            )
            if has_place:
                emails.queue(registration, EmailKind.CONFIRMED)
                return SignUpResult(registration, SignUpOutcome.CONFIRMED)
            emails.queue(registration, EmailKind.WAITING)
            return SignUpResult(registration, SignUpOutcome.WAITING)
    except IntegrityError:
        # Two sign-ups with one email raced; the database's unique constraint let one through.
        with transaction.atomic():
            _lock_event(event.pk)
            existing = _active_registration(event.pk, email)
            if existing is None:
                raise
            emails.queue_resend(existing)
            return SignUpResult(existing, SignUpOutcome.ALREADY)


def _active_registration(event_id: int, email: str) -> Registration | None:
    return (
        Registration.objects.filter(event_id=event_id, email=email)
        .exclude(status=Status.CANCELLED)
        .first()
    )


def fill_places(event_id: int) -> list[Registration]:
    """Give free places to the waiting list, first come first served, and tell them.

    Call inside a transaction that holds the event lock (or use `refresh_waiting_list`)."""
    event = EventPage.objects.only("capacity", "cancelled", "end").get(pk=event_id)
    if event.cancelled or event.end < timezone.now():
        return []
    free = event.capacity - _confirmed_count(event_id)
    if free <= 0:
        return []
    promoted = list(
        Registration.objects.filter(event_id=event_id, status=Status.WAITING).order_by(
            "created_at", "pk"
        )[:free]
    )
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        emails.queue(registration, EmailKind.PROMOTED)
    return promoted


def refresh_waiting_list(event: EventPage) -> list[Registration]:
    """After the capacity changes: promote as many waiting people as there are new places."""
    event = event.canonical_event
    with transaction.atomic():
        _lock_event(event.pk)
        return fill_places(event.pk)


def cancel_registration(
    registration: Registration, by_organiser: bool = False, notify: bool = True
) -> bool:
    """Cancel one sign-up and pass its place to the first person waiting. False if it was
    already cancelled. `notify=False` when the person asked for their data to be erased."""
    with transaction.atomic():
        _lock_event(registration.event_id)
        current = Registration.objects.get(pk=registration.pk)
        if current.status == Status.CANCELLED:
            return False
        current.status = Status.CANCELLED
        current.save(update_fields=["status", "updated_at"])
        if notify:
            emails.queue(
                current,
                EmailKind.CANCELLED_BY_ORGANISER if by_organiser else EmailKind.CANCELLED,
            )
        fill_places(current.event_id)
    registration.status = Status.CANCELLED
    return True


def promote(registration: Registration) -> None:
    """An organiser moves someone from the waiting list to a confirmed place, if one is free."""
    with transaction.atomic():
        locked = _lock_event(registration.event_id)
        current = Registration.objects.get(pk=registration.pk)
        if current.status != Status.WAITING:
            return
        if _confirmed_count(current.event_id) >= locked.capacity:
            raise NoPlacesLeft
        current.status = Status.CONFIRMED
        current.save(update_fields=["status", "updated_at"])
        emails.queue(current, EmailKind.PROMOTED)


def update_needs(registration: Registration, data: dict) -> None:
    """Change the access and dietary needs of a sign-up (stored only with consent)."""
    with transaction.atomic():
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        current.access_needs = data.get("access_needs", "")
        current.access_needs_consent = bool(current.access_needs)
        current.dietary_needs = data.get("dietary_needs", "")
        current.dietary_needs_consent = bool(current.dietary_needs)
        current.save(
            update_fields=[
                "access_needs",
                "access_needs_consent",
                "dietary_needs",
                "dietary_needs_consent",
                "updated_at",
            ]
        )


def cancel_event(event: EventPage) -> int:
    """Tell everyone signed up that the organisers cancelled the event. Returns how many."""
    event = event.canonical_event
    with transaction.atomic():
        _lock_event(event.pk)
        active = list(
            Registration.objects.filter(event_id=event.pk).exclude(status=Status.CANCELLED)
        )
        for registration in active:
            registration.status = Status.CANCELLED
            registration.save(update_fields=["status", "updated_at"])
            emails.queue(registration, EmailKind.EVENT_CANCELLED)
    return len(active)
