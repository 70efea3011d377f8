"""Fixtures for the events tests: a real SMTP server on loopback, a site server that sends its
email there, and helpers to create events in that server's database."""

from __future__ import annotations

import email
import email.policy
import json
import re
import threading
import time
import urllib.request

import pytest
from django.conf import settings

from home import spam
from tests.support.server import free_port, start_site_server


class CollectingHandler:
    """aiosmtpd handler that keeps every message it receives, parsed."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        with self.lock:
            return [m for m in self.messages if address.lower() in str(m["To"]).lower()]

    def wait_for(self, address: str, subject_contains: str = "", timeout: float = 20):
        """The first message to `address` whose subject contains the text (polls, real SMTP)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.to(address):
                if subject_contains.lower() in str(message["Subject"]).lower():
                    return message
            time.sleep(0.1)
        raise AssertionError(
            f"No email to {address} with {subject_contains!r}; got {[str(m['Subject']) for m in self.to(address)]}"
        )


@pytest.fixture(scope="session")
def smtp_server():
    from aiosmtpd.controller import Controller

    handler = CollectingHandler()
    handler.port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    yield handler
    controller.stop()


@pytest.fixture(scope="session")
def events_server(tmp_path_factory, smtp_server):
    """The real site (gunicorn, 4 workers) and its email sender (`run_email_sender`), sending
    to the loopback SMTP server, as in production.

    It reads the client's address from X-Forwarded-For, as behind the production proxy, so a
    test can stand for many readers (sign-ups are throttled per address)."""
    server = start_site_server(
        tmp_path_factory.mktemp("events-server"),
        extra_env={
            "CLIENT_IP_HEADER": "X-Forwarded-For",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_server.port),
            "EMAIL_USE_TLS": "false",
        },
        workers=4,
    )
    server.start_email_sender()
    yield server
    server.stop()


CREATE_EVENT = """
import json
from datetime import timedelta
from django.utils import timezone
from events.models import EventIndexPage, EventPage
index = EventIndexPage.objects.get(locale__language_code="en-gb")
start = timezone.now() + timedelta(days=20)
event = EventPage(title={title!r}, slug={slug!r}, summary="A test event.", start=start,
    end=start + timedelta(hours=3), mode={mode!r}, venue="Test venue", address="1 Test Street\\nLondon",
    online_joining_link="https://meet.example.org/secret-room", capacity={capacity})
index.add_child(instance=event)
event.save_revision().publish()
print(json.dumps({{"id": event.pk, "url": event.url}}))
"""


def create_event(server, slug: str, capacity: int, mode: str = "hybrid") -> dict:
    """Create and publish an event in the server's database; returns its id and URL."""
    code = CREATE_EVENT.format(title=f"Test event {slug}", slug=slug, mode=mode, capacity=capacity)
    result = server.manage("shell", "-c", code)
    return json.loads(result.stdout.strip().splitlines()[-1])


def served_stamp(server, event: dict) -> dict:
    """The sign-up form's spam stamp (home/spam.py) as the event page hands it out, once a
    person would have filled the form in: it waits the minimum fill time."""
    with urllib.request.urlopen(server.url + event["url"], timeout=30) as page:
        html = page.read().decode()
    value = re.search(r'name="form_started" value="([^"]+)"', html).group(1)
    time.sleep(settings.FORM_MIN_FILL_SECONDS)
    return {spam.STAMP_FIELD: value}


COUNT = """
import json
from events.models import Registration
rows = Registration.objects.filter(event_id={event_id})
print(json.dumps({{s: rows.filter(status=s).count() for s in ("confirmed", "waiting", "cancelled")}}))
"""


def registration_counts(server, event_id: int) -> dict:
    result = server.manage("shell", "-c", COUNT.format(event_id=event_id))
    return json.loads(result.stdout.strip().splitlines()[-1])
