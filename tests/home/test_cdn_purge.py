"""Publishing purges the page from the CDN, through the CDN's purge API (the only thing we
stand in for, with a real HTTP server on loopback)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings
from wagtail.models import Locale

from home.models import StandardPage

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
    page = StandardPage.objects.get(slug="get-involved", locale=Locale.get_default())
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
    assert ("127.0.0.1", "/en-gb/get-involved/") in [
        (host.split(":")[0], path) for host, path in received
    ]
