"""The one way the site turns an image into a rendition (for page bodies, cards, listings,
Open Graph tags and JSON-LD): `rendition(image, spec)`, and the `{% rendition %}` tag on it.

An image must never break a page. If the original file is missing or unreadable, or the
storage fails (S3 refusing or hung), the image is left out: `rendition` returns None and logs
one line, and the page answers 200 without it. After a storage failure that was slow (a hung
endpoint), new renditions are not attempted in this process for STORAGE_PAUSE, so a page with
ten images costs one storage deadline, not ten; renditions already made still show, as they
need only the database.
"""

from __future__ import annotations

import logging
import threading
import time

from django.db import DatabaseError
from wagtail.images.models import Filter

logger = logging.getLogger(__name__)

# How long new renditions are skipped after a slow storage failure.
STORAGE_PAUSE = 30.0
# A failure that took longer than this was a storage timeout rather than a missing file.
SLOW_FAILURE = 1.0

_lock = threading.Lock()
_storage_paused_until = 0.0


def _filter_spec(spec: str) -> str:
    """Template-style "fill-480x270 format-webp" or Python-style "fill-480x270|format-webp"."""
    return "|".join(spec.replace("|", " ").split())


def _storage_paused() -> bool:
    return time.monotonic() < _storage_paused_until


def _pause_storage() -> None:
    global _storage_paused_until
    with _lock:
        _storage_paused_until = time.monotonic() + STORAGE_PAUSE


def rendition(image, spec: str):
    """The image's rendition for `spec`, or None (with one log line) when it cannot be made."""
    if image is None:
        return None
    filter_spec = _filter_spec(spec)
    if _storage_paused():
        try:
            return image.find_existing_rendition(Filter(spec=filter_spec))
        except image.get_rendition_model().DoesNotExist:
            logger.warning(
                "Image %s left out (%s): storage unavailable, new renditions paused",
                image.pk,
                filter_spec,
            )
            return None
    started = time.monotonic()
    try:
        return image.get_rendition(filter_spec)
    except DatabaseError:
        raise  # the database is down: that is the whole page's problem (a 503), not the image's
    except Exception as error:  # missing file, unreadable image, storage error: leave it out
        if time.monotonic() - started > SLOW_FAILURE:
            _pause_storage()
        logger.warning(
            "Image %s left out (%s): %s: %s",
            image.pk,
            filter_spec,
            type(error).__name__,
            str(error)[:200],
        )
        return None
