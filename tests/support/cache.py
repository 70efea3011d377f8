"""Counting round trips to the shared cache, as production's Redis would see them."""

from __future__ import annotations

from django.core.cache import caches

# Every call that is a round trip to Redis in production.
CACHE_CALLS = (
    "get",
    "get_many",
    "set",
    "set_many",
    "add",
    "incr",
    "delete",
    "delete_many",
    "touch",
)


class CacheRoundTrips:
    """Counts calls to the shared cache (each is one round trip to Redis) while it is open;
    calls a backend makes inside one (the test cache's get_many calls get per key) are not."""

    def __init__(self):
        self.backend = caches["default"]
        self.calls: list[str] = []
        self.depth = 0

    def __enter__(self):
        for name in CACHE_CALLS:
            original = getattr(self.backend, name)

            def counted(*args, _name=name, _original=original, **kwargs):
                if not self.depth:
                    self.calls.append(_name)
                self.depth += 1
                try:
                    return _original(*args, **kwargs)
                finally:
                    self.depth -= 1

            setattr(self.backend, name, counted)
        return self

    def __exit__(self, *exc):
        for name in CACHE_CALLS:
            delattr(self.backend, name)
