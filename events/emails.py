"""The email outbox: emails are rows written in the same transaction as the sign-up change
that causes them, sent after that transaction commits, and retried by `send_pending_emails`.

Sending claims the row with one conditional UPDATE (pending/failed → sending), so two
senders running at once can never both send it.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events.models import OutboundEmail, Registration
from home.examples import is_example, labelled

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
# A row left "sending" this long belongs to a sender that died mid-send: try it again.
STALE_CLAIM = timedelta(minutes=15)

SUBJECTS = {
    "confirmed": lambda: _("Your place is confirmed: %(title)s"),
    "waiting": lambda: _("You are on the waiting list: %(title)s"),
    "resend": lambda: _("Your sign-up details: %(title)s"),
    "promoted": lambda: _("A place has opened for you: %(title)s"),
    "cancelled": lambda: _("Your place is cancelled: %(title)s"),
    "cancelled_by_organiser": lambda: _("The organisers cancelled your place: %(title)s"),
    "event_cancelled": lambda: _("Event cancelled: %(title)s"),
    "reminder": lambda: _("Reminder: %(title)s is coming up"),
}
# Kinds of email that carry the calendar file and, for online events, the joining link.
ATTENDEE_KINDS = {"confirmed", "promoted", "reminder", "resend"}


def _event_in_language(registration: Registration):
    event = registration.event
    from wagtail.models import Locale

    locale = Locale.objects.filter(language_code=registration.language).first()
    if locale is not None and locale.pk != event.locale_id:
        translated = event.get_translation_or_none(locale)
        if translated is not None and translated.live:
            return translated.specific
    return event


def render(registration: Registration, kind: str) -> dict:
    """Subject, text, HTML and calendar file for one email, in the sign-up's language."""
    from events.calendar import event_ics
    from events.links import manage_url, public_base_url

    with translation.override(registration.language):
        event = _event_in_language(registration)
        confirmed = registration.status == Registration.Status.CONFIRMED
        context = {
            "kind": kind,
            "registration": registration,
            "event": event,
            "confirmed": confirmed,
            "show_joining_link": confirmed and event.is_online and bool(event.online_joining_link),
            "manage_url": manage_url(registration),
            "event_url": public_base_url() + (event.url or ""),
            "waiting_position": registration.waiting_position,
            "is_example": is_example(event),
        }
        subject = labelled(SUBJECTS[kind]() % {"title": event.title}, event)
        text = render_to_string("events/emails/message.txt", context)
        html = render_to_string("events/emails/message.html", context)
        attach_ics = confirmed and kind in ATTENDEE_KINDS
        ics = event_ics([event], for_attendee=True).decode() if attach_ics else ""
    return {"subject": subject, "text": text, "html": html, "ics": ics}


def queue(registration: Registration, kind: str, key: str | None = None) -> OutboundEmail | None:
    """Write the email to the outbox (inside the caller's transaction) and send it once the
    transaction commits. The idempotency key makes queueing the same email twice a no-op."""
    key = key or f"{kind}:{registration.pk}"
    if OutboundEmail.objects.filter(idempotency_key=key).exists():
        return None
    message = render(registration, kind)
    email, created = OutboundEmail.objects.get_or_create(
        idempotency_key=key,
        defaults={"to": registration.email, "registration": registration, **message},
    )
    if created:
        transaction.on_commit(partial(send, email.pk))
    return email if created else None


def queue_resend(registration: Registration) -> OutboundEmail | None:
    """Someone signed up again: send their details again, at most once every ten minutes
    (so the form cannot be used to flood someone's inbox)."""
    window = int(timezone.now().timestamp() // 600)
    return queue(registration, "resend", key=f"resend:{registration.pk}:{window}")


def send(email_id: int) -> bool:
    """Send one outbox email if nobody else is sending or has sent it. True if sent now."""
    now = timezone.now()
    claimed = OutboundEmail.objects.filter(
        Q(status__in=[OutboundEmail.Status.PENDING, OutboundEmail.Status.FAILED])
        | Q(status=OutboundEmail.Status.SENDING, claimed_at__lt=now - STALE_CLAIM),
        pk=email_id,
    ).update(status=OutboundEmail.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return False
    email = OutboundEmail.objects.get(pk=email_id)
    message = EmailMultiAlternatives(email.subject, email.text, to=[email.to])
    if email.html:
        message.attach_alternative(email.html, "text/html")
    if email.ics:
        message.attach("event.ics", email.ics, "text/calendar")
    try:
        message.send()
    except Exception as error:  # any SMTP or network failure: keep the row for a retry
        logger.warning("Email %s not sent (attempt %s): %s", email.pk, email.attempts, error)
        email.status = (
            OutboundEmail.Status.GAVE_UP
            if email.attempts >= MAX_ATTEMPTS
            else OutboundEmail.Status.FAILED
        )
        email.last_error = f"{type(error).__name__}: {error}"[:2000]
        email.save(update_fields=["status", "last_error"])
        return False
    email.status = OutboundEmail.Status.SENT
    email.sent_at = timezone.now()
    email.save(update_fields=["status", "sent_at"])
    return True


def send_pending() -> tuple[int, int]:
    """Send every email waiting or due a retry. Returns (sent, still failing)."""
    now = timezone.now()
    due = OutboundEmail.objects.filter(
        Q(status__in=[OutboundEmail.Status.PENDING, OutboundEmail.Status.FAILED])
        | Q(status=OutboundEmail.Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
    ).values_list("pk", flat=True)
    sent = failed = 0
    for pk in list(due):
        if send(pk):
            sent += 1
        elif OutboundEmail.objects.filter(pk=pk, status=OutboundEmail.Status.FAILED).exists():
            failed += 1
    return sent, failed
