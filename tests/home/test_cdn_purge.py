"""Publishing purges the page from the CDN, through the CDN's purge API (the only thing we
stand in for, with a real HTTP server on loopback)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from casestudies.factories import CaseStudyIndexPageFactory
from events.factories import EventIndexPageFactory
from home.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    home_page,
    translate,
)
from roadmap.factories import RoadmapPageFactory, RoadmapStagePageFactory
from search.factories import SearchPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def purge_api():
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            received.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", received
    server.shutdown()


def test_publishing_a_page_purges_it_from_the_cdn(purge_api, django_capture_on_commit_callbacks):
    location, received = purge_api
    page = StandardPageFactory(title="Get involved", slug="get-involved")
    cdn = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    with (
        override_settings(WAGTAILFRONTENDCACHE=cdn),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page.save_revision().publish()
    # The purge names the site's own host, as the CDN knows it.
    assert (page.get_site().hostname, "/en-gb/get-involved/") in [
        (host.split(":")[0], path) for host, path in received
    ]


def test_publishing_purges_every_page_listing_it_in_every_language(
    purge_api, django_capture_on_commit_callbacks
):
    """The article (in both languages), its index and feed, home, the finder, the roadmap and
    its stage pages, search, the sitemap and the calendar feeds, in English and Arabic; nothing
    else."""
    location, received = purge_api
    translate(home_page(), title="الرئيسية")
    for listing in (
        NewsIndexPageFactory(slug="news"),
        CaseStudyIndexPageFactory(title="Promising practice", slug="promising-practice"),
        RoadmapPageFactory(),
        RoadmapStagePageFactory(title="Trauma-aware", slug="trauma-aware"),
        EventIndexPageFactory(),
        SearchPageFactory(),
    ):
        translate(listing, title=f"{listing.title} بالعربية")
    article = NewsPageFactory(title="A new partnership", slug="a-new-partnership")
    translate(article, title="شراكة جديدة")
    other_article = NewsPageFactory(title="An older article", slug="an-older-article")
    unrelated = StandardPageFactory(title="Get involved", slug="get-involved")
    cdn = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    with (
        override_settings(WAGTAILFRONTENDCACHE=cdn),
        django_capture_on_commit_callbacks(execute=True),
    ):
        article.save_revision().publish()
    paths = {path for _host, path in received}
    expected = {
        "/en-gb/news/a-new-partnership/",
        "/ar/news/a-new-partnership/",
        "/sitemap.xml",
        "/en-gb/event-calendar.ics",
        "/ar/event-calendar.ics",
    }
    for language in ("en-gb", "ar"):
        expected |= {
            f"/{language}/",
            f"/{language}/news/",
            f"/{language}/news/feed/",
            f"/{language}/promising-practice/",
            f"/{language}/promising-practice/feed/",
            f"/{language}/roadmap/",
            f"/{language}/roadmap/recommendations/",
            f"/{language}/roadmap/trauma-aware/",
            f"/{language}/events/",
            f"/{language}/search/",
        }
    assert expected <= paths, sorted(expected - paths)
    assert unrelated.url not in paths
    assert other_article.url not in paths
    assert len(paths) < 80, "a fixed set of addresses, not one per page of content"
