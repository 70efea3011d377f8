"""The only code that changes mailing-list subscriptions (public views, the purge and the
personal-data tools call it). Double opt-in: joining writes pending subscriptions and queues
one confirmation email; nothing counts until the reader presses "Confirm" on the page the
email's signed link opens (a GET never confirms, so a mail scanner fetching links cannot)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from events import emails
from events.links import LIST_CONFIRM_MAX_AGE_DAYS
from events.models import MailingList, OutboundEmail, Subscription
from events.models.lists import new_token

# An unsubscribed address is kept this long (so the person sees "you left" if they follow
# an old link), then deleted by the daily purge.
UNSUBSCRIBED_KEPT_DAYS = 30
LIST_EMAIL_KINDS = (emails.ListEmailKind.LIST_CONFIRM, emails.ListEmailKind.LIST_WELCOME)


def join(email: str, list_ids: list[int], language: str) -> list[Subscription]:
    """Ask to join lists: pending subscriptions and one confirmation email for the lists the
    address is not already on. Lists it is already on are left alone, and the caller answers
    every reader the same ("check your email"), so nobody learns who is on a list."""
    email = email.strip()
    confirm_token = new_token()
    now = timezone.now()
    pending = []
    with transaction.atomic():
        lists = MailingList.objects.filter(pk__in=list_ids)
        for mailing_list in lists:
            subscription = (
                Subscription.objects.select_for_update()
                .for_email(email)
                .filter(mailing_list=mailing_list)
                .first()
            )
            if subscription and subscription.status == Subscription.Status.CONFIRMED:
                continue
            if subscription is None:
                subscription = Subscription(email=email, mailing_list=mailing_list)
            subscription.status = Subscription.Status.PENDING
            subscription.language = language
            subscription.confirm_token = confirm_token
            subscription.created_at = now
            subscription.unsubscribed_at = None
            subscription.save()
            pending.append(subscription)
        if pending:
            emails.queue_list_confirmation(pending)
    return pending


def to_confirm(confirm_token: str) -> list[Subscription]:
    """The subscriptions a confirmation link is for, still waiting."""
    return list(
        Subscription.objects.filter(
            confirm_token=confirm_token, status=Subscription.Status.PENDING
        ).select_related("mailing_list")
    )


def confirm(confirm_token: str) -> list[Subscription]:
    """The reader pressed "Confirm": their pending subscriptions count from now, and each
    list sends its welcome email (with the unsubscribe link and headers)."""
    with transaction.atomic():
        subscriptions = to_confirm(confirm_token)
        now = timezone.now()
        for subscription in subscriptions:
            subscription.status = Subscription.Status.CONFIRMED
            subscription.confirmed_at = now
            subscription.confirm_token = ""
            subscription.save(update_fields=["status", "confirmed_at", "confirm_token"])
            emails.queue_list_welcome(subscription)
    return subscriptions


def unsubscribe(subscription: Subscription) -> None:
    if subscription.status == Subscription.Status.UNSUBSCRIBED:
        return
    Subscription.objects.filter(pk=subscription.pk).update(
        status=Subscription.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now(), confirm_token=""
    )


def set_lists(subscription: Subscription, keep_ids: set[int]) -> None:
    """The preferences page: stay on the confirmed lists in `keep_ids`, leave the others.
    (Joining a new list goes through the join form, so it is confirmed too.)"""
    for other in Subscription.objects.for_email(subscription.email).confirmed():
        if other.mailing_list_id not in keep_ids:
            unsubscribe(other)


def purge(now=None, dry_run: bool = False) -> int:
    """Delete pending subscriptions whose link has expired and addresses unsubscribed more
    than UNSUBSCRIBED_KEPT_DAYS ago. Returns how many."""
    now = now or timezone.now()
    stale = Subscription.objects.filter(
        status=Subscription.Status.PENDING,
        created_at__lt=now - timedelta(days=LIST_CONFIRM_MAX_AGE_DAYS),
    ) | Subscription.objects.filter(
        status=Subscription.Status.UNSUBSCRIBED,
        unsubscribed_at__lt=now - timedelta(days=UNSUBSCRIBED_KEPT_DAYS),
    )
    count = stale.count()
    if not dry_run:
        stale.delete()
    return count


def list_emails_to(email: str):
    """Outbox emails about mailing lists sent to one address."""
    rows = OutboundEmail.objects.filter(to__iexact=email.strip())
    keys = [emails.of_kind(rows, kind) for kind in LIST_EMAIL_KINDS]
    return keys[0] | keys[1]


def export_for_email(email: str) -> list[dict]:
    return [
        {
            "list": subscription.mailing_list.name,
            "status": subscription.status,
            "language": subscription.language,
            "joined_at": subscription.created_at.isoformat(),
            "confirmed_at": subscription.confirmed_at.isoformat()
            if subscription.confirmed_at
            else None,
            "unsubscribed_at": subscription.unsubscribed_at.isoformat()
            if subscription.unsubscribed_at
            else None,
        }
        for subscription in Subscription.objects.for_email(email).select_related("mailing_list")
    ]


def erase_for_email(email: str, dry_run: bool = False) -> int:
    """Delete every subscription of one address, and the list emails sent to it."""
    subscriptions = Subscription.objects.for_email(email)
    count = subscriptions.count()
    if not dry_run:
        with transaction.atomic():
            list_emails_to(email).delete()
            subscriptions.delete()
    return count
