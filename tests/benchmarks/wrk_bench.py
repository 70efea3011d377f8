"""`make bench`: how fast the site serves each page type, uncached and from the full-page cache.

Starts two production-like copies of the site (gunicorn, DEBUG off, collected static files)
on loopback, on one demo database: one with the full-page cache off (every request builds the
page; the content cache still works), one with it on. For every page type it loads each with
`wrk`, one after the other so they never compete, and prints requests per second and the
99th-percentile latency as a table. It asserts nothing about time: numbers depend on the
machine and whatever else runs on it. Compare columns within one run, not across runs.

`--compare URL [--page TYPE] [--passes N]`: side by side with another site the user runs
(e.g. Wagtail's bakerydemo's blog index): only the uncached copy starts, and passes alternate,
the other site then ours (the case study finder unless --page names another page type), so a
busy machine slows both alike. It prints each pass, the ratio of adjacent passes and the
medians.

Environment: BENCH_DURATION (seconds per measurement, default 10), BENCH_CONNECTIONS (16),
BENCH_THREADS (2), BENCH_WORKERS (gunicorn workers, 2). Redis on 127.0.0.1:6379 is used when it
answers (as in production, shared by the workers), else each worker's own memory.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKDIR = ROOT / "var" / "bench"
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
REDIS = ("127.0.0.1", 6379)

EXAMPLES = """
import json
from wagtail.models import Locale, Page
from home.models import Audience
examples = {}
pages = Page.objects.live().public().filter(depth__gt=1, locale=Locale.get_default())
for page in pages.specific().order_by("path"):
    examples.setdefault(type(page).__name__, page.url)
audience = Audience.objects.filter(locale=Locale.get_default()).order_by("pk").first()
roadmap = examples.get("RoadmapPage", "/en-gb/roadmap/")
examples.update({
    "Arabic home": "/ar/",
    "Sitemap": "/sitemap.xml",
    "Search results": examples.get("SearchPage", "/en-gb/search/") + "?q=trauma",
    "Finder, filtered": examples.get("CaseStudyIndexPage", "/en-gb/") + "?sector=health",
    "Recommendations": roadmap + "recommendations/",
    "Audience view": roadmap + "recommendations/" + (audience.slug if audience else "") + "/",
    "News feed": examples.get("NewsIndexPage", "/en-gb/news/") + "feed/",
})
print(json.dumps(examples))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_answers() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


