"""The email outbox's rows (sent by events/emails.py)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models.registrations import Registration


class OutboundEmail(models.Model):
    """An email waiting to be sent, or sent: written in the same transaction as the change
    that causes it, sent by the sender process (events/emails.py), retried with a growing
    delay, never sent twice."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, will retry")
        GAVE_UP = "gave_up", _("Failed too many times")

    class Delivery(models.TextChoices):
        """Where an email stands, in the admin's email log's four words (from `status`)."""

        WAITING = "waiting", _("Waiting")
        SENT = "sent", _("Sent")
        FAILING = "failing", _("Failing, will retry")
        GIVEN_UP = "given_up", _("Given up")

    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    text = models.TextField()
    html = models.TextField(blank=True)
    ics = models.TextField(blank=True, help_text=_("A calendar file to attach, if any."))
    idempotency_key = models.CharField(max_length=200, unique=True)
    headers = models.JSONField(
        default=dict,
        blank=True,
        help_text=_("Extra headers the sender adds (a list email's List-Unsubscribe)."),
    )
    registration = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.SET_NULL, related_name="emails"
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When a failed email is due to be tried again.")
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("outbound email")
        permissions = [("requeue_outboundemail", "Can requeue given-up emails")]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"

    @property
    def delivery(self) -> OutboundEmail.Delivery:
        return DELIVERY_OF_STATUS[OutboundEmail.Status(self.status)]

    def get_delivery_display(self) -> str:
        return str(self.delivery.label)

    @classmethod
    def statuses_for(cls, delivery: str) -> list[str]:
        """The `status` values that make up one delivery state (for filtering)."""
        return [status for status, shown in DELIVERY_OF_STATUS.items() if shown == delivery]


# Being sent counts as waiting: it is either sent in a moment or, if the sender died, tried
# again; a failed email that will be retried is failing until it is sent or given up.
DELIVERY_OF_STATUS = {
    OutboundEmail.Status.PENDING: OutboundEmail.Delivery.WAITING,
    OutboundEmail.Status.SENDING: OutboundEmail.Delivery.WAITING,
    OutboundEmail.Status.SENT: OutboundEmail.Delivery.SENT,
    OutboundEmail.Status.FAILED: OutboundEmail.Delivery.FAILING,
    OutboundEmail.Status.GAVE_UP: OutboundEmail.Delivery.GIVEN_UP,
}
