"""Shared test set-up.

- Tests build the data they need with the apps' factories (`<app>/factories.py`) and start
  from an empty, migrated database (each test's changes are rolled back).
- Tests of the demo site itself (crawl, budgets, accessibility, browser journeys, demo content)
  ask for the `demo_site` fixture, usually for a whole module:
  `pytestmark = pytest.mark.usefixtures("demo_site")`. It builds the complete demo site once
  per run, committed, with the real `load_demo_content` command (built once for the whole run
  and copied into each xdist worker's database: tests/support/server.py). Those tests
  are marked `demo` and run after every other test, so the others really see an empty site.
- Marks: `browser` (Chromium), `server` (real servers in other processes; set automatically
  for the server fixtures), `slow` (other processes, the admin crawl), `demo` (automatic). `make test-fast`
  runs what has none of them; `make test` runs everything, in pytest-xdist workers.
- `site_server` starts the real site (gunicorn) on a free loopback port against its own
  database, for browser and multi-process tests. It honours DATABASE_URL, so the same tests
  run on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("TESTING", "true")

import pytest
from django.db import connection

from tests.support.accounts import VerifiedClient, authenticator_for
from tests.support.server import (
    SEEDS_ENV,
    SiteServer,
    free_port,
    load_demo_seed,
    make_run_seed_folder,
    remove_run_seed_folder,
    start_site_server,
)
from tests.support.smtp import CollectingHandler

_SEED_FOLDER = pytest.StashKey()


@pytest.fixture(scope="session")
def demo_site(django_db_setup, django_db_blocker):
    """The complete demo site, committed in the test database: a copy of the run's demo seed,
    which `load_demo_content` built once for the whole run (tests/support/server.py)."""
    with django_db_blocker.unblock():
        load_demo_seed(connection)


def pytest_configure(config):
    """The process that starts the run (the xdist controller, or the only process) makes the
    folder the run's demo seed is shared in; the workers it starts inherit its name."""
    if not hasattr(config, "workerinput") and SEEDS_ENV not in os.environ:
        config.stash[_SEED_FOLDER] = make_run_seed_folder()
    # Each test process keeps its media files in its own folder of the run's, so two workers
    # never write, read or delete each other's files (and the run leaves none behind).
    if SEEDS_ENV in os.environ:
        from django.conf import settings

        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        settings.MEDIA_ROOT = Path(os.environ[SEEDS_ENV]) / f"media-{worker}"


def pytest_unconfigure(config):
    folder = config.stash.get(_SEED_FOLDER, None)
    if folder is not None:
        remove_run_seed_folder(folder)
        os.environ.pop(SEEDS_ENV, None)


# Fixtures that start real servers in other processes: tests using them are marked `server`.
SERVER_FIXTURES = {"site_server", "events_server", "smtp_server"}

# Costly fixtures shared by several tests (a crawl, servers started once per test process):
# the tests using one are kept together on one xdist worker (`--dist loadgroup` in the
# Makefile), so the work is done once per run rather than once per worker.
SHARED_FIXTURE_GROUPS = ("site_crawl", "events_server", "s3_site", "varnish_site", "two_servers")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    """Tests that use the demo site get the `demo` mark and run last (in their usual order), so
    every other test runs before the demo is built. Under pytest-xdist each worker receives its
    tests in this order, so the same holds in every worker. Tests that use a server fixture
    get the `server` mark (`make test-fast` leaves them out), and tests sharing a costly fixture
    one xdist group."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "demo_site" in fixtures:
            item.add_marker(pytest.mark.demo)
            if item.get_closest_marker("django_db") is None:
                # pytest-django sets up the test database only for tests marked django_db.
                item.add_marker(pytest.mark.django_db)
        if fixtures & SERVER_FIXTURES:
            item.add_marker(pytest.mark.server)
        for name in SHARED_FIXTURE_GROUPS:
            if name in fixtures:
                item.add_marker(pytest.mark.xdist_group(name))
                break
    items.sort(key=lambda item: item.get_closest_marker("demo") is not None)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in English (UK), whatever language the previous one left active."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, and no image remembered as broken (home/images.py
    keeps that per process), as a freshly deployed server would."""
    from django.core.cache import cache, caches

    from home import images

    def forget() -> None:
        cache.clear()
        caches["renditions"].clear()
        images._failed_until.clear()
        images._storage_paused_until = 0.0

    forget()
    yield
    forget()


@pytest.fixture(scope="session")
def site_server(tmp_path_factory) -> SiteServer:
    """The real site, served by gunicorn on loopback with the demo content loaded."""
    server = start_site_server(tmp_path_factory.mktemp("site-server"))
    yield server
    server.stop()


@pytest.fixture
def client():
    """A test client whose force_login also passes the admin's two-step sign-in (as after a
    right code from the user's authenticator app; see tests/support/accounts.py)."""
    return VerifiedClient()


@pytest.fixture
def editor(django_user_model):
    """A signed-in-capable administrator (Wagtail's admin views need one), with two-step
    sign-in set up."""
    user = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", "a-long-test-password"
    )
    authenticator_for(user)
    return user


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, driven by Playwright (headless)."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop
    from playwright.sync_api import sync_playwright

    from tests.support.browser import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    """A fresh browser tab (its own cookies), 1280 px wide, JavaScript on, under the site's
    real Content-Security-Policy (axe-core is served from the page's own origin, see
    tests/support/browser.py). At the end the test fails if the tab reported any violation of
    the policy; `page.csp_violations()` gives them during a test."""
    from tests.support.browser import csp_violations, watch_csp

    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    reported = watch_csp(page)
    page.csp_violations = lambda: csp_violations(page, reported)
    yield page
    violations = page.csp_violations()
    context.close()
    assert not violations, f"Content-Security-Policy violations: {violations}"


@pytest.fixture(scope="session")
def smtp_server() -> CollectingHandler:
    """A real SMTP server on loopback that keeps every message it receives."""
    from aiosmtpd.controller import Controller  # loaded only by tests that send email

    handler = CollectingHandler()
    handler.port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    yield handler
    controller.stop()


@pytest.fixture(scope="session")
def events_server(tmp_path_factory, smtp_server):
    """The real site (gunicorn, 4 workers) and its email sender (`run_email_sender`), sending
    to the loopback SMTP server, as in production.

    It reads the client's address from X-Forwarded-For, as behind the production proxy, so a
    test can stand for many readers (sign-ups are throttled per address)."""
    server = start_site_server(
        tmp_path_factory.mktemp("events-server"),
        extra_env={
            "CLIENT_IP_HEADER": "X-Forwarded-For",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_server.port),
            "EMAIL_USE_TLS": "false",
        },
        workers=4,
    )
    server.start_email_sender()
    yield server
    server.stop()
