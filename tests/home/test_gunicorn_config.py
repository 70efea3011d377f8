"""The gunicorn configuration in the repository (deploy/gunicorn.conf.py), which production
and the test servers use: workers from the CPU count, a worker timeout above every dependency
deadline, recycled workers, and an access log without query strings, client addresses or
private sign-up links."""

from __future__ import annotations

import contextlib
import multiprocessing
import re
import runpy
import time
import urllib.error
import urllib.request

from tests.support.server import ROOT


def test_the_configuration_sizes_workers_from_the_cpus_and_bounds_them(monkeypatch):
    for name in ("WEB_CONCURRENCY", "GUNICORN_TIMEOUT", "GUNICORN_MAX_REQUESTS"):
        monkeypatch.delenv(name, raising=False)
    config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert config["workers"] == multiprocessing.cpu_count() * 2 + 1
    assert config["timeout"] == 30 and config["graceful_timeout"] == 30
    assert config["max_requests"] == 1000 and config["max_requests_jitter"] == 100
    monkeypatch.setenv("WEB_CONCURRENCY", "7")
    assert runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))["workers"] == 7


def _get(url: str) -> None:
    with contextlib.suppress(urllib.error.HTTPError):  # a 404 is logged like any other answer
        urllib.request.urlopen(url, timeout=30).close()


def test_the_access_log_keeps_no_query_strings_addresses_or_private_links(site_server):
    _get(f"{site_server.url}/en-gb/search/?q=ada.lovelace%40example.org")
    _get(f"{site_server.url}/en-gb/my-sign-up/Zm9vYmFy.secret-token-123/")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "my-sign-up" not in site_server.log():
        time.sleep(0.2)
    access = [
        line for line in site_server.log().splitlines() if re.match(r'^\[[^\]]+\] "[A-Z]+ ', line)
    ]
    assert any('"GET /en-gb/search/" 200' in line for line in access), access[-5:]
    assert any('"GET /en-gb/my-sign-up/[private]/"' in line for line in access), access[-5:]
    log = "\n".join(access)
    assert "lovelace" not in log and "?" not in log
    assert "secret-token-123" not in log
    assert "127.0.0.1" not in log, "no client addresses"
