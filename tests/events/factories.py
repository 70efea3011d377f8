"""Test helpers: events created under the demo site's events index."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from events.models import EventIndexPage, EventPage


def make_event(slug: str, capacity: int = 10, days_ahead: int = 20, **fields) -> EventPage:
    index = EventIndexPage.objects.get(locale__language_code="en-gb")
    start = timezone.now() + timedelta(days=days_ahead)
    event = EventPage(
        title=fields.pop("title", f"Event {slug}"),
        slug=slug,
        summary=fields.pop("summary", "A test event."),
        start=start,
        end=start + timedelta(hours=2),
        mode=fields.pop("mode", EventPage.Mode.HYBRID),
        venue="Test venue",
        address="1 Test Street\nLondon",
        online_joining_link="https://meet.example.org/private-room",
        capacity=capacity,
        **fields,
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    return event


def form_data(**overrides) -> dict:
    data = {"name": "Sam Signup", "email": "sam@example.org", "privacy_consent": "on"}
    data.update(overrides)
    return data
