"""The email sender for production: a long-running process that sends outbox emails as soon
as they are due, so that no reader's request ever waits on the mail server.

Run one (or more: each email is claimed by one sender) under a process manager that
restarts it, e.g. the systemd unit in deploy/tilondon-email-sender.service. It sends at most
`--batch` emails per pass, sleeps `--interval` seconds when there is nothing to do, and on
SIGTERM or SIGINT finishes the email in hand (bounded by EMAIL_TIMEOUT) and exits cleanly.
A database or mail outage is logged once per pass and retried; it never stops the process.
"""

from __future__ import annotations

import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from events.emails import send_pending

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Send event emails continuously until stopped (SIGTERM), for production."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=5.0,
            help="Seconds to sleep when no email is due (default 5).",
        )
        parser.add_argument(
            "--batch",
            type=int,
            default=50,
            help="Most emails sent in one pass before looking for new ones (default 50).",
        )

    def handle(self, *args, interval: float, batch: int, **options):
        stop = threading.Event()

        def request_stop(signum, frame):
            stop.set()

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)
        self.stdout.write(f"Email sender started (every {interval:g} s, {batch} per pass).")
        self.stdout.flush()
        while not stop.is_set():
            close_old_connections()  # a database restart must not leave us a dead connection
            try:
                report = send_pending(limit=batch, should_stop=stop.is_set)
            except Exception as error:  # e.g. the database is down: say so, wait, try again
                logger.warning("Email sender pass failed: %s: %s", type(error).__name__, error)
                stop.wait(interval)
                continue
            if report.sent or report.failed:
                self.stdout.write(str(report))
                self.stdout.flush()
            if report.sent + report.failed < batch:
                stop.wait(interval)
        close_old_connections()
        self.stdout.write("Email sender stopped.")
