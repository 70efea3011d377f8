"""The one cache for published content: built once, kept in the shared cache (Redis in
production), and forgotten the moment an editor changes anything readers see.

Every key carries a generation number. Publishing, unpublishing, moving or deleting a page,
and saving or deleting any model an app `watch`es (taxonomy, footer, recommendations, ...),
bumps the generation, so every app server reads fresh content at once. Readers' own actions
(signing up, cancelling) use their own, narrower keys (see events.models).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

T = TypeVar("T")

GENERATION_KEY = "content:generation"
TIMEOUT = 60 * 60 * 24


def current_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY) or 1
    return generation


def invalidate(*args, **kwargs) -> None:
    """Forget every cached value (by moving to a new generation)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def cached(key: str, build: Callable[[], T], timeout: int = TIMEOUT) -> T:
    """`build()`'s result, from the cache until the next change an editor makes."""
    full_key = f"content:{current_generation()}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, timeout)
    return value


def watch(*models) -> None:
    """Forget cached content whenever one of these models (or its many-to-many tags) changes."""
    for model in models:
        post_save.connect(
            invalidate, sender=model, dispatch_uid=f"caching-save-{model._meta.label}"
        )
        post_delete.connect(
            invalidate, sender=model, dispatch_uid=f"caching-delete-{model._meta.label}"
        )
        for field in model._meta.many_to_many:
            through = getattr(field.remote_field, "through", None)
            if through is not None:
                m2m_changed.connect(
                    invalidate, sender=through, dispatch_uid=f"caching-m2m-{through._meta.label}"
                )


def _page_deleted(sender, **kwargs) -> None:
    if issubclass(sender, Page):
        invalidate()


for _signal in (page_published, page_unpublished, post_page_move):
    _signal.connect(invalidate, dispatch_uid=f"caching-{_signal!r}")
post_delete.connect(_page_deleted, dispatch_uid="caching-page-deleted")
