"""A first look in a real browser: the home page in both languages has no axe violations."""

import pytest

from tests.support.browser import axe_violations, describe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/en-gb/", "/ar/"])
def test_home_page_has_no_accessibility_violations(site_server, browser_page, path):
    browser_page.goto(site_server.url + path)
    violations = axe_violations(browser_page)
    assert violations == [], describe_violations(violations)
