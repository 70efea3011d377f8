"""Many people signing up at once never get more confirmed places than there are.

Fired from separate processes at the real site (gunicorn, several workers), released together
by a barrier. Each person has their own address (as the proxy reports it), as real readers do:
sign-ups are throttled per address. Runs on SQLite, and on PostgreSQL when DATABASE_URL points there."""

from __future__ import annotations

import multiprocessing
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ProcessPoolExecutor

from tests.events.conftest import create_event, registration_counts, served_stamp

PEOPLE = 60
PLACES = 10


def _sign_up(args) -> int:
    base_url, event_id, number, barrier, stamp = args
    data = urllib.parse.urlencode(
        {
            "name": f"Person {number}",
            "email": f"person{number}@example.org",
            "privacy_consent": "on",
            **stamp,
        }
    ).encode()
    request = urllib.request.Request(
        f"{base_url}/en-gb/sign-up/{event_id}/",
        data=data,
        headers={
            "Origin": base_url,
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Forwarded-For": f"10.1.{number // 200}.{number % 200 + 1}",
        },
    )
    barrier.wait(timeout=60)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # follows the 303
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_simultaneous_sign_ups_never_overbook(events_server):
    event = create_event(events_server, "busy-event", capacity=PLACES)
    stamp = served_stamp(events_server, event)  # everyone filled in the form first
    with multiprocessing.Manager() as manager:
        barrier = manager.Barrier(PEOPLE)
        with ProcessPoolExecutor(max_workers=PEOPLE) as pool:
            statuses = list(
                pool.map(
                    _sign_up,
                    [(events_server.url, event["id"], n, barrier, stamp) for n in range(PEOPLE)],
                )
            )
    assert statuses == [200] * PEOPLE, statuses
    counts = registration_counts(events_server, event["id"])
    assert counts == {"confirmed": PLACES, "waiting": PEOPLE - PLACES, "cancelled": 0}
    assert "Traceback" not in events_server.log()
