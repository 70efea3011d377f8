"""The cache's Redis connection pool, failing fast when Redis is down or hung.

The site works without its cache (django-redis ignores cache errors), but each cache call
would still wait for Redis: with Redis hung, 2 s a call, retried by redis-py, times the
calls a page makes, past the worker's deadline. This pool does not retry, and after a
failure to connect it fails at once for PAUSE seconds, so a page costs at most one
connection timeout per process and pause, and Redis is tried again afterwards.
"""

from __future__ import annotations

import threading
import time

from redis.backoff import NoBackoff
from redis.connection import ConnectionPool
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

# Seconds the cache is left alone after Redis could not be reached.
PAUSE = 30.0


class FailFastConnectionPool(ConnectionPool):
    """Named in settings.CACHES (CONNECTION_POOL_CLASS)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(*args, **kwargs)
        self._pause_lock = threading.Lock()
        self._paused_until = 0.0

    def get_connection(self, *args, **kwargs):
        if time.monotonic() < self._paused_until:
            raise RedisConnectionError("Redis was unreachable moments ago; not trying yet")
        try:
            return super().get_connection(*args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError):
            with self._pause_lock:
                self._paused_until = time.monotonic() + PAUSE
            raise
