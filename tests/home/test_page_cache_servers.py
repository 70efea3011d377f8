"""The full-page cache across two real app servers (gunicorn) sharing one database and one
Redis: a page either builds is served by both, and an editor's publish on one is seen on the
other on the very next request."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid

import pytest
import redis

from tests.support.admin_client import AdminClient
from tests.support.server import start_site_server

REDIS_URL = "redis://127.0.0.1:6379/0"
HEADER = "X-Page-Cache"
# Two gunicorn servers sharing a cache.
pytestmark = pytest.mark.server


FIND_ARTICLE = """
import json
from django.contrib.auth import get_user_model
from wagtail.models import Locale
from home.models import NewsPage
User = get_user_model()
if not User.objects.filter(username="cache-editor").exists():
    User.objects.create_superuser("cache-editor", "cache-editor@example.org", "a-long-test-password")
article = NewsPage.objects.live().public().filter(locale=Locale.get_default()).order_by("-date", "-pk").first()
print(json.dumps({"id": article.pk, "url": article.url, "index": article.get_parent().url,
                  "title": article.title}))
"""

DRAFT_TITLE = """
from wagtail.models import Page

page = Page.objects.get(pk={pk}).specific
page.title = "{title}"
page.save_revision()
"""


def fetch(url: str, cookie: str = "") -> tuple[int, dict, str]:
    # Behind the load balancer, both app servers see the site's one host name.
    headers = {"Host": "localhost", **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    prefix = f"test-fast-cache-{uuid.uuid4().hex[:8]}"
    shared = {"REDIS_URL": REDIS_URL, "CACHE_KEY_PREFIX": prefix, "FULL_PAGE_CACHE_SECONDS": "300"}
    first = start_site_server(tmp_path_factory.mktemp("app-1"), shared, workers=2)
    try:
        second = start_site_server(
            tmp_path_factory.mktemp("app-2"), shared, workers=2, share_database_with=first
        )
    except Exception:
        first.stop()
        raise
    yield first, second
    second.stop()
    first.stop()
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


@pytest.mark.slow
def test_two_app_servers_share_pages_and_see_a_publish_at_once(two_servers):
    first, second = two_servers
    found = json.loads(first.manage("shell", "-v", "0", "-c", FIND_ARTICLE).stdout.splitlines()[-1])
    article, index = found["url"], found["index"]

    # The first server builds the pages; the second serves them from Redis without building.
    for path in (article, index):
        status, headers, _body = fetch(first.url + path)
        assert (status, headers.get(HEADER)) == (200, "miss"), path
        status, headers, body = fetch(second.url + path)
        assert (status, headers.get(HEADER)) == (200, "hit"), path
        assert found["title"] in body

    # A draft is not published: both servers keep serving the cached, published page.
    new_title = f"Freshly published {uuid.uuid4().hex[:6]}"
    first.manage("shell", "-v", "0", "-c", DRAFT_TITLE.format(pk=found["id"], title=new_title))
    _status, headers, body = fetch(second.url + index)
    assert headers.get(HEADER) == "hit" and new_title not in body

    # An editor publishes through the admin on the first server ...
    editor = AdminClient(first.url)
    editor.sign_in("cache-editor", "a-long-test-password")
    editor.bulk_publish(found["id"])

    # ... and the second server's very next answers show it: the article and its listing.
    _status, headers, body = fetch(second.url + index)
    assert new_title in body
    assert headers.get(HEADER) == "miss"
    _status, _headers, body = fetch(second.url + article)
    assert new_title in body

    # Unpublishing on the first server removes it from the second at once.
    editor.unpublish(found["id"])
    status, headers, _body = fetch(second.url + article)
    assert status == 404 and HEADER not in headers
    _status, _headers, body = fetch(second.url + index)
    assert new_title not in body


@pytest.mark.slow
def test_a_session_is_never_served_or_stored_by_the_shared_cache(two_servers):
    first, second = two_servers
    fetch(first.url + "/en-gb/")
    _status, headers, _body = fetch(second.url + "/en-gb/")
    assert headers.get(HEADER) == "hit"
    # Any session cookie (a signed-in editor, an editor half-way through two-factor sign-in)
    # gets a page built for it, and nothing it gets is kept for others.
    for _attempt in range(2):
        status, headers, _body = fetch(second.url + "/en-gb/", cookie="sessionid=abc123")
        assert status == 200
        assert HEADER not in headers
        assert "private" in headers["Cache-Control"]
