"""The cache in front (deploy/varnish/default.vcl), with Debian's real Varnish in front of the
real site (gunicorn): it keeps anonymous pages, passes editors through, accepts purges only
from the app servers, and a publish through the admin purges the page and every listing of it
at once while unrelated pages stay cached. A taxonomy term's new name reaches every cached page
at once (one ban of the whole site), a page moved in the admin is at its new address at once
and its old address no longer serves the stale copy, a recommendation refreshes the stage
page it is on and leaves a news article cached, and a bulk change in one transaction sends one
ban (counted by Varnish itself)."""

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
    yield site, port, workdir / "instance"
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
    site, port, _instance = varnish_site
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
    _site, port, _instance = varnish_site
    request(port, "/en-gb/")
    _status, state, _body = request(port, "/en-gb/")
    assert state == "hit"
    # 127.0.0.2 is loopback too, but not in the app_servers ACL.
    for method in ("PURGE", "BAN"):
        status, _state, _body = request(port, "/en-gb/", method=method, source="127.0.0.2")
        assert status == 405, method
    _status, state, _body = request(port, "/en-gb/")
    assert state == "hit", "a refused purge leaves the page cached"
    status, _state, _body = request(port, "/en-gb/", method="PURGE")
    assert status == 200
    _status, state, _body = request(port, "/en-gb/")
    assert state == "miss"


def test_editors_and_their_sessions_pass_through(varnish_site):
    _site, port, _instance = varnish_site
    request(port, "/en-gb/")
    for _attempt in range(2):
        status, state, _body = request(port, "/en-gb/", Cookie="sessionid=abc123")
        assert status == 200
        assert state == "miss", "a request with a session is never answered from the cache"
    _status, state, _body = request(port, "/admin/login/")
    _status, state, _body = request(port, "/admin/login/")
    assert state == "miss"


def editor_of(site, username: str) -> AdminClient:
    """A new superuser signed in to the admin (each sign-in sets up its own two-step device)."""
    site.manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from django.contrib.auth import get_user_model; get_user_model().objects"
        f".create_superuser('{username}', '{username}@example.org', 'a-long-test-password')",
    )
    editor = AdminClient(site.url)
    editor.sign_in(username, "a-long-test-password")
    return editor


def shell_json(site, code: str) -> dict:
    return json.loads(site.manage("shell", "-v", "0", "-c", code).stdout.splitlines()[-1])


def cache_them(port: int, paths) -> None:
    for path in paths:
        status, _state, _body = request(port, path)
        assert status == 200, path
        status, state, _body = request(port, path)
        assert (status, state) == (200, "hit"), path


SECTOR = """
import json
from wagtail.models import Locale
from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from home.models import NewsPage
english = Locale.get_default()
study = CaseStudyPage.objects.live().filter(locale=english, sector__live=True).first()
sector = study.sector
news = NewsPage.objects.live().filter(locale=english).first()
finder = CaseStudyIndexPage.objects.live().filter(locale=english).first()
print(json.dumps({"pk": sector.pk, "name": sector.name, "slug": sector.slug,
                  "description": sector.description, "sort_order": sector.sort_order,
                  "icon": sector.icon, "example": sector.is_example_content,
                  "study": study.url, "finder": finder.url, "news": news.url}))
"""


def test_a_term_published_in_the_admin_shows_at_once_on_every_cached_page(varnish_site):
    """An editor renames a sector (published directly, as a Moderator may): the case study
    and the finder showing it are fresh through Varnish at once, and so is every other cached
    page (a news article: the whole site is banned, as for the footer or the banner)."""
    site, port, _instance = varnish_site
    found = shell_json(site, SECTOR)
    cache_them(port, [found["study"], found["finder"], found["news"]])
    assert found["name"] in request(port, found["study"])[2]

    new_name = f"Renamed sector {uuid.uuid4().hex[:6]}"
    editor = editor_of(site, "term-editor")
    fields = {
        "name": new_name,
        "slug": found["slug"],
        "description": found["description"],
        "sort_order": str(found["sort_order"]),
        "icon": found["icon"],
        "action-publish": "publish",
    }
    if found["example"]:
        fields["is_example_content"] = "on"
    editor.post_form(f"/admin/snippets/home/sector/edit/{found['pk']}/", fields)

    for path in (found["study"], found["finder"]):
        _status, state, body = request(port, path)
        assert state == "miss", f"{path} was not purged"
        assert new_name in body, path
    _status, state, _body = request(port, found["news"])
    assert state == "miss", "every page shows the taxonomy's names: the whole site is banned"


