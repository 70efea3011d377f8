"""Personal data of sign-ups: anonymise after the retention period, export and erase on request."""

from __future__ import annotations

from django.db import transaction

from events.models import OutboundEmail, Registration


def anonymise(registration: Registration) -> None:
    """Remove everything that identifies the person; keep status and sector for counts."""
    with transaction.atomic():
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


def _for_email(email: str):
    return Registration.objects.filter(
        email__iexact=email.strip(), anonymised=False
    ).select_related("event", "sector")


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
    return {"email": email, "event_sign_ups": registrations}


def erase_for_email(email: str, dry_run: bool = False) -> int:
    from events.services import cancel_registration

    registrations = list(_for_email(email))
    if dry_run:
        return len(registrations)
    for registration in registrations:
        if registration.status != Registration.Status.CANCELLED:
            # Frees the place for the waiting list; the person asked to be forgotten, so no
            # cancellation email is sent.
            cancel_registration(registration, by_organiser=True, notify=False)
        anonymise(registration)
    return len(registrations)
