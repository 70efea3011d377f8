"""Every dependency has a deadline shorter than a gunicorn worker's (30 s): a hung database or
S3 endpoint costs a reader a quick answer, never a worker killed mid-request. Redis being
down is logged once a minute, not as a traceback per request.

The real site runs in gunicorn with the repository's configuration (deploy/gunicorn.conf.py),
its dependency pointed at a real listener on 127.0.0.1 that accepts connections and never
answers (or, for Redis, a port that refuses).
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.support.faults import HungListener, refusing_port
from tests.support.server import ROOT, free_port, serve, site_env

# Real servers with hung or missing dependencies.
pytestmark = pytest.mark.server

WORKER_TIMEOUT = 30  # deploy/gunicorn.conf.py


def fetch(url: str) -> tuple[int, dict, str, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=WORKER_TIMEOUT + 10) as response:
            status, headers, body = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, dict(error.headers), error.read()
    return status, headers, body.decode("utf-8", "replace"), time.monotonic() - started


def test_with_the_database_hung_readers_get_the_sites_own_503_page_within_the_deadline(
    tmp_path,
):
    with HungListener() as database:
        port = free_port()
        env = site_env(tmp_path, port, f"postgres://postgres@127.0.0.1:{database.port}/tilondon")
        server = serve(tmp_path, port, env, workers=2, ready=(503,))
        try:
            status, headers, body, seconds = fetch(f"{server.url}/en-gb/")
            assert status == 503
            assert seconds < 15, f"took {seconds:.1f} s (database connect_timeout is 5 s)"
            assert "Sorry, the service is unavailable" in body
            assert '<html lang="en-GB" dir="ltr">' in body
            assert headers["Retry-After"] == "60"
            assert "default-src 'self'" in headers["Content-Security-Policy"]
            assert headers["X-Content-Type-Options"] == "nosniff"
            assert "no-cache" in headers["Cache-Control"]

            status, headers, body, seconds = fetch(f"{server.url}/ar/")
            assert status == 503 and seconds < 15
            assert '<html lang="ar" dir="rtl">' in body
            assert "عذرًا، الخدمة غير متاحة" in body

            status, _, _, seconds = fetch(f"{server.url}/healthz")
            assert status == 503 and seconds < 15, "the load balancer sees the outage"
            assert database.accepted >= 1, "the site did try the hung database"
            assert "WORKER TIMEOUT" not in server.log()
        finally:
            server.stop()


def test_a_statement_running_past_the_deadline_is_cancelled_by_postgresql(tmp_path):
    """statement_timeout comes from the settings (DATABASE_STATEMENT_TIMEOUT), here 1 s."""
    env = site_env(tmp_path, free_port(), "postgres://postgres@127.0.0.1:5432/postgres")
    env["DATABASE_STATEMENT_TIMEOUT"] = "1"
    code = (
        "import time\n"
        "from django.db import connection, OperationalError\n"
        "started = time.monotonic()\n"
        "try:\n"
        "    connection.cursor().execute('SELECT pg_sleep(20)')\n"
        "except OperationalError as error:\n"
        "    print('CANCELLED', round(time.monotonic() - started), error)\n"
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "CANCELLED" in result.stdout, result.stdout + result.stderr
    seconds = int(result.stdout.split("CANCELLED ")[1].split()[0])
    assert seconds <= 3
    assert "statement timeout" in result.stdout


FORGET_RENDITIONS = """
from wagtail.images import get_image_model

count = 0
for image in get_image_model().objects.all():
    count += image.renditions.count()
    image.renditions.all().delete()
print("DELETED", count)
"""


def test_with_s3_hung_a_page_needing_new_renditions_answers_within_the_deadline_without_them(
    site_server, tmp_path
):
    """The demo site's images, stored in a bucket whose endpoint hangs; no rendition made yet."""
    assert "DELETED" in site_server.manage("shell", "-c", FORGET_RENDITIONS).stdout
    with HungListener() as s3:
        port = free_port()
        env = {
            **site_server.env,
            "AWS_STORAGE_BUCKET_NAME": "tilondon-hung",
            "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{s3.port}",
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
            "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        }
        server = serve(tmp_path, port, env, workers=1)
        try:
            # Case studies: cards in a listing, each needing a new rendition.
            status, _, body, seconds = fetch(f"{server.url}/en-gb/promising-practice/")
            assert status == 200
            assert seconds < WORKER_TIMEOUT / 2, f"took {seconds:.1f} s with S3 hung"
            assert 'class="card__image"' not in body
            assert s3.accepted >= 1, "the site did try the hung endpoint"
            # The storage is known to be failing: the next page does not wait on it again.
            status, _, body, seconds = fetch(f"{server.url}/en-gb/news/")
            assert status == 200 and seconds < 5
            assert 'class="card__image"' not in body
            log = server.log()
            assert "left out" in log
            assert "WORKER TIMEOUT" not in log and "Traceback" not in log
        finally:
            server.stop()


@pytest.mark.parametrize("requests", [40])
def test_with_redis_down_the_site_works_and_logs_one_line_a_minute(site_server, tmp_path, requests):
    port = free_port()
    # The full-page cache on, as in production: its change feed tries Redis too.
    env = {
        **site_server.env,
        "REDIS_URL": f"redis://127.0.0.1:{refusing_port()}/0",
        "FULL_PAGE_CACHE_SECONDS": "300",
    }
    server = serve(tmp_path, port, env, workers=2)
    try:
        paths = ["/en-gb/", "/en-gb/news/", "/en-gb/promising-practice/", "/ar/"]
        statuses = [fetch(f"{server.url}{paths[n % len(paths)]}")[0] for n in range(requests)]
        assert statuses == [200] * requests
        lines = server.log().splitlines()
        # gunicorn's access log lines look like [time] "GET /path" 200 ...; the rest is logging.
        other = [line for line in lines if not re.match(r'^\[[^\]]+\] "[A-Z]+ ', line)]
        outage = [line for line in other if "home.cache_outage" in line]
        assert 1 <= len(outage) <= 2, "at most one line a minute per worker process"
        assert "ConnectionError" in outage[0] and "held back" in outage[0]
        assert "Traceback" not in "\n".join(other)
        assert len([line for line in other if "[INFO]" not in line]) <= 6, other
    finally:
        server.stop()


def test_with_redis_hung_pages_answer_without_waiting_on_it_each_time(site_server, tmp_path):
    with HungListener() as redis:
        port = free_port()
        env = {
            **site_server.env,
            "REDIS_URL": f"redis://127.0.0.1:{redis.port}/0",
            "FULL_PAGE_CACHE_SECONDS": "300",
        }
        server = serve(tmp_path, port, env, workers=1)
        try:
            timings = []
            for path in ["/en-gb/", "/en-gb/news/", "/en-gb/promising-practice/", "/ar/"] * 3:
                status, _, _, seconds = fetch(f"{server.url}{path}")
                assert status == 200
                timings.append(seconds)
            assert redis.accepted >= 1, "the site did try the hung Redis"
            assert max(timings) < 10, timings
            assert sorted(timings)[len(timings) // 2] < 3, "after one timeout it stops waiting"
        finally:
            server.stop()
