"""Send outbox emails that are waiting or failed earlier. Run every few minutes, e.g. cron:
`*/5 * * * * manage.py send_pending_emails`. Safe to run twice at once: each email is
claimed by one sender before it is sent."""

from django.core.management.base import BaseCommand

from events.emails import send_pending


class Command(BaseCommand):
    help = "Send event emails that are waiting to be sent or are due a retry."

    def handle(self, *args, **options):
        sent, failed = send_pending()
        self.stdout.write(f"Sent {sent} email(s); {failed} still failing (will retry).")
