"""The one way the site turns an image into a rendition (for page bodies, cards, listings,
Open Graph tags and JSON-LD): `rendition(image, spec)`, and the `{% rendition %}` tag on it;
`responsive(image, spec)` and `{% srcset_rendition %}` are Wagtail's `{% srcset_image %}`
(its brace syntax, "width-{800,1200}", and its ResponsiveImage, which writes the srcset) with
the same guarantee. Wagtail's own tag is not used: it shows a broken image for a missing file
and fails the page on a storage error.

An image must never break a page. If the original file is missing or unreadable, or the
storage fails (S3 refusing or hung), the image is left out: `rendition` returns None, the
page answers 200 without it, and one line is logged per image (its failure is remembered for
FAILURE_MEMORY, so its other sizes and the next pages skip it quietly). After a storage
failure that was slow (a hung endpoint), no new rendition is attempted in this process for
FAILURE_MEMORY, so a page with ten images costs one storage deadline, not ten. Renditions
already made still show: they need only the database.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.db import DatabaseError
from wagtail.images.models import Filter, ResponsiveImage

logger = logging.getLogger(__name__)

# How long a failed image, or a slow storage, is left alone before it is tried again.
FAILURE_MEMORY = 60.0
# A failure that took longer than this was the storage timing out, not one bad file.
SLOW_FAILURE = 1.0

_lock = threading.Lock()
_failed_until: dict[tuple, float] = {}  # (image id, file name) -> when to try again
_storage_paused_until = 0.0


def _filter_spec(spec: str) -> str:
    """Template-style "fill-480x270 format-webp" or Python-style "fill-480x270|format-webp"."""
    return "|".join(spec.replace("|", " ").split())


def _remember_failure(key: tuple, slow: bool) -> None:
    global _storage_paused_until
    now = time.monotonic()
    with _lock:
        # Forget what has expired, so the memory stays as small as the set of broken images.
        for old in [k for k, until in _failed_until.items() if until <= now]:
            del _failed_until[old]
        _failed_until[key] = now + FAILURE_MEMORY
        if slow:
            _storage_paused_until = now + FAILURE_MEMORY


def rendition(image, spec: str):
    """The image's rendition for `spec`, or None when it cannot be made (image left out).
    No image (None, or "" from a template variable that does not exist) gives None."""
    filter_spec = _filter_spec(spec)
    found = _guarded(image, filter_spec, [filter_spec], lambda: [image.get_rendition(filter_spec)])
    return found[0] if found else None


def responsive(image, spec: str, attrs: dict | None = None) -> ResponsiveImage | None:
    """Renditions for every width in `spec` ("width-{800,1200} format-webp", as Wagtail's
    `{% srcset_image %}` takes it), as Wagtail's ResponsiveImage: it renders an <img> of the
    first with `attrs` and a srcset of them all. None (image left out) when they cannot be made."""
    filter_spec = _filter_spec(spec)
    specs = Filter.expand_spec(filter_spec)
    found = _guarded(image, filter_spec, specs, lambda: list(image.get_renditions(*specs).values()))
    return ResponsiveImage(dict(enumerate(found)), attrs) if found else None


def _existing(image, specs: list[str]) -> list | None:
    """Renditions already made (they need only the database), or None if one is missing."""
    found = []
    for spec in specs:
        try:
            found.append(image.find_existing_rendition(Filter(spec=spec)))
        except image.get_rendition_model().DoesNotExist:
            return None
    return found


def _guarded(image, filter_spec: str, specs: list[str], make: Callable[[], list]) -> list | None:
    """`make()` (the renditions for `specs`), or None when they cannot be made."""
    if not image:
        return None
    key = (image.pk, image.file.name)
    now = time.monotonic()
    if _failed_until.get(key, 0.0) > now:
        return _existing(image, specs)
    if _storage_paused_until > now:
        found = _existing(image, specs)
        if found is None:
            _remember_failure(key, slow=False)
            logger.warning(
                "Image %s left out (%s): the storage failed recently, retrying in %g s",
                image.pk,
                filter_spec,
                FAILURE_MEMORY,
            )
        return found
    started = time.monotonic()
    try:
        return make()
    except DatabaseError:
        raise  # the database is down: the whole page's problem (a 503), not the image's
    except Exception as error:  # missing, unreadable, storage error: leave the image out
        _remember_failure(key, slow=time.monotonic() - started > SLOW_FAILURE)
        logger.warning(
            "Image %s left out (%s): %s: %s",
            image.pk,
            filter_spec,
            type(error).__name__,
            str(error)[:200],
        )
        return None
