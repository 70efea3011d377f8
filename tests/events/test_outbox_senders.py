"""Several email senders running at the same moment (overlapping cron runs, alongside the
long-running sender) send each waiting email exactly once, through the real SMTP server."""

from __future__ import annotations

import subprocess
import sys
import time

from tests.events.conftest import create_event
from tests.support.server import ROOT

QUEUE = """
from events.models import OutboundEmail
for n in range(20):
    OutboundEmail.objects.create(to=f"queued{{n}}@example.org", subject=f"Queued {{n}}",
        text="A queued email.", idempotency_key=f"test-queued-{{n}}-{event_id}")
"""


def test_overlapping_senders_send_each_email_once(events_server, smtp_server):
    """Three cron runs of `send_pending_emails` race the events server's own `run_email_sender`."""
    event = create_event(events_server, "outbox-event", capacity=5)
    events_server.manage("shell", "-c", QUEUE.format(event_id=event["id"]))
    senders = [
        subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "send_pending_emails"],
            env=events_server.env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [sender.communicate(timeout=120)[0] for sender in senders]
    assert all(output.startswith("Sent ") for output in outputs), outputs
    for n in range(20):
        smtp_server.wait_for(f"queued{n}@example.org", f"Queued {n}")
    time.sleep(1)  # a second copy, if any sender sent one, would have arrived by now
    for n in range(20):
        assert len(smtp_server.to(f"queued{n}@example.org")) == 1
