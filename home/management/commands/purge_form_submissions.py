"""Delete form pages' submissions sent more than FORM_SUBMISSION_RETENTION_DAYS ago (they are
personal data). Run daily, e.g. cron: `40 3 * * * manage.py purge_form_submissions`."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

BATCH = 500


class Command(BaseCommand):
    help = "Delete form submissions older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Override FORM_SUBMISSION_RETENTION_DAYS for this run.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.FORM_SUBMISSION_RETENTION_DAYS if days is None else days
        cutoff = timezone.now() - timedelta(days=days)
        due = FormSubmission.objects.filter(submit_time__lt=cutoff)
        total = due.count()
        if dry_run:
            self.stdout.write(
                f"Dry run: {total} form submission(s) sent before {cutoff:%Y-%m-%d} would be "
                "deleted. Nothing was changed."
            )
            return
        done = 0
        while True:
            batch = list(due.values_list("pk", flat=True)[:BATCH])
            if not batch:
                break
            FormSubmission.objects.filter(pk__in=batch).delete()
            done += len(batch)
            self.stdout.write(f"  {done} of {total}…")
        self.stdout.write(f"Deleted {done} form submission(s) sent before {cutoff:%Y-%m-%d}.")
