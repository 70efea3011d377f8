"""Delete the contact details of people who shared a practice more than
PRACTICE_CONTACT_RETENTION_DAYS ago; the case studies made from them stay. Run daily, e.g. cron:
`45 3 * * * manage.py purge_practice_submissions`."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from casestudies.models import PracticeSubmission


class Command(BaseCommand):
    help = "Delete shared-practice contact details older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Override PRACTICE_CONTACT_RETENTION_DAYS for this run.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.PRACTICE_CONTACT_RETENTION_DAYS if days is None else days
        cutoff = timezone.now() - timedelta(days=days)
        due = PracticeSubmission.objects.filter(created_at__lt=cutoff)
        total = due.count()
        if dry_run:
            self.stdout.write(
                f"Dry run: {total} shared-practice contact(s) sent before {cutoff:%Y-%m-%d} "
                "would be deleted. Nothing was changed."
            )
            return
        due.delete()
        self.stdout.write(
            f"Deleted {total} shared-practice contact(s) sent before {cutoff:%Y-%m-%d}."
        )
