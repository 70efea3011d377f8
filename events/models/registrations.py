"""Sign-ups (registrations) and the queries about them."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import links


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class RegistrationQuerySet(models.QuerySet):
    def status_counts(self) -> dict[str, int]:
        """How many of these sign-ups have each status (every status, zero if none): one
        query."""
        counts = dict.fromkeys(Registration.Status.values, 0)
        rows = self.values("status").annotate(n=Count("pk"))
        counts.update({row["status"]: row["n"] for row in rows})
        return counts

    def counts_by_event(self, event_ids) -> dict[int, dict[str, int]]:
        """Sign-ups by status for each of these events (every event and status, zero if
        none): one grouped query."""
        counts = {pk: dict.fromkeys(Registration.Status.values, 0) for pk in event_ids}
        rows = (
            self.filter(event_id__in=set(event_ids))
            .values("event_id", "status")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            counts[row["event_id"]][row["status"]] = row["n"]
        return counts

    def for_manage_link(self, signed: str) -> Registration:
        """The sign-up a private manage link is for; links.LinkInvalid or links.LinkExpired
        otherwise."""
        token = links.token_from_link(signed)
        registration = (
            self.select_related("event", "sector")
            .filter(manage_token=token, anonymised=False)
            .first()
        )
        if registration is None or registration.manage_link_expired():
            raise links.LinkExpired
        return registration


class Registration(models.Model):
    """One person's sign-up for an event: confirmed, on the waiting list, or cancelled.

    Access and dietary needs can be health data: they are only stored with their own consent,
    and everything here is deleted or anonymised SIGNUP_RETENTION_DAYS after the event."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="registrations"
    )
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

    objects = RegistrationQuerySet.as_manager()

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