MOVABLE = """
import json
from wagtail.models import Locale
from home.models import StandardPage
english = Locale.get_default()
pages = StandardPage.objects.live().filter(locale=english, show_in_menus=False, numchild=0)
page, parent = pages[0], pages[1]
print(json.dumps({"pk": page.pk, "url": page.url, "title": page.title, "slug": page.slug,
                  "parent": parent.pk, "parent_url": parent.url}))
"""


def test_a_page_moved_in_the_admin_is_at_its_new_address_at_once(varnish_site):
    site, port, _instance = varnish_site
    found = shell_json(site, MOVABLE)
    new_url = found["parent_url"] + found["slug"] + "/"
    cache_them(port, [found["url"], found["parent_url"]])
    status, _state, _body = request(port, new_url)
    assert status == 404, "nothing there yet (and the 404 is cached)"

    editor = editor_of(site, "move-editor")
    editor.post_form(f"/admin/pages/{found['pk']}/move/{found['parent']}/confirm/", {})

    status, _state, body = request(port, new_url)
    assert status == 200, "the moved page is at its new address at once"
    assert found["title"] in body
    status, state, body = request(port, found["url"])
    assert (status, state) != (200, "hit"), "the old address no longer serves the stale copy"
    assert status in (301, 302, 404), status


RECOMMENDATION = """
import json
from wagtail.models import Locale
from home.models import NewsPage
from roadmap.models import Recommendation
english = Locale.get_default()
recommendation = Recommendation.objects.filter(
    locale=english, live=True, stages__live=True).first()
stage = recommendation.stages.filter(live=True).first()
news = NewsPage.objects.live().filter(locale=english).order_by("date").first()
print(json.dumps({"pk": recommendation.pk, "stage": stage.url, "news": news.url}))
"""

PUBLISH_RECOMMENDATION = """
from roadmap.models import Recommendation
recommendation = Recommendation.objects.get(pk={pk})
recommendation.title = "{title}"
recommendation.save_revision().publish()
"""


def test_a_recommendation_refreshes_its_stage_page_and_leaves_news_cached(varnish_site):
    site, port, _instance = varnish_site
    found = shell_json(site, RECOMMENDATION)
    cache_them(port, [found["stage"], found["news"]])
    new_title = f"Offer reflective supervision {uuid.uuid4().hex[:6]}"
    site.manage(
        "shell", "-v", "0", "-c", PUBLISH_RECOMMENDATION.format(pk=found["pk"], title=new_title)
    )
    _status, state, body = request(port, found["stage"])
    assert state == "miss", "the stage page was not purged"
    assert new_title in body
    _status, state, _body = request(port, found["news"])
    assert state == "hit", "a news article does not show recommendations: it stays cached"


BULK = """
from django.db import transaction
from home.models import Borough
with transaction.atomic():
    for _round in range(50):
        for borough in Borough.objects.all():
            borough.save()
"""

# As load_demo_content does: many transactions (each save commits), one batch.
BATCHED = """
from home import purging
from home.models import Borough
with purging.batched():
    for _round in range(20):
        for borough in Borough.objects.all():
            borough.save()
"""


def bans_added(instance) -> int:
    output = subprocess.run(
        ["varnishstat", "-n", str(instance), "-1", "-f", "MAIN.bans_added"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    return int(output.split()[1])


@pytest.mark.parametrize("script", [BULK, BATCHED], ids=["one-transaction", "batched"])
def test_a_bulk_change_sends_one_ban(varnish_site, script):
    """Every borough saved again and again in one transaction (as a migration would), or in
    many within `purging.batched()` (as load_demo_content does): Varnish is asked for one
    ban, at the end."""
    site, port, instance = varnish_site
    cache_them(port, ["/en-gb/"])
    before = bans_added(instance)
    site.manage("shell", "-v", "0", "-c", script)
    assert bans_added(instance) - before == 1
    _status, state, _body = request(port, "/en-gb/")
    assert state == "miss"
