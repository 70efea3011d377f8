"""The "could not read that" page (400), as readers meet it in Chromium, in English and Arabic:
no axe-core violations. (The 429 page: tests/events/test_throttling_browser.py.)"""

from __future__ import annotations

import pytest

from tests.support.browser import axe_violations, describe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/en-gb/search/?q=%00", "/ar/?q=%C3%28"])
def test_the_400_page_has_no_accessibility_violations(site_server, browser_page, path):
    response = browser_page.goto(site_server.url + path)
    assert response.status == 400
    assert browser_page.locator("h1").count() == 1
    violations = axe_violations(browser_page)
    assert violations == [], describe_violations(violations)
