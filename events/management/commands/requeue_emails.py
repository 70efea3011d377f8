"""Put emails the senders gave up on (too many failed tries, e.g. a long mail-server outage)
back in the queue, once the cause is fixed. The sender then tries each again from scratch.
The admin's email log does the same, with the same function (`emails.requeue_given_up`)."""

from django.core.management.base import BaseCommand

from events.emails import given_up, requeue_given_up


class Command(BaseCommand):
    help = "Put the emails that failed too many times back in the queue to be sent again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say how many would be requeued."
        )

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            count = given_up().count()
            self.stdout.write(f"{count} given-up email(s) would be requeued.")
            return
        count = requeue_given_up()
        self.stdout.write(f"Requeued {count} given-up email(s); the sender will send them.")
