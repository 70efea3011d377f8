"""The settings module as an operator meets it: production checks, required secrets, the
database, the shared cache, response headers, robots.txt, the sitemap and the error pages."""

from __future__ import annotations

import json
import re
import secrets
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import RequestFactory
from wagtail.models import Page

from home.factories import StandardPageFactory, translate
from roadmap.factories import complete_roadmap
from tests.support.server import ROOT, free_port

XHTML = "{http://www.w3.org/1999/xhtml}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def manage(*args: str, env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    """Run manage.py in a clean environment: only what an operator would set."""
    import os

    base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env={**base, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def production_env(tmp_path, **extra: str) -> dict[str, str]:
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "trauma-informed.london,testserver",
        "DATABASE_URL": "postgres://tilondon@db.internal:5432/tilondon",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "PUBLIC_BASE_URL": "https://trauma-informed.london",
        "VAR_DIR": str(tmp_path),
        **extra,
    }


def database_for_another_process(tmp_path) -> str:
    """The test database, for another process to read and write (its writes are rolled back,
    see GET_PAGE): the database itself on PostgreSQL, a copy of it on SQLite, where this
    test's open transaction holds the write lock."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        copy = tmp_path / "test-db-copy.sqlite3"
        source, target = sqlite3.connect(settings["NAME"]), sqlite3.connect(copy)
        with target:
            source.backup(target)
        source.close()
        target.close()
        return f"sqlite:///{copy}"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return (
        f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


# A reader's request answered in another process, against the test database: the home page
# and an about page are built first, with the factories, in a transaction rolled back after
# the request, so the database stays as the test run found it.
GET_PAGE = """
import json
from django.db import transaction
from django.test import Client
from home.factories import StandardPageFactory
with transaction.atomic():
    StandardPageFactory(title="About", slug="about", introduction="Built for this request.")
    response = Client().get({path!r}, secure={secure})
    transaction.set_rollback(True)
print(json.dumps({{"status": response.status_code, "headers": dict(response.headers),
                   "body": response.content.decode()[:20000]}}))
"""


def get_in_subprocess(path: str, env: dict[str, str], secure: bool = False) -> dict:
    result = manage("shell", "-v", "0", "-c", GET_PAGE.format(path=path, secure=secure), env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- Production configuration ------------------------------------------------------------------


@pytest.mark.slow  # runs manage.py in other processes
def test_production_settings_pass_the_deployment_checks(tmp_path):
    env = production_env(tmp_path, AWS_STORAGE_BUCKET_NAME="tilondon-media")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow  # runs manage.py in other processes
def test_a_missing_secret_key_stops_the_site_with_a_clear_message(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


@pytest.mark.slow  # runs manage.py in other processes
def test_debug_must_be_a_clear_yes_or_no(tmp_path):
    result = manage("check", env=production_env(tmp_path, DEBUG="maybe"))
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


@pytest.mark.slow  # runs manage.py in other processes
@pytest.mark.django_db
def test_production_pages_carry_hsts_and_redirect_to_https(tmp_path):
    env = production_env(tmp_path, DATABASE_URL=database_for_another_process(tmp_path))
    del env["REDIS_URL"]
    collected = manage("collectstatic", "--no-input", "-v0", env=env)  # as a deployment does
    assert collected.returncode == 0, collected.stderr[-3000:]
    plain = get_in_subprocess("/en-gb/", env)
    assert plain["status"] == 301
    assert plain["headers"]["Location"].startswith("https://")
    secure = get_in_subprocess("/en-gb/", env, secure=True)
    assert secure["status"] == 200
    assert "A home page made for a test" in secure["body"]
    hsts = secure["headers"]["Strict-Transport-Security"]
    assert "max-age=63072000" in hsts and "includeSubDomains" in hsts and "preload" in hsts


# --- SQLite: writers queue rather than fail ----------------------------------------------------

PRAGMAS = """
from django.db import connection
with connection.cursor() as cursor:
    print(cursor.execute("PRAGMA journal_mode").fetchone()[0],
          cursor.execute("PRAGMA busy_timeout").fetchone()[0])
"""

WRITER = """
from django.db import connection, transaction
for number in range(25):
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO visits (note) VALUES (%s)", [f"{writer}-{number}"])
print("ok")
"""


@pytest.mark.slow  # runs manage.py in other processes
def test_the_default_sqlite_database_uses_wal_and_waits_for_the_write_lock(tmp_path):
    env = {"DEBUG": "true", "VAR_DIR": str(tmp_path)}
    result = manage("shell", "-v", "0", "-c", PRAGMAS, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["wal", "20000"]


@pytest.mark.slow  # runs manage.py in other processes
def test_concurrent_writers_on_sqlite_all_succeed(tmp_path):
    env = {"DEBUG": "true", "VAR_DIR": str(tmp_path)}
    create = "from django.db import connection\nconnection.cursor().execute('CREATE TABLE visits (note text)')"
    assert manage("shell", "-c", create, env=env).returncode == 0
    import os

    writer_env = {**os.environ, **env}
    writer_env.pop("DATABASE_URL", None)
    writer_env.pop("TESTING", None)
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "shell",
                "-v",
                "0",
                "-c",
                f"writer = {n}\n" + WRITER,
            ],
            env=writer_env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0 and out.strip().endswith("ok"), err[-2000:]
    count = "from django.db import connection\nprint(connection.cursor().execute('SELECT count(*) FROM visits').fetchone()[0])"
    assert manage("shell", "-v", "0", "-c", count, env=env).stdout.strip().endswith("100")


# --- Redis: a shared cache that may fail without taking the site down ------------------------


@pytest.mark.slow  # runs manage.py in other processes
def test_redis_url_makes_the_cache_shared_between_processes(tmp_path):
    prefix = f"test-{secrets.token_hex(4)}"
    env = {
        "DEBUG": "true",
        "VAR_DIR": str(tmp_path),
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "CACHE_KEY_PREFIX": prefix,
    }
    write = "from django.core.cache import cache\ncache.set('shared', 'from process one', 60)"
    read = "from django.core.cache import cache\nprint(cache.get('shared'))\ncache.delete('shared')"
    assert manage("shell", "-v", "0", "-c", write, env=env).returncode == 0
    result = manage("shell", "-v", "0", "-c", read, env=env)
    assert result.stdout.strip().splitlines()[-1] == "from process one"


@pytest.mark.slow  # runs manage.py in other processes
@pytest.mark.django_db
def test_pages_still_work_when_redis_is_down(tmp_path):
    closed = free_port()  # nothing listens here
    env = {
        "TESTING": "true",
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": database_for_another_process(tmp_path),
        "REDIS_URL": f"redis://127.0.0.1:{closed}/0",
        "ALLOWED_HOSTS": "testserver",
    }
    response = get_in_subprocess("/en-gb/about/", env)
    assert response["status"] == 200
    assert "<main" in response["body"]
    assert "Built for this request." in response["body"]


# --- What every reader gets ------------------------------------------------------------------


@pytest.mark.django_db
def test_public_pages_send_strict_security_headers(client):
    StandardPageFactory(title="About", slug="about")
    response = client.get("/en-gb/about/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_site")  # every page of the demo site
def test_readers_never_get_a_cookie(client, subtests):
    paths = [page.url for page in Page.objects.live().public().filter(depth__gt=1).specific()]
    paths += ["/", "/en-gb/search/?q=trauma", "/en-gb/no-such-page/", "/robots.txt", "/sitemap.xml"]
    for path in paths:
        with subtests.test(msg=path):
            response = client.get(path)
            assert response.status_code in (200, 302, 404)
            assert not response.cookies, f"{path} sets {list(response.cookies)}"
            assert "Set-Cookie" not in response.headers


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert re.search(r"^Sitemap: http://testserver/sitemap\.xml$", text, re.MULTILINE)


def sitemap_entries(client) -> dict[str, dict[str, str]]:
    """Each address /sitemap.xml lists, with its alternates by language."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ET.fromstring(response.content)  # noqa: S314 (our own response)
    return {
        urlsplit(url.find(f"{SITEMAP}loc").text).path: {
            link.get("hreflang"): urlsplit(link.get("href")).path
            for link in url.findall(f"{XHTML}link")
        }
        for url in tree.findall(f"{SITEMAP}url")
    }


@pytest.mark.django_db
def test_the_sitemap_lists_every_live_page_with_its_translations(client):
    about = StandardPageFactory(title="About", slug="about")
    translate(about, title="حول")
    StandardPageFactory(parent=about, title="Cookies", slug="cookies")
    StandardPageFactory(title="A draft", slug="draft", publish=False)
    entries = sitemap_entries(client)
    assert entries["/en-gb/about/"] == {"en-gb": "/en-gb/about/", "ar": "/ar/about/"}
    assert entries["/ar/about/"] == {"en-gb": "/en-gb/about/", "ar": "/ar/about/"}
    assert entries["/en-gb/about/cookies/"] == {}  # English only: no alternates
    live = (
        Page.objects.live().public().filter(depth__gt=1).exclude(content_type__model="searchpage")
    )
    assert len(entries) == live.count()


@pytest.mark.django_db
def test_the_sitemap_lists_the_recommendations_listing_and_each_audience_view(client):
    roadmap = complete_roadmap()
    translate(roadmap.page, title="خارطة الطريق")
    entries = sitemap_entries(client)
    views = ["recommendations/"] + [f"recommendations/{a.slug}/" for a in roadmap.audiences]
    assert "recommendations/vru/" in views
    for view in views:
        both = {"en-gb": f"/en-gb/roadmap/{view}", "ar": f"/ar/roadmap/{view}"}
        assert entries[f"/en-gb/roadmap/{view}"] == both
        assert entries[f"/ar/roadmap/{view}"] == both
        for path in both.values():  # every one listed is a page that answers
            assert client.get(path).status_code == 200
    assert "/en-gb/roadmap/print/" not in entries  # the print view repeats the page


# --- Error pages ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_not_found_page_has_the_site_shell(client):
    response = client.get("/en-gb/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    for part in ('href="#main-content"', "<header", '<main id="main-content"', "<footer"):
        assert part in html
    arabic = client.get("/ar/no-such-page/").content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic


def test_the_server_error_page_renders_without_the_database():
    """No database access is allowed in this test: any query would raise."""
    from home.views import server_error

    response = server_error(RequestFactory().get("/en-gb/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "<main" in html and "site.css" in html
