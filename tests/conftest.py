"""Shared test set-up.

- Tests that use the database see the complete demo site, built once per run by the real
  `load_demo_content` command (each test's changes are rolled back).
- `site_server` starts the real site (gunicorn) on a free loopback port against its own
  database, for browser and multi-process tests. It honours DATABASE_URL, so the same tests
  run on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import os

os.environ.setdefault("TESTING", "true")

import pytest
from django.core.management import call_command

from tests.support.accounts import VerifiedClient, authenticator_for
from tests.support.server import SiteServer, start_site_server


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Migrate the test database once, then build the demo site in it."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


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
    """Each test starts with an empty cache, as a freshly deployed server would."""
    from django.core.cache import cache, caches

    cache.clear()
    caches["renditions"].clear()
    yield
    cache.clear()
    caches["renditions"].clear()


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
    """A fresh browser tab (its own cookies), 1280 px wide, JavaScript on.

    The site's Content-Security-Policy forbids inline scripts, so the tab lets the tests
    inject axe-core; the policy itself is tested over HTTP."""
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    yield page
    context.close()
