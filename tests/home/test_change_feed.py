"""The change feed (home/change_feed.py) through a real Redis: a page this process has served
is answered from its own memory with no round trip, a change made anywhere is seen on the next
request, and a feed that breaks, or falls silent, never leaves a page stale for long."""

from __future__ import annotations

import time
import uuid

import pytest
import redis
from django.core.cache import cache
from django.test import override_settings

from events import services
from events.factories import EventPageFactory, form_data
from events.models import EventPage
from home import caching, change_feed, page_cache
from home.factories import StandardPageFactory
from tests.support.cache import CacheRoundTrips

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/0"
HEADER = "X-Page-Cache"


@pytest.fixture
def feed(monkeypatch):
    """This test's own app server: the shared Redis (under a prefix of its own), the full-page
    cache on, and a change feed of its own."""
    redis_cache = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-feed-{uuid.uuid4().hex[:8]}",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                "CONNECTION_POOL_CLASS": "home.redis_pool.FailFastConnectionPool",
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    own = change_feed.ChangeFeed()
    monkeypatch.setattr(page_cache, "feed", own)
    with override_settings(CACHES=redis_cache, FULL_PAGE_CACHE_SECONDS=300):
        yield own
        own._drop()


def state(client, path: str) -> str | None:
    response = client.get(path)
    assert response.status_code == 200
    return response.headers.get(HEADER)


def served_from_memory(client, path: str) -> bool:
    with CacheRoundTrips() as trips:
        hit = state(client, path) == "hit"
    return hit and trips.calls == []


def test_a_page_served_before_is_answered_from_memory_and_a_change_seen_at_once(client, feed):
    path = StandardPageFactory(title="Kept in memory").url
    assert state(client, path) == "miss"
    assert served_from_memory(client, path), "no round trip to Redis once the feed is up"
    # An editor publishes on another app server: the generation moves and is published.
    StandardPageFactory(title="Published elsewhere")
    assert state(client, path) == "miss", "seen on the very next request"
    assert served_from_memory(client, path)


def test_a_sign_up_elsewhere_shows_in_the_places_left_at_once(client, feed):
    event = EventPageFactory(title="A kept event", capacity=2)
    assert state(client, event.url) == "miss"
    assert served_from_memory(client, event.url)
    # A reader signs up through another app server: the places-left version moves.
    services.sign_up(EventPage.objects.get(pk=event.pk), form_data(), "en-gb")
    page = client.get(event.url)
    assert page.headers.get(HEADER) == "miss"
    assert "Only 1 place left" in page.content.decode()


def test_a_broken_feed_falls_back_to_reading_redis(client, feed):
    path = StandardPageFactory(title="A feed that breaks").url
    state(client, path)
    assert served_from_memory(client, path)
    # The feed's connection is cut (Redis restarted, a network fault), and a change is made
    # whose message is lost with it.
    host, port = feed.pubsub.connection._sock.getsockname()[:2]
    redis.Redis.from_url(REDIS_URL).client_kill(f"{host}:{port}")
    cache.incr(caching.GENERATION_KEY)
    assert state(client, path) == "miss", "not the stale copy"
    assert feed.pubsub is None
    assert state(client, path) == "hit"  # from Redis, one round trip, until the feed is back


def test_a_silent_feed_is_checked_against_redis_every_second(client, feed, monkeypatch):
    monkeypatch.setattr(change_feed, "VERIFY_SECONDS", 0.3)
    path = StandardPageFactory(title="A feed that says nothing").url
    state(client, path)
    assert served_from_memory(client, path)
    cache.incr(caching.GENERATION_KEY)  # a change whose message never arrives
    time.sleep(0.4)
    assert state(client, path) == "miss", "stale for VERIFY_SECONDS at most"