def base_env() -> dict[str, str]:
    env = {
        **os.environ,
        "DEBUG": "false",
        "TESTING": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{WORKDIR / 'bench.sqlite3'}",
        "VAR_DIR": str(WORKDIR),
        "STATIC_ROOT": str(WORKDIR / "static"),
        "MEDIA_ROOT": str(WORKDIR / "media"),
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if redis_answers():
        env["REDIS_URL"] = f"redis://{REDIS[0]}:{REDIS[1]}/0"
        env["CACHE_KEY_PREFIX"] = f"bench-{secrets.token_hex(4)}"
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def start(env: dict[str, str], page_cache_seconds: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server_env = {**env, "FULL_PAGE_CACHE_SECONDS": str(page_cache_seconds)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "site.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--timeout",
            "60",
        ],
        env=server_env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=(WORKDIR / f"gunicorn-{port}.log").open("w"),
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn stopped: see {WORKDIR}/gunicorn-{port}.log")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2):
                return process, url
        except OSError:
            time.sleep(0.3)
    process.kill()
    sys.exit("gunicorn did not start within 60 s")


def wrk(url: str) -> tuple[float, str, int]:
    """Requests per second, the 99th-percentile latency, and non-2xx answers."""
    output = subprocess.run(
        [
            "wrk",
            f"-t{THREADS}",
            f"-c{CONNECTIONS}",
            f"-d{DURATION}s",
            "--latency",
            "--timeout",
            "10s",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=DURATION + 60,
        check=True,
    ).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return (
        float(rate.group(1)) if rate else 0.0,
        p99.group(1) if p99 else "-",
        int(errors.group(1)) if errors else 0,
    )


def warm(url: str) -> str:
    """Fetch a page twice (builds it, then caches it) and say where the second came from."""
    for _attempt in range(2):
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            state = response.headers.get("X-Page-Cache", "")
    return state


def milliseconds(latency: str) -> float:
    """wrk's latency ("731.92ms", "1.25s", "950.00us") in milliseconds."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", latency)
    if not match:
        return float("nan")
    return float(match.group(1)) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[match.group(2)]


def compare(other_url: str, our_url: str, passes: int) -> None:
    """Alternate passes over the other site's page and ours; print each, the ratio of each
    adjacent pair (ours / theirs) and the medians."""
    for url in (other_url, our_url):
        warm(url)
    print(f"{'pass':>4} {'other r/s':>10} {'p99':>9} {'ours r/s':>9} {'p99':>9} {'ratio':>6}")
    rows = []
    for number in range(1, passes + 1):
        other = wrk(other_url)
        ours = wrk(our_url)
        ratio = ours[0] / other[0] if other[0] else float("nan")
        rows.append((other, ours, ratio))
        errors = other[2] + ours[2]
        note = f"  ({errors} non-2xx answers)" if errors else ""
        print(
            f"{number:>4} {other[0]:>10.1f} {other[1]:>9} {ours[0]:>9.1f} {ours[1]:>9} "
            f"{ratio:>6.2f}{note}",
            flush=True,
        )
    median_p99 = [statistics.median(milliseconds(row[side][1]) for row in rows) for side in (0, 1)]
    print(
        f"{'med':>4} {statistics.median(row[0][0] for row in rows):>10.1f} "
        f"{median_p99[0]:>7.0f}ms {statistics.median(row[1][0] for row in rows):>9.1f} "
        f"{median_p99[1]:>7.0f}ms {statistics.median(row[2] for row in rows):>6.2f}"
    )
    print(f"\nother: {other_url}\nours:  {our_url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compare", metavar="URL", help="another site's page to load alongside")
    parser.add_argument("--page", default="CaseStudyIndexPage", help="our page type (--compare)")
    parser.add_argument("--passes", type=int, default=3, help="passes of each (--compare)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: run `make bench` (it installs it) or apt-get install wrk")
    WORKDIR.mkdir(parents=True, exist_ok=True)
    env = base_env()
    print("Preparing the demo database and static files...", flush=True)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_demo_content", "--if-empty", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    examples = json.loads(manage(env, "shell", "-v", "0", "-c", EXAMPLES).strip().splitlines()[-1])
    if args.compare:
        if args.page not in examples:
            sys.exit(f"No {args.page} in the demo; page types: {', '.join(sorted(examples))}")
        server, url = start(env, 0)
        try:
            print(
                f"{WORKERS} gunicorn workers, page cache off, wrk -t{THREADS} -c{CONNECTIONS} "
                f"-d{DURATION}s, {args.passes} alternating passes\n",
                flush=True,
            )
            compare(args.compare, url + examples[args.page], args.passes)
        finally:
            server.terminate()
            server.wait(timeout=20)
        return
    uncached, uncached_url = start(env, 0)
    cached, cached_url = start(env, 300)
    rows = []
    try:
        cache_note = "Redis" if "REDIS_URL" in env else "each worker's memory (Redis not found)"
        print(
            f"{WORKERS} gunicorn workers, wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION}s; "
            f"cache: {cache_note}\n",
            flush=True,
        )
        for name, path in sorted(examples.items()):
            warm(uncached_url + path)
            state = warm(cached_url + path)
            plain = wrk(uncached_url + path)
            hit = wrk(cached_url + path)
            rows.append((name, path, plain, hit, state))
            print(f"  measured {name}", flush=True)
    finally:
        for process in (uncached, cached):
            process.terminate()
            process.wait(timeout=20)
    print()
    header = (
        f"{'page type':<22} {'path':<40} {'uncached r/s':>12} {'p99':>9} "
        f"{'cached r/s':>11} {'p99':>9} {'x':>6}"
    )
    print(header)
    print("-" * len(header))
    for name, path, plain, hit, state in rows:
        ratio = f"{hit[0] / plain[0]:.1f}" if plain[0] else "-"
        note = "" if state == "hit" else f"  (not cached: {state or 'bypassed'})"
        errors = plain[2] + hit[2]
        if errors:
            note += f"  ({errors} non-2xx answers)"
        print(
            f"{name:<22} {path[:40]:<40} {plain[0]:>12.0f} {plain[1]:>9} "
            f"{hit[0]:>11.0f} {hit[1]:>9} {ratio:>6}{note}"
        )


if __name__ == "__main__":
    main()
