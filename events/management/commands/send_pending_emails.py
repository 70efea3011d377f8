"""Send outbox emails that are waiting or due a retry, once, then stop. The fallback when the
long-running `run_email_sender` is not available, e.g. cron:
`*/5 * * * * manage.py send_pending_emails`. Safe to run twice at once, and alongside the
sender: each email is claimed by one sender before it is sent."""

from django.core.management.base import BaseCommand

from events.emails import send_pending


class Command(BaseCommand):
    help = "Send event emails that are waiting to be sent or are due a retry, then stop."

    def handle(self, *args, **options):
        self.stdout.write(str(send_pending()))
