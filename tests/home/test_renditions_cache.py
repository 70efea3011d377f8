"""Image renditions come from each process's own memory, not the shared cache: a page with
images makes no Redis round trip (and no query) per image once warm. It is safe per process
because a rendition's key holds the image's file hash and focal point: a replaced file or a
moved focal point is a new key on every server."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.models import Rendition

from home.demo.builder import make_image

pytestmark = pytest.mark.django_db


def test_renditions_are_kept_in_the_process_not_the_shared_cache():
    assert isinstance(Rendition.cache_backend, LocMemCache)
    image = make_image("A photo for the renditions cache", (40, 80, 120))
    rendition = image.get_rendition("fill-320x180")
    key = rendition.get_cache_key()
    assert caches["renditions"].get(key) is not None
    assert caches["default"].get(key) is None
    fresh = get_image_model().objects.get(pk=image.pk)
    with CaptureQueriesContext(connection) as queries:
        again = fresh.get_rendition("fill-320x180")
    assert again.url == rendition.url
    assert len(queries.captured_queries) == 0
