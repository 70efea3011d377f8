"""Erase one person's data on request: their sign-ups are cancelled (places pass to the waiting
list), then anonymised, and their outbox emails deleted."""

from django.core.management.base import BaseCommand

from events.personal_data import erase_for_email


class Command(BaseCommand):
    help = "Erase the personal data held about one email address."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, email: str, dry_run: bool = False, **options):
        count = erase_for_email(email, dry_run=dry_run)
        verb = "Would erase" if dry_run else "Erased"
        self.stdout.write(f"{verb} {count} sign-up(s) for {email}.")
