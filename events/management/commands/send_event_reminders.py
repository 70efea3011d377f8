"""Email a reminder to everyone confirmed for an event starting soon. Run hourly, e.g. cron:
`0 * * * * manage.py send_event_reminders`. Each person gets one reminder, however often it runs."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from events import emails
from events.models import Registration


class Command(BaseCommand):
    help = "Send reminders for events starting within the next --hours (default 48)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=48)
        parser.add_argument("--dry-run", action="store_true", help="List who would get one.")

    def handle(self, *args, hours: int, dry_run: bool, **options):
        now = timezone.now()
        due = Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            anonymised=False,
            event__cancelled=False,
            event__start__gt=now,
            event__start__lte=now + timedelta(hours=hours),
        ).select_related("event")
        count = 0
        for registration in due:
            count += 1
            if dry_run:
                self.stdout.write(
                    f"Would remind {registration.email} about “{registration.event.title}”"
                )
                continue
            with transaction.atomic():
                updated = Registration.objects.filter(
                    pk=registration.pk, reminder_sent_at__isnull=True
                ).update(reminder_sent_at=now)
                if updated:
                    emails.queue(registration, emails.EmailKind.REMINDER)
        verb = "Would send" if dry_run else "Sent"
        self.stdout.write(f"{verb} {count} reminder(s).")
