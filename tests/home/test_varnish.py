"""The cache in front (deploy/varnish/default.vcl), with Debian's real Varnish in front of the
real site (gunicorn): it keeps anonymous pages, passes editors through, accepts purges only
from the app servers, and a publish through the admin purges the page and every listing of it
at once while unrelated pages stay cached."""

from __future__ import annotations

import http.client
import json
import shutil
import socket
import subprocess
import time
import uuid

import pytest

from tests.support.admin_client import AdminClient
from tests.support.server import ROOT, free_port, start_site_server

pytestmark = [pytest.mark.slow, pytest.mark.server]

VCL = ROOT / "deploy" / "varnish" / "default.vcl"
CACHE = "X-Varnish-Cache"

PAGES = """
import json
from django.contrib.auth import get_user_model
from wagtail.models import Locale
from home.models import NewsPage, StandardPage
User = get_user_model()
if not User.objects.filter(username="purge-editor").exists():
    User.objects.create_superuser("purge-editor", "purge-editor@example.org", "a-long-test-password")
english = Locale.get_default()
article = NewsPage.objects.live().filter(locale=english).order_by("-date", "-pk").first()
standard = StandardPage.objects.live().filter(locale=english).exclude(slug="get-involved").first()
print(json.dumps({"id": article.pk, "url": article.url, "index": article.get_parent().url,
                  "unrelated": standard.url}))
"""

DRAFT_TITLE = """
from wagtail.models import Page
page = Page.objects.get(pk={pk}).specific
page.title = "{title}"
page.save_revision()
"""


def ensure_varnish() -> str:
    """Debian's varnishd, installed with apt-get when missing (bounded in time)."""
    if shutil.which("varnishd") is None:
        subprocess.run(
            ["apt-get", "install", "-y", "varnish"], check=True, capture_output=True, timeout=600
        )
    return shutil.which("varnishd") or "/usr/sbin/varnishd"


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


@pytest.fixture(scope="module")
def varnish_site(tmp_path_factory):
    varnishd = ensure_varnish()
    workdir = tmp_path_factory.mktemp("varnish")
    port = free_port()
    site = start_site_server(
        tmp_path_factory.mktemp("behind-varnish"),
        {
            "PAGE_CACHE_SECONDS": "300",
            "CDN_PURGE_URL": f"http://127.0.0.1:{port}",
            # Two workers share sessions and caches through Redis, as app servers do in
            # production: with a per-process cache, a worker could read an editor's session as
            # it was before two-step sign-in finished.
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "CACHE_KEY_PREFIX": f"varnish-test-{uuid.uuid4().hex[:8]}",
        },
        workers=2,
    )
    site_port = site.url.rsplit(":", 1)[1]
    vcl = workdir / "default.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{site_port}";'))
    process = subprocess.Popen(
        [
            varnishd,
            "-F",
            "-j",
            "none",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(vcl),
            "-n",
            str(workdir / "instance"),
            "-s",
            "malloc,64m",
        ],
        stdout=(workdir / "varnish.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port)
    except RuntimeError:
        process.kill()
        site.stop()
        raise RuntimeError((workdir / "varnish.log").read_text()) from None
    yield site, port
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    site.stop()


def request(port: int, path: str, method: str = "GET", source: str = "127.0.0.1", **headers):
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=30, source_address=(source, 0)
    )
    try:
        connection.request(method, path, headers={"Host": f"127.0.0.1:{port}", **headers})
        response = connection.getresponse()
        return response.status, response.getheader(CACHE), response.read().decode()
    finally:
        connection.close()


def test_a_publish_purges_the_page_and_its_listings_in_every_language(varnish_site):
    site, port = varnish_site
    found = json.loads(site.manage("shell", "-v", "0", "-c", PAGES).stdout.splitlines()[-1])
    listings = [found["index"], "/en-gb/", "/ar/", "/sitemap.xml"]
    everything = [found["url"], found["unrelated"], *listings]
    for path in everything:
        status, _state, _body = request(port, path)
        assert status == 200, path
        status, state, _body = request(port, path)
        assert (status, state) == (200, "hit"), path

    new_title = f"Published through Varnish {uuid.uuid4().hex[:6]}"
    site.manage("shell", "-v", "0", "-c", DRAFT_TITLE.format(pk=found["id"], title=new_title))
    editor = AdminClient(site.url)
    editor.sign_in("purge-editor", "a-long-test-password")
    editor.bulk_publish(found["id"])

    for path in (found["url"], found["index"]):
        _status, state, body = request(port, path)
        assert state == "miss", f"{path} was not purged"
        assert new_title in body, path
    for path in listings[1:]:
        _status, state, _body = request(port, path)
        assert state == "miss", f"{path} was not purged"
    _status, state, _body = request(port, found["unrelated"])
    assert state == "hit", "an unrelated page stays cached"


def test_only_the_app_servers_may_purge(varnish_site):
    _site, port = varnish_site
    request(port, "/en-gb/")
    _status, state, _body = request(port, "/en-gb/")
    assert state == "hit"
    # 127.0.0.2 is loopback too, but not in the app_servers ACL.
    status, _state, _body = request(port, "/en-gb/", method="PURGE", source="127.0.0.2")
    assert status == 405
    _status, state, _body = request(port, "/en-gb/")
    assert state == "hit", "a refused purge leaves the page cached"
    status, _state, _body = request(port, "/en-gb/", method="PURGE")
    assert status == 200
    _status, state, _body = request(port, "/en-gb/")
    assert state == "miss"


def test_editors_and_their_sessions_pass_through(varnish_site):
    _site, port = varnish_site
    request(port, "/en-gb/")
    for _attempt in range(2):
        status, state, _body = request(port, "/en-gb/", Cookie="sessionid=abc123")
        assert status == 200
        assert state == "miss", "a request with a session is never answered from the cache"
    _status, state, _body = request(port, "/admin/login/")
    _status, state, _body = request(port, "/admin/login/")
    assert state == "miss"
