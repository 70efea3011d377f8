"""The base of the commands that delete personal data once its retention period is over
(`purge_form_submissions`, `purge_practice_submissions`): the same options, dry run, batches
and progress report for each. Sign-ups are anonymised, not deleted (`purge_registrations`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import QuerySet
from django.utils import timezone

BATCH = 500


class RetentionPurgeCommand(BaseCommand):
    """Deletes the rows of `queryset(cutoff)`: those older than the setting named by
    `retention_setting` (a number of days), in batches, saying how far it has got."""

    retention_setting: str
    described_as: str  # "form submission(s)": what the report counts

    def queryset(self, cutoff: datetime) -> QuerySet:
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Override {self.retention_setting} for this run.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = getattr(settings, self.retention_setting) if days is None else days
        cutoff = timezone.now() - timedelta(days=days)
        due = self.queryset(cutoff)
        total = due.count()
        if dry_run:
            self.stdout.write(
                f"Dry run: {total} {self.described_as} sent before {cutoff:%Y-%m-%d} would be "
                "deleted. Nothing was changed."
            )
            return
        done = 0
        while batch := list(due.values_list("pk", flat=True)[:BATCH]):
            due.model.objects.filter(pk__in=batch).delete()
            done += len(batch)
            self.stdout.write(f"  {done} of {total}…")
        self.stdout.write(f"Deleted {done} {self.described_as} sent before {cutoff:%Y-%m-%d}.")
