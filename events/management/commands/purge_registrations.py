"""Anonymise sign-ups of events that ended more than SIGNUP_RETENTION_DAYS ago: names, emails,
organisations, roles and needs go; the counts by status and sector stay. Run daily, e.g. cron:
`30 3 * * * manage.py purge_registrations`.

It also deletes mailing-list subscriptions never confirmed within the confirmation link's life
(LIST_CONFIRM_MAX_AGE_DAYS) and addresses unsubscribed more than 30 days ago."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from events import subscriptions
from events.models import Registration
from events.personal_data import anonymise


class Command(BaseCommand):
    help = "Anonymise personal data of sign-ups for events that ended long enough ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Override SIGNUP_RETENTION_DAYS for this run."
        )
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.SIGNUP_RETENTION_DAYS if days is None else days
        cutoff = timezone.now() - timedelta(days=days)
        due = Registration.objects.filter(event__end__lt=cutoff, anonymised=False)
        total = due.count()
        lists = subscriptions.purge(dry_run=dry_run)
        self.stdout.write(
            f"{'Would delete' if dry_run else 'Deleted'} {lists} unconfirmed or unsubscribed "
            "mailing-list address(es)."
        )
        if dry_run:
            self.stdout.write(
                f"Dry run: {total} sign-up(s) of events that ended before {cutoff:%Y-%m-%d} "
                "would be anonymised. Nothing was changed."
            )
            return
        done = 0
        for registration in due.iterator(chunk_size=200):
            anonymise(registration)
            done += 1
            if done % 100 == 0:
                self.stdout.write(f"  {done} of {total}…")
        self.stdout.write(
            f"Anonymised {done} sign-up(s) of events that ended before {cutoff:%Y-%m-%d}."
        )
