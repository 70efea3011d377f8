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
from events.models import EventPage, OutboundEmail, Registration

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


class SignUpClosed(Exception):
    """The event is cancelled or over: nobody can be added (checked under the event's lock,
    so a sign-up racing a cancellation never lands on a cancelled event)."""


class EventOver(Exception):
    """An organiser tried to cancel an event that has already ended."""


@dataclass
class Cancellation:
    """A sign-up that was cancelled (or deleted), and who got its place from the waiting list."""

    registration: Registration
    promoted: list[Registration]


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

    Someone already signed up gets their details again instead of a second place. Raises
    SignUpClosed if the event is cancelled or over (the public page checks its dates first;
    organisers may still add people after sign-up closes)."""
    event = event.canonical_event
    email = data["email"].strip().lower()
    try:
        with transaction.atomic():
            locked = _lock_event(event.pk)
            if locked.cancelled or locked.end < timezone.now():
                raise SignUpClosed
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
) -> Cancellation | None:
    """Cancel one sign-up and pass its place to the first person waiting (who is emailed).
    None if it was already cancelled. `notify=False` when the person asked for their data to
    be erased."""
    with transaction.atomic():
        _lock_event(registration.event_id)
        current = Registration.objects.get(pk=registration.pk)
        if current.status == Status.CANCELLED:
            return None
        current.status = Status.CANCELLED
        current.save(update_fields=["status", "updated_at"])
        if notify:
            emails.queue(
                current,
                EmailKind.CANCELLED_BY_ORGANISER if by_organiser else EmailKind.CANCELLED,
            )
        promoted = fill_places(current.event_id)
    registration.status = Status.CANCELLED
    return Cancellation(current, promoted)


def delete_registration(registration: Registration) -> Cancellation:
    """Delete a sign-up (an organiser's mistake, a duplicate) and pass its place on, as a
    cancellation would. The person is not emailed, and their outbox rows go with the sign-up
    (unsent ones are not sent; sent ones would otherwise keep their address for ever) except
    one a sender is sending at this moment."""
    with transaction.atomic():
        _lock_event(registration.event_id)
        current = Registration.objects.get(pk=registration.pk)
        current.emails.exclude(status=OutboundEmail.Status.SENDING).delete()
        current.delete()
        promoted = fill_places(registration.event_id)
    return Cancellation(registration, promoted)


def promote(registration: Registration) -> bool:
    """An organiser moves someone from the waiting list to a confirmed place, if one is free
    (NoPlacesLeft otherwise). False if they were no longer waiting: nothing changed."""
    with transaction.atomic():
        locked = _lock_event(registration.event_id)
        current = Registration.objects.get(pk=registration.pk)
        if current.status != Status.WAITING:
            return False
        if _confirmed_count(current.event_id) >= locked.capacity:
            raise NoPlacesLeft
        current.status = Status.CONFIRMED
        current.save(update_fields=["status", "updated_at"])
        emails.queue(current, EmailKind.PROMOTED)
    return True


NEEDS_FIELDS = ["access_needs", "access_needs_consent", "dietary_needs", "dietary_needs_consent"]


def _set_needs(registration: Registration, data: dict) -> None:
    """Needs are stored only with their own consent, and consent only with needs (the forms
    refuse needs without consent; blank needs clear the consent)."""
    for needs in ("access_needs", "dietary_needs"):
        value = data.get(needs, "")
        setattr(registration, needs, value)
        setattr(registration, f"{needs}_consent", bool(value))


def update_needs(registration: Registration, data: dict) -> None:
    """Change the access and dietary needs of a sign-up (stored only with consent)."""
    with transaction.atomic():
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        _set_needs(current, data)
        current.save(update_fields=[*NEEDS_FIELDS, "updated_at"])


DETAIL_FIELDS = ["name", "organisation", "sector", "role"]


def update_details(registration: Registration, data: dict) -> Registration:
    """An organiser corrects a sign-up: name, organisation, sector, role and needs (needs
    follow the same consent rule as the public forms). Status changes only through the
    actions above."""
    with transaction.atomic():
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        for field in DETAIL_FIELDS:
            if field in data:
                setattr(current, field, data[field])
        _set_needs(current, data)
        current.save(update_fields=[*DETAIL_FIELDS, *NEEDS_FIELDS, "updated_at"])
    return current


def _mark_cancelled(page: EventPage, user) -> None:
    """Tick "cancelled" on one event page, as a revision in the organiser's name: the live
    page is republished with only that change, and a draft waiting to be published keeps its
    other changes and gets the tick too. A page never published only gets a draft.

    Wagtail's page permissions are not asked: cancelling is the Events team's decision
    (events.change_registration, checked by the admin view), and this changes nothing else."""
    draft = None
    if page.latest_revision_id and (page.has_unpublished_changes or not page.live):
        draft = page.latest_revision.as_object()
    if page.live:
        page.cancelled = True
        revision = page.save_revision(user=user, log_action=True, clean=False)
        revision.publish(user=user, skip_permission_checks=True)
    if draft is not None:
        draft.cancelled = True
        draft.save_revision(user=user, log_action=True, clean=False)
    elif not page.live:
        EventPage.objects.filter(pk=page.pk).update(cancelled=True)


def cancel_event(event: EventPage, user=None) -> int:
    """Cancel an event in one step: everyone signed up or waiting is cancelled and emailed,
    and the event page (in every language) is marked cancelled and republished. Returns how
    many people were told. EventOver if it has already ended."""
    event = event.canonical_event
    with transaction.atomic():
        locked = _lock_event(event.pk)
        if locked.end < timezone.now():
            raise EventOver
        active = list(
            Registration.objects.filter(event_id=event.pk).exclude(status=Status.CANCELLED)
        )
        for registration in active:
            registration.status = Status.CANCELLED
            registration.save(update_fields=["status", "updated_at"])
            emails.queue(registration, EmailKind.EVENT_CANCELLED)
        # After the sign-ups: EventPage.clean refuses a cancelled tick while people are
        # still signed up (they would not be told).
        pages = EventPage.objects.filter(translation_key=event.translation_key, cancelled=False)
        for page in pages.select_related("latest_revision"):
            _mark_cancelled(page, user)
    return len(active)
