"""The email outbox: emails are rows written in the same transaction as the sign-up change
that causes them. No request ever talks to the mail server: a sender process sends them
(`run_email_sender`, long-running, in production; `send_pending_emails` from cron as a
fallback), so a slow or hung mail server can never hold a reader's page. Django's own
EMAIL_BACKEND is `OutboxBackend`, so Wagtail's emails (moderation notices, password resets)
go through the outbox too; the sender delivers with EMAIL_DELIVERY_BACKEND.

Sending claims the row with one conditional UPDATE (pending/failed → sending), so two
senders running at once can never both send it. A failed email is retried later with a
growing delay (EMAIL_RETRY_DELAY_SECONDS, doubling each time, at most six hours apart);
after MAX_ATTEMPTS it is marked "gave up", counted in the senders' output, and can be put
back in the queue with `requeue_emails` or from the admin's email log (both call
`requeue_given_up`).

An email's kind is the start of its idempotency key (`queue` writes "confirmed:12",
"resend:12:…", and `OutboxBackend` "mail:…"), so the email log can say and filter which email
each row is without a column of its own (`kind_of`, `of_kind`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from uuid import uuid4

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events import wording
from events.calendar import event_ics
from events.links import (
    LIST_CONFIRM_MAX_AGE_DAYS,
    list_confirm_url,
    list_preferences_url,
    list_unsubscribe_url,
    manage_url,
    public_base_url,
)
from events.models import (
    EmailWording,
    EventPage,
    MailingList,
    OutboundEmail,
    Registration,
    Subscription,
)
from events.wording import ATTENDEE_KINDS, EmailKind
from home.examples import is_example, labelled

logger = logging.getLogger(__name__)

# With the default first delay of one minute, ten attempts span about eight and a half hours
# of mail-server outage before an email is given up.
MAX_ATTEMPTS = 10
MAX_RETRY_DELAY = timedelta(hours=6)
# A row left "sending" this long belongs to a sender that died mid-send: try it again.
STALE_CLAIM = timedelta(minutes=15)


class ListEmailKind(StrEnum):
    """The emails of the mailing lists (their wording is the site's; editors change the
    wording of the sign-up emails, EmailKind in events/wording.py)."""

    LIST_CONFIRM = "list_confirm"
    LIST_WELCOME = "list_welcome"


LIST_SUBJECTS = {
    ListEmailKind.LIST_CONFIRM: lambda: _("Please confirm: join our mailing lists"),
    ListEmailKind.LIST_WELCOME: lambda: _("You have joined: %(title)s"),
}


# The key prefix of every email sent with Django's mail functions (OutboxBackend): Wagtail's
# own (moderation notices, password resets, account notifications).
SITE_EMAIL = "mail"

KIND_LABELS: dict[str, object] = {
    **wording.KIND_LABELS,
    ListEmailKind.LIST_CONFIRM: gettext_lazy("Mailing list: confirm joining"),
    ListEmailKind.LIST_WELCOME: gettext_lazy("Mailing list: welcome"),
    SITE_EMAIL: gettext_lazy("Admin email (moderation, password reset)"),
}


def _event_in_language(registration: Registration) -> EventPage:
    """The event in the active language if that translation is live, else as is."""
    return registration.event.localized


def wording_for(registration: Registration, kind: EmailKind) -> tuple[str, str, str]:
    """(language, subject, body) of this email: the live wording editors wrote in the sign-up's
    language, else the live English one, else the built-in wording in the sign-up's language.
    A live wording that no longer passes its checks is skipped (and logged)."""
    for written in EmailWording.objects.live_for(kind, registration.language):
        if not written.problems():
            return written.locale.language_code, written.subject, written.body
        logger.warning(
            "Email wording %s has problems, not used: %s", written.pk, written.problems()
        )
    with translation.override(registration.language):
        subject, body = wording.builtin_wording(kind)
    return registration.language, subject, body


def placeholder_values(registration: Registration, kind: EmailKind, event: EventPage) -> dict:
    """What each placeholder this kind may use stands for, for this sign-up (in the active
    language). The joining link only for someone with a place at an online event."""
    confirmed = registration.status == Registration.Status.CONFIRMED
    values = {
        "name": lambda: registration.name,
        "event": lambda: event.title,
        "date": lambda: render_to_string("events/emails/when.txt", {"event": event}).strip(),
        "place": lambda: (
            ", ".join(filter(None, [event.venue, event.address_one_line]))
            if event.is_in_person
            else ""
        ),
        "event_link": lambda: public_base_url() + (event.url or ""),
        "manage_link": lambda: manage_url(registration),
        "joining_link": lambda: (
            event.online_joining_link
            if confirmed and event.is_online and event.online_joining_link
            else ""
        ),
        "waiting_position": lambda: str(registration.waiting_position or ""),
        "status": lambda: registration.get_status_display(),
    }
    return {name: str(values[name]()) for name in wording.placeholders_for(kind)}


def render(registration: Registration, kind: EmailKind) -> dict:
    """Subject, text, HTML and calendar file for one email, in the language of its wording
    (`wording_for`: the sign-up's language unless only an English wording was written)."""
    kind = EmailKind(kind)
    language, subject, body = wording_for(registration, kind)
    with translation.override(language):
        event = _event_in_language(registration)
        values = placeholder_values(registration, kind, event)
        subject = labelled(wording.fill(subject, values), event)
        context = {
            "subject": subject,
            "is_example": is_example(event),
            "body_text": wording.fill_text(body, values),
            "body_html": wording.fill_html(body, values),
        }
        text = render_to_string("events/emails/message.txt", context)
        html = render_to_string("events/emails/message.html", context)
        confirmed = registration.status == Registration.Status.CONFIRMED
        attach_ics = confirmed and kind in ATTENDEE_KINDS
        ics = event_ics([event], for_attendee=True).decode() if attach_ics else ""
    return {"subject": subject, "text": text, "html": html, "ics": ics}


def queue(
    registration: Registration, kind: EmailKind, key: str | None = None
) -> OutboundEmail | None:
    """Write the email to the outbox (inside the caller's transaction) for the sender process
    to send. The idempotency key makes queueing the same email twice a no-op."""
    key = key or f"{kind}:{registration.pk}"
    if OutboundEmail.objects.filter(idempotency_key=key).exists():
        return None
    message = render(registration, kind)
    email, created = OutboundEmail.objects.get_or_create(
        idempotency_key=key,
        defaults={"to": registration.email, "registration": registration, **message},
    )
    return email if created else None


def queue_resend(registration: Registration) -> OutboundEmail | None:
    """Someone signed up again: send their details again, at most once every ten minutes
    (so the form cannot be used to flood someone's inbox)."""
    window = int(timezone.now().timestamp() // 600)
    return queue(registration, EmailKind.RESEND, key=f"resend:{registration.pk}:{window}")


def _list_email(
    to: str, key: str, kind: ListEmailKind, language: str, context: dict, headers: dict
):
    with translation.override(language):
        context = {"kind": kind, "language": language, **context}
        subject = LIST_SUBJECTS[kind]() % {"title": context.get("title", "")}
        text = render_to_string("events/emails/list_message.txt", context)
        html = render_to_string("events/emails/list_message.html", context)
    email, _created = OutboundEmail.objects.get_or_create(
        idempotency_key=key,
        defaults={"to": to, "subject": subject, "text": text, "html": html, "headers": headers},
    )
    return email


def queue_list_confirmation(subscriptions: list[Subscription]) -> OutboundEmail:
    """The double opt-in email: one signed link (it expires) to a page with a "Confirm"
    button, for the lists joined in one go. It carries no unsubscribe: nothing counts yet."""
    first = subscriptions[0]
    lists = [s.mailing_list.in_language(first.language).name for s in subscriptions]
    return _list_email(
        first.email,
        f"{ListEmailKind.LIST_CONFIRM}:{first.confirm_token}",
        ListEmailKind.LIST_CONFIRM,
        first.language,
        {
            "lists": lists,
            "confirm_url": list_confirm_url(first.confirm_token, first.language),
            "days": LIST_CONFIRM_MAX_AGE_DAYS,
        },
        {},
    )


def list_headers(subscription: Subscription) -> dict[str, str]:
    """RFC 2369 and RFC 8058 one-click unsubscribe headers for one list's email."""
    url = list_unsubscribe_url(subscription.token, subscription.language)
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def queue_list_email(subscription: Subscription, kind: ListEmailKind, key: str, context=None):
    """An email to one list member: every one carries the unsubscribe link in its text, the
    preferences link, and the one-click unsubscribe headers."""
    mailing_list: MailingList = subscription.mailing_list.in_language(subscription.language)
    return _list_email(
        subscription.email,
        key,
        kind,
        subscription.language,
        {
            "title": mailing_list.name,
            "mailing_list": mailing_list,
            "unsubscribe_url": list_unsubscribe_url(subscription.token, subscription.language),
            "preferences_url": list_preferences_url(subscription.token, subscription.language),
            "is_example": mailing_list.is_example_content,
            **(context or {}),
        },
        list_headers(subscription),
    )


def queue_list_welcome(subscription: Subscription) -> OutboundEmail:
    stamp = int(subscription.confirmed_at.timestamp()) if subscription.confirmed_at else 0
    return queue_list_email(
        subscription,
        ListEmailKind.LIST_WELCOME,
        f"{ListEmailKind.LIST_WELCOME}:{subscription.pk}:{stamp}",
    )


def retry_delay(attempts: int) -> timedelta:
    """How long to wait before the next try, after `attempts` failed ones."""
    first = timedelta(seconds=settings.EMAIL_RETRY_DELAY_SECONDS)
    return min(first * 2 ** max(attempts - 1, 0), MAX_RETRY_DELAY)


def _due(now) -> Q:
    """Emails a sender may claim now: new ones, failed ones whose retry time has come, and
    ones left "sending" by a sender that died mid-send."""
    return (
        Q(status=OutboundEmail.Status.PENDING)
        | Q(status=OutboundEmail.Status.FAILED, next_attempt_at__isnull=True)
        | Q(status=OutboundEmail.Status.FAILED, next_attempt_at__lte=now)
        | Q(status=OutboundEmail.Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
    )


def send(email_id: int) -> bool:
    """Send one outbox email if nobody else is sending or has sent it. True if sent now."""
    now = timezone.now()
    claimed = OutboundEmail.objects.filter(_due(now), pk=email_id).update(
        status=OutboundEmail.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    email = OutboundEmail.objects.get(pk=email_id)
    message = EmailMultiAlternatives(
        email.subject,
        email.text,
        to=[email.to],
        headers=email.headers or None,
        connection=get_connection(settings.EMAIL_DELIVERY_BACKEND),
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    if email.ics:
        message.attach("event.ics", email.ics, "text/calendar")
    try:
        message.send()
    except Exception as error:  # any SMTP or network failure: keep the row for a retry
        gave_up = email.attempts >= MAX_ATTEMPTS
        logger.warning(
            "Email %s not sent (attempt %s of %s%s): %s",
            email.pk,
            email.attempts,
            MAX_ATTEMPTS,
            ", given up" if gave_up else "",
            error,
        )
        email.status = OutboundEmail.Status.GAVE_UP if gave_up else OutboundEmail.Status.FAILED
        email.last_error = f"{type(error).__name__}: {error}"[:2000]
        email.next_attempt_at = None if gave_up else timezone.now() + retry_delay(email.attempts)
        email.save(update_fields=["status", "last_error", "next_attempt_at"])
        return False
    email.status = OutboundEmail.Status.SENT
    email.sent_at = timezone.now()
    email.next_attempt_at = None
    email.save(update_fields=["status", "sent_at", "next_attempt_at"])
    return True


@dataclass
class SendReport:
    """What one pass of a sender did, and what is left in the outbox."""

    sent: int = 0
    failed: int = 0  # failed in this pass, to be retried later
    gave_up: int = 0  # every email in the outbox that failed too often (requeue_emails)

    def __str__(self) -> str:
        return (
            f"Sent {self.sent} email(s); {self.failed} still failing (will retry); "
            f"{self.gave_up} given up (requeue them with manage.py requeue_emails)."
        )


def send_pending(limit: int | None = None, should_stop=lambda: False) -> SendReport:
    """Send the emails that are due, oldest first (at most `limit` of them), stopping early
    when `should_stop()` says so (a sender asked to shut down)."""
    due = OutboundEmail.objects.filter(_due(timezone.now())).order_by("created_at", "pk")
    ids = list(due.values_list("pk", flat=True)[:limit])
    report = SendReport()
    for pk in ids:
        if should_stop():
            break
        if send(pk):
            report.sent += 1
        elif OutboundEmail.objects.filter(pk=pk, status=OutboundEmail.Status.FAILED).exists():
            report.failed += 1
    report.gave_up = OutboundEmail.objects.filter(status=OutboundEmail.Status.GAVE_UP).count()
    return report


def kind_of(email: OutboundEmail) -> str:
    """Which email this is (an EmailKind or SITE_EMAIL), or "" for a key of another shape."""
    prefix = email.idempotency_key.partition(":")[0]
    return prefix if prefix in KIND_LABELS else ""


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, ""))


def of_kind(emails, kind: str):
    """The emails of one kind (`kind_of`), from a queryset of OutboundEmail."""
    return emails.filter(idempotency_key__startswith=f"{kind}:")


def given_up(ids=None):
    """The emails the senders gave up on (of those with the given ids, if any are given)."""
    emails = OutboundEmail.objects.filter(status=OutboundEmail.Status.GAVE_UP)
    return emails if ids is None else emails.filter(pk__in=ids)


def requeue_given_up(ids=None) -> int:
    """Put the given-up emails (every one, or those of the given ids) back in the queue with
    a fresh set of attempts; any other email is left alone. The last error stays on the row
    until the next try. Returns how many. `manage.py requeue_emails` and the admin's email
    log both call this."""
    return given_up(ids).update(
        status=OutboundEmail.Status.PENDING, attempts=0, next_attempt_at=None, claimed_at=None
    )


class OutboxBackend(BaseEmailBackend):
    """Django's email backend for the site: every email sent with Django's or Wagtail's mail
    functions is written to the outbox, one row per recipient, for the sender to deliver.
    The outbox carries text, HTML and a calendar file; any other attachment is refused
    rather than silently dropped."""

    def send_messages(self, email_messages) -> int:
        count = 0
        for message in email_messages:
            html = next(
                (
                    content
                    for content, kind in getattr(message, "alternatives", [])
                    if kind == "text/html"
                ),
                "",
            )
            ics = ""
            for attachment in message.attachments:
                name, content, kind = attachment
                if kind != "text/calendar":
                    raise ValueError(f"The outbox cannot carry the attachment {name!r} ({kind}).")
                ics = content.decode() if isinstance(content, bytes) else content
            for recipient in message.recipients():
                OutboundEmail.objects.create(
                    to=recipient,
                    subject=message.subject[:300],
                    text=message.body,
                    html=html,
                    ics=ics,
                    idempotency_key=f"{SITE_EMAIL}:{uuid4().hex}",
                )
            count += 1
        return count
