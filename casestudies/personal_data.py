"""The personal data this app holds: who shared a practice (PracticeSubmission). The events
app's personal-data tools (admin page and commands) export and erase it with a person's other
data through the `register_personal_data` Wagtail hook (casestudies/wagtail_hooks.py)."""

from __future__ import annotations

from casestudies.models import PracticeSubmission

KEY = "shared_practice"


def _for_email(email: str):
    return PracticeSubmission.objects.filter(contact_email__iexact=email.strip()).select_related(
        "page"
    )


def export(email: str) -> list[dict]:
    return [
        {
            "practice": submission.page.title if submission.page else "",
            "name": submission.contact_name,
            "email": submission.contact_email,
            "consent_contact": submission.consent_contact,
            "consent_publish": submission.consent_publish,
            "language": submission.language,
            "created_at": submission.created_at.isoformat(),
        }
        for submission in _for_email(email)
    ]


def erase(email: str, dry_run: bool = False) -> int:
    """Deletes the contact records; the case study (reviewed by the programme team, with no
    personal data) stays."""
    found = _for_email(email)
    count = found.count()
    if not dry_run:
        found.delete()
    return count
