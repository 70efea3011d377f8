"""Personal data of sign-ups: anonymise after the retention period, export and erase on request.

Anonymising reaches every copy Wagtail keeps, not just the sign-up's row: the admin's log
entries (an organiser's edit is logged under the person's name), and any log entry, revision
or page comment quoting their email address; the outbox emails are deleted. Nothing else holds
a copy: sign-ups have no revisions of their own, are not in the search index (the admin
searches them in the database), and the caches hold only counts. tests/events/test_erasure.py
looks in each of those stores after both commands."""

from __future__ import annotations

import json
import re

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from wagtail import hooks
from wagtail.models import Comment, CommentReply, ModelLogEntry, PageLogEntry, Revision

from events import subscriptions
from events.models import OutboundEmail, Registration, Subscription
from events.services import cancel_registration

ERASED = "[erased]"


def _scrubbed(value, pattern: re.Pattern):
    """The value (log entry data: dicts, lists, text) with every match of `pattern` erased."""
    if isinstance(value, str):
        return pattern.sub(ERASED, value)
    if isinstance(value, dict):
        return {key: _scrubbed(item, pattern) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrubbed(item, pattern) for item in value]
    return value


# Where Wagtail keeps text editors or the admin wrote: a comment on an event page ("Sam,
# sam@example.org, needs a hearing loop") lives in the comment, its log entry and the page's
# revisions. Each (model, fields) here loses the person's email and name wherever the email
# appears.
QUOTING_STORES = [
    (ModelLogEntry, ["label", "data"]),
    (PageLogEntry, ["label", "data"]),
    (Revision, ["object_str", "content"]),
    (Comment, ["text"]),
    (CommentReply, ["text"]),
]


def _erase_copies(registration_pk: int, name: str, email: str) -> None:
    """The sign-up's own log entries lose the name (their label becomes neutral); every log
    entry, revision and comment quoting the email address loses it and the name beside it."""
    pattern = re.compile(
        "|".join(re.escape(text) for text in sorted({name, email} - {""}, key=len, reverse=True)),
        re.IGNORECASE,
    )
    own = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Registration, for_concrete_model=False),
        object_id=str(registration_pk),
    )
    for entry in own:
        entry.label = f"Anonymised sign-up {registration_pk}"
        entry.data = _scrubbed(entry.data, pattern)
        entry.save(update_fields=["label", "data"])
    for model, fields in QUOTING_STORES:
        quotes = Q()
        for field in fields:
            quotes |= Q(**{f"{field}_text__icontains": email})
        rows = model.objects.annotate(
            **{f"{field}_text": Cast(field, TextField()) for field in fields}
        ).filter(quotes)
        for row in rows:
            for field in fields:
                setattr(row, field, _scrubbed(getattr(row, field), pattern))
            # update(), not save(): a comment or revision must not be re-logged or re-dated.
            model.objects.filter(pk=row.pk).update(
                **{field: getattr(row, field) for field in fields}
            )


def anonymise(registration: Registration) -> None:
    """Remove everything that identifies the person; keep status and sector for counts."""
    with transaction.atomic():
        name, email = (
            Registration.objects.filter(pk=registration.pk).values_list("name", "email").get()
        )
        OutboundEmail.objects.filter(registration=registration).delete()
        Registration.objects.filter(pk=registration.pk).update(
            name="",
            email=f"anonymised-{registration.pk}@invalid",
            organisation="",
            role="",
            access_needs="",
            access_needs_consent=False,
            dietary_needs="",
            dietary_needs_consent=False,
            anonymised=True,
        )
        _erase_copies(registration.pk, name, email)


def _for_email(email: str):
    return Registration.objects.filter(
        email__iexact=email.strip(), anonymised=False
    ).select_related("event", "sector")


def held_for_email(email: str) -> list[Registration]:
    """The sign-ups (not yet anonymised) held for one email address, oldest first."""
    return list(_for_email(email))


def held_subscriptions(email: str) -> list[Subscription]:
    """The mailing-list subscriptions held for one email address."""
    return list(Subscription.objects.for_email(email).select_related("mailing_list"))


def export_for_email(email: str) -> dict:
    registrations = []
    for registration in _for_email(email):
        registrations.append(
            {
                "event": registration.event.title,
                "event_start": registration.event.start.isoformat(),
                "status": registration.status,
                "name": registration.name,
                "email": registration.email,
                "organisation": registration.organisation,
                "sector": registration.sector.name if registration.sector else "",
                "role": registration.role,
                "access_needs": registration.access_needs,
                "access_needs_consent": registration.access_needs_consent,
                "dietary_needs": registration.dietary_needs,
                "dietary_needs_consent": registration.dietary_needs_consent,
                "privacy_consent": registration.privacy_consent,
                "language": registration.language,
                "created_at": registration.created_at.isoformat(),
                "updated_at": registration.updated_at.isoformat(),
                "emails": [
                    {
                        "subject": email.subject,
                        "status": email.status,
                        "created_at": email.created_at.isoformat(),
                    }
                    for email in registration.emails.all()
                ],
            }
        )
    data = {
        "email": email,
        "event_sign_ups": registrations,
        "mailing_lists": subscriptions.export_for_email(email),
    }
    for source in other_sources():
        data[source.KEY] = source.export(email)
    return data


def export_json(email: str) -> str:
    """`export_for_email` as the JSON file the person is sent (the command prints it; the
    admin's personal-data page downloads it)."""
    return json.dumps(export_for_email(email), indent=2, ensure_ascii=False)


def other_sources() -> list:
    """Other apps' personal data (e.g. who shared a practice), each a module with `KEY`,
    `export(email)` and `erase(email, dry_run)`, registered with the `register_personal_data`
    Wagtail hook, so these tools cover it without importing those apps."""
    return [source() for source in hooks.get_hooks("register_personal_data")]


def erase_for_email(email: str, dry_run: bool = False) -> int:
    """Erase one address: its sign-ups (cancelled, then anonymised) and its mailing-list
    subscriptions (deleted, with the list emails sent to it), and what other apps hold for it
    (`other_sources`). Returns how many sign-ups and other apps' records it found."""
    registrations = list(_for_email(email))
    subscriptions.erase_for_email(email, dry_run=dry_run)
    others = sum(source.erase(email, dry_run=dry_run) for source in other_sources())
    if dry_run:
        return len(registrations) + others
    for registration in registrations:
        if registration.status != Registration.Status.CANCELLED:
            # Frees the place for the waiting list; the person asked to be forgotten, so no
            # cancellation email is sent.
            cancel_registration(registration, by_organiser=True, notify=False)
        anonymise(registration)
    # Emails sent to the address outside a sign-up (e.g. "we received your practice").
    OutboundEmail.objects.filter(to__iexact=email.strip(), registration__isnull=True).delete()
    return len(registrations) + others
