"""Everything the site holds about one email address (a subject access request), as JSON."""

from django.core.management.base import BaseCommand

from events.personal_data import export_json


class Command(BaseCommand):
    help = "Print, as JSON, the personal data held about one email address."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        self.stdout.write(export_json(email))
