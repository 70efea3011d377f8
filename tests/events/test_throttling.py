"""Sign-ups are throttled per client address and per email address (home/throttling.py).

A script that sent 50 sign-ups from one address filled an event and sent 50 emails to one
inbox; now it gets the site's own "too many attempts" page (429, Retry-After) after the limit,
while other readers still get through, and with the shared cache down the limit still holds.
"""

from __future__ import annotations

import logging

import pytest
from django.test import override_settings

from events.factories import EventPageFactory, form_data
from events.models import OutboundEmail, Registration
from events.views import SIGN_UP
from home import throttling
from tests.support.server import free_port

pytestmark = pytest.mark.django_db

ADDRESS_LIMIT = SIGN_UP.throttle.per_address[0].count  # per 10 minutes
EMAIL_LIMIT = SIGN_UP.throttle.per_email[0].count  # per hour


def post(client, event, address: str, language: str = "en-gb", **data):
    return client.post(
        f"/{language}/sign-up/{event.pk}/",
        form_data(**data),
        HTTP_HOST="localhost",
        HTTP_ORIGIN="http://localhost",
        REMOTE_ADDR=address,
    )


def test_forty_rapid_sign_ups_from_one_address_are_refused_after_the_limit(client):
    assert ADDRESS_LIMIT < 40
    event = EventPageFactory(slug="rapid", capacity=100)
    statuses = [
        post(client, event, "203.0.113.7", email=f"person{n}@example.org").status_code
        for n in range(40)
    ]
    assert statuses == [303] * ADDRESS_LIMIT + [429] * (40 - ADDRESS_LIMIT)
    assert Registration.objects.filter(event=event).count() == ADDRESS_LIMIT
    # Another reader, on another connection, still gets through.
    other = post(client, event, "198.51.100.20", email="someone-else@example.org")
    assert other.status_code == 303
    assert Registration.objects.filter(event=event).count() == ADDRESS_LIMIT + 1


def test_the_throttled_page_is_the_sites_own_with_retry_after(client):
    event = EventPageFactory(slug="throttled-page", capacity=100)
    for n in range(ADDRESS_LIMIT):
        post(client, event, "203.0.113.8", email=f"p{n}@example.org")
    response = post(client, event, "203.0.113.8", email="one-more@example.org")
    page = response.content.decode()
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    assert "private" in response["Cache-Control"]
    assert '<html lang="en-gb" dir="ltr">' in page
    assert "<h1>Too many attempts</h1>" in page
    assert "Please try again in" in page and "minute" in page
    assert f'href="{event.url}"' in page
    assert 'id="main-content"' in page and "Content-Security-Policy" in response.headers
    assert not Registration.objects.filter(email="one-more@example.org").exists()


def test_the_throttled_page_is_in_arabic_for_arabic_readers(client):
    event = EventPageFactory(slug="throttled-arabic", capacity=100)
    for n in range(ADDRESS_LIMIT):
        post(client, event, "203.0.113.9", language="ar", email=f"p{n}@example.org")
    response = post(client, event, "203.0.113.9", language="ar", email="late@example.org")
    page = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"].isdigit()
    assert '<html lang="ar" dir="rtl">' in page
    assert "Too many attempts" not in page
    assert "محاولات كثيرة جدًا" in page


def test_one_inbox_cannot_be_flooded_from_many_addresses(client):
    events = [EventPageFactory(slug=f"one-inbox-{n}", capacity=100) for n in range(EMAIL_LIMIT + 2)]
    statuses = [
        post(client, event, f"192.0.2.{n + 1}", email="target@example.org").status_code
        for n, event in enumerate(events)
    ]
    assert statuses == [303] * EMAIL_LIMIT + [429, 429]
    assert OutboundEmail.objects.filter(to="target@example.org").count() == EMAIL_LIMIT
    # The limit is per email address, whatever its case, and other people are not affected.
    assert post(client, events[0], "192.0.2.200", email="TARGET@example.org").status_code == 429
    assert post(client, events[0], "192.0.2.201", email="friend@example.org").status_code == 303


@override_settings(CLIENT_IP_HEADER="X-Forwarded-For", TRUSTED_PROXY_COUNT=1)
def test_addresses_come_from_our_proxy_so_a_forged_header_does_not_help(client):
    event = EventPageFactory(slug="forged-forwarded-for", capacity=100)
    statuses = []
    for n in range(ADDRESS_LIMIT + 2):
        response = client.post(
            f"/en-gb/sign-up/{event.pk}/",
            form_data(email=f"forger{n}@example.org"),
            HTTP_HOST="localhost",
            HTTP_ORIGIN="http://localhost",
            # The client writes a new address each time; our proxy appends the real one.
            HTTP_X_FORWARDED_FOR=f"10.9.9.{n + 1}, 203.0.113.50",
        )
        statuses.append(response.status_code)
    assert statuses == [303] * ADDRESS_LIMIT + [429, 429]


def test_with_the_shared_cache_down_sign_ups_are_still_limited_per_process(client, caplog):
    """Redis refusing connections: sign-ups keep working, within the same limits counted by
    this process alone, and the outage is logged once, not once per request."""
    throttling._fallback.clear()
    throttling._last_outage_log = 0.0
    event = EventPageFactory(slug="cache-down", capacity=100)
    refusing = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    with override_settings(CACHES=refusing), caplog.at_level(logging.WARNING, "home.throttling"):
        statuses = [
            post(client, event, "203.0.113.60", email=f"down{n}@example.org").status_code
            for n in range(ADDRESS_LIMIT + 3)
        ]
    assert statuses == [303] * ADDRESS_LIMIT + [429] * 3
    outage_lines = [r for r in caplog.records if "shared cache is unreachable" in r.getMessage()]
    assert len(outage_lines) == 1
