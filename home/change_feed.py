"""What has changed, pushed to every app server by Redis, so the full-page cache can answer a
hit from the process's own memory, with no round trip to Redis, and still show a publish on
another server at once.

Every move of the content cache's generation, or of a readers' data version (places left),
is published on CHANNEL as it is made (home/caching.py). Each process keeps one connection
subscribed to it and, before answering a hit from memory, reads whatever has arrived on it,
without waiting. A message is delivered by Redis as it handles the change, before the editor's
request that made it has even answered, so the next request to any server sees it.

The process's own copy is trusted only while all of this holds:
- the subscription is up (a process subscribes on its first request, again after a fork,
  and after any error, not more than once per PAUSE seconds);
- the generation and versions were read from Redis itself less than VERIFY_SECONDS ago (a
  subscription that died without a word cannot leave a page stale for longer).
Otherwise the full-page cache reads Redis on every request, as it does without Redis at all.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import OrderedDict
from typing import Any

from django.conf import settings

logger = logging.getLogger(__name__)

CHANNEL = "content:changes"
# Seconds after which the generation is read from Redis again, whatever the feed said.
VERIFY_SECONDS = 1.0
# Seconds before trying to subscribe again after a failure.
PAUSE = 30.0
# Pages kept in each process's memory (the most recently used).
MAX_ENTRIES = 500
# Pages larger than this are not kept in memory (read from Redis each time).
MAX_ENTRY_BYTES = 512 * 1024


def _where() -> tuple[str, str] | None:
    """The cache's Redis and this site's channel on it (named with the cache's key prefix, so
    sites sharing a Redis never hear each other), or None when the cache is not Redis (tests,
    a single server)."""
    configured = settings.CACHES["default"]
    if "django_redis" not in str(configured.get("BACKEND", "")):
        return None
    from django.core.cache import cache

    return str(configured.get("LOCATION")), str(cache.make_key(CHANNEL))


def _client():
    from django_redis import get_redis_connection  # type: ignore[import-untyped]

    return get_redis_connection("default")


def publish(key: str, value: int) -> None:
    """Tell every app server that the cache's `key` (the generation or a version) is now
    `value`."""
    where = _where()
    if where is None:
        return
    try:
        _client().publish(where[1], f"{key}={value}")
    except Exception:  # the cache is down: servers read Redis (and find it down) themselves
        logger.debug("Could not publish a content change", exc_info=True)


class ChangeFeed:
    """One process's subscription, what it has heard, and the pages it keeps."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self.pid = os.getpid()
        self.where: tuple[str, str] | None = None
        self.pubsub: Any = None  # redis-py's PubSub while subscribed
        self.values: dict[str, int] = {}
        self.verified_at = 0.0
        self.paused_until = 0.0
        self.entries: OrderedDict[str, dict] = OrderedDict()

    # --- the subscription ---------------------------------------------------------------------

    def _drop(self) -> None:
        if self.pubsub is not None:
            try:
                self.pubsub.close()
            except Exception:
                logger.debug("Closing the change feed failed", exc_info=True)
        self.pubsub = None
        self.values = {}
        self.verified_at = 0.0
        self.entries.clear()
        self.paused_until = time.monotonic() + PAUSE

    def _subscribe(self, where: tuple[str, str]) -> bool:
        if time.monotonic() < self.paused_until:
            return False
        try:
            pubsub = _client().pubsub(ignore_subscribe_messages=True)
            pubsub.subscribe(where[1])
        except Exception:
            logger.warning("The change feed could not subscribe; pages are read from Redis")
            self.paused_until = time.monotonic() + PAUSE
            return False
        self.pubsub = pubsub
        self.where = where
        # Nothing heard before now counts: what it holds is read from Redis again (verified).
        self.values = {}
        self.verified_at = 0.0
        self.entries.clear()
        return True

    def _drain(self) -> bool:
        """Apply every message that has arrived, without waiting. False if the feed broke."""
        try:
            while True:
                message = self.pubsub.get_message(timeout=0)
                if message is None:
                    return True
                if message.get("type") != "message":
                    continue
                data = message["data"]
                name, _sep, value = (
                    data.decode() if isinstance(data, bytes) else str(data)
                ).partition("=")
                self.values[name] = int(value)
        except Exception:
            logger.warning("The change feed broke; pages are read from Redis until it is back")
            self._drop()
            return False

    def current(self) -> dict[str, int] | None:
        """The generation and versions as they are now, or None when the process's own copy
        cannot be trusted (see the module docstring): then read Redis, and call `verified`."""
        with self._lock:
            where = _where()
            if where is None:
                return None
            if self.pid != os.getpid():  # a forked worker: its parent's connection is not its own
                self._reset()
            if self.pubsub is not None and where != self.where:  # another cache (tests)
                self._drop()
                self.paused_until = 0.0
            if self.pubsub is None and not self._subscribe(where):
                return None
            if not self._drain():
                return None
            if time.monotonic() - self.verified_at > VERIFY_SECONDS:
                return None
            return self.values

    def verified(self, found: dict, keys: list[str]) -> None:
        """What a read of Redis just returned (`found`, for `keys`: the generation and every
        version), as the feed's starting point. Messages that arrived since are applied on the
        next `current`, in the order they were sent, so the newest value wins."""
        with self._lock:
            if self.pubsub is None:
                return
            if found.get(keys[0]) is None:
                return  # keys[0] is the generation: none yet, nothing to start from
            self.values = {key: found.get(key) or 0 for key in keys}
            self.verified_at = time.monotonic()

    # --- the pages kept in memory -----------------------------------------------------------

    def entry(self, key: str) -> dict | None:
        with self._lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def keep(self, key: str, entry: dict) -> None:
        if len(entry["content"]) > MAX_ENTRY_BYTES:
            return
        with self._lock:
            if self.pubsub is None:
                return
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > MAX_ENTRIES:
                self.entries.popitem(last=False)


feed = ChangeFeed()
