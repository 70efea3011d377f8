"""Helpers for the events tests: create events in the events server's database, count their
sign-ups, and read the sign-up form's spam stamp. (The SMTP server on loopback and the events
server that sends its email there are in tests/conftest.py: other apps' journeys use them.)"""

from __future__ import annotations

import json
import re
import time
import urllib.request

from django.conf import settings

from home import spam

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
