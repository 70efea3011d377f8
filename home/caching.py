"""The one cache for published content: built once, kept in the shared cache (Redis in
production), and forgotten the moment an editor changes anything readers see.

Every key carries a generation number. Publishing, unpublishing, moving or deleting a page,
and saving or deleting any model an app `watch`es (taxonomy, footer, recommendations, ...),
bumps the generation, so every app server reads fresh content at once. Readers' own actions
(signing up, cancelling) use their own, narrower keys (see events.models); what they change
is a named version (`bump`) that cached pages showing it `depends_on`.

Within one request the generation is read once (`request_scope`, entered by the full-page
cache in home/page_cache.py), and a change made during the request is read afresh.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

from home import change_feed

T = TypeVar("T")

GENERATION_KEY = "content:generation"
TIMEOUT = 60 * 60 * 24


class RequestState:
    """What one request has read: the generation (once) and the versions it depends on."""

    def __init__(self, generation: int | None = None) -> None:
        self.generation = generation
        self.versions: dict[str, int] = {}


_state: ContextVar[RequestState | None] = ContextVar("content_request_state", default=None)


@contextmanager
def request_scope(generation: int | None = None) -> Iterator[RequestState]:
    """Read the generation at most once until the block ends (one request)."""
    state = RequestState(generation)
    token = _state.set(state)
    try:
        yield state
    finally:
        _state.reset(token)


def _first_generation() -> int:
    """Where the generation starts when the cache has none (new, or emptied): the time in
    milliseconds, so it is past any generation an app server may still remember."""
    return int(time.time() * 1000)


def _read_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _first_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY) or 1
    return generation


def current_generation() -> int:
    state = _state.get()
    if state is None:
        return _read_generation()
    if state.generation is None:
        state.generation = _read_generation()
    return state.generation


def read_current(key: str) -> tuple[int | None, object | None]:
    """The current generation and `key`'s value, in one round trip when this request has not
    read the generation yet (None for either that the cache does not have, or cannot give)."""
    state = _state.get()
    if state is not None and state.generation is not None:
        return state.generation, cache.get(key)
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if state is not None and generation is not None:
        state.generation = generation
    return generation, found.get(key)


def _bump_generation() -> None:
    try:
        generation = cache.incr(GENERATION_KEY)
    except ValueError:
        generation = _first_generation()
        cache.set(GENERATION_KEY, generation, timeout=None)
    change_feed.publish(GENERATION_KEY, generation)
    state = _state.get()
    if state is not None:
        state.generation = None  # this request reads the new one from now on


def invalidate(*args, **kwargs) -> None:
    """Forget every cached value (by moving to a new generation): now, and again when the
    editor's transaction commits, so no server can keep what it built in between from the
    not-yet-committed (old) content."""
    _bump_generation()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump_generation)


# Every version key an app declares (`version_key`): the full-page cache reads them all with the
# generation and the page, in one round trip.
VERSION_KEYS: list[str] = []


def version_key(name: str) -> str:
    """Declare a version (at import time): readers' actions `bump` it, pages `depends_on` it."""
    if name not in VERSION_KEYS:
        VERSION_KEYS.append(name)
    return name


def bump(version_key: str) -> None:
    """A reader's action changed what `version_key` stands for (e.g. places left at events):
    cached pages that depend on it are rebuilt on their next request."""
    value = 1
    if not cache.add(version_key, value, timeout=None):
        try:
            value = cache.incr(version_key)
        except ValueError:
            cache.set(version_key, value, timeout=None)
    change_feed.publish(version_key, value)


def depends_on(version_key: str) -> None:
    """The page being built shows something `version_key` stands for (read before it)."""
    state = _state.get()
    if state is not None and version_key not in state.versions:
        state.versions[version_key] = cache.get(version_key) or 0


def cached(
    key: str,
    build: Callable[[], T],
    timeout: int = TIMEOUT,
    fresh: Callable[[T], bool] | None = None,
) -> T:
    """`build()`'s result, from the cache until the next change an editor makes, or until
    `fresh(value)` says the clock has overtaken it (an event in it has ended, say)."""
    full_key = f"content:{current_generation()}:{key}"
    value = cache.get(full_key)
    if value is None or (fresh is not None and not fresh(value)):
        value = build()
        cache.set(full_key, value, timeout)
    return value


# What `watch` registered: models whose saves and deletes, and many-to-many tables whose
# changes, forget cached content (read by the receivers in home/signal_handlers.py).
WATCHED_MODELS: set[type] = set()
WATCHED_THROUGH: set[type] = set()


def watch(*models) -> None:
    """Forget cached content whenever one of these models (or its many-to-many tags) changes.

    Call it from an AppConfig.ready (the models must be loaded); home's signal handlers read
    the registry, so the order in which apps become ready does not matter."""
    for model in models:
        WATCHED_MODELS.add(model)
        for field in model._meta.many_to_many:
            through = getattr(field.remote_field, "through", None)
            if through is not None:
                WATCHED_THROUGH.add(through)
