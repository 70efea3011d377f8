"""The "too many attempts" page (429), as readers meet it in Chromium, in English and Arabic:
no axe-core violations."""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.roadmap.conftest import MIXED
from tests.support.browser import axe_violations, describe_violations

pytestmark = pytest.mark.browser

# The events server reads the client address from this header (tests/events/conftest.py), so
# this test uses an address of its own and throttles no other test.
READER = {"X-Forwarded-For": "203.0.113.222"}
MAX_POSTS = 20  # the baseline allows 3 an hour per address in each of the 4 workers


def _throttled_baseline_page(server, language: str) -> str:
    """Add results to the baseline from one address until the site says "too many"."""
    result = f"{server.url}/{language}/roadmap/self-assessment/result/?{MIXED}"
    for _attempt in range(MAX_POSTS):
        with urllib.request.urlopen(
            urllib.request.Request(result, headers=READER), timeout=30
        ) as page:
            html = page.read().decode()
        action = re.search(r'<form method="post" action="([^"]+)"', html).group(1)
        token = re.search(r'name="token" value="([^"]+)"', html).group(1)
        data = urllib.parse.urlencode(
            {**dict(p.split("=") for p in MIXED.split("&")), "token": token}
        )
        request = urllib.request.Request(
            server.url + action,
            data=data.encode(),
            headers={**READER, "Origin": server.url},
        )
        try:
            with urllib.request.urlopen(request, timeout=30):
                continue
        except urllib.error.HTTPError as error:
            assert error.code == 429, error.code
            assert int(error.headers["Retry-After"]) > 0
            return error.read().decode()
    raise AssertionError(f"no 429 after {MAX_POSTS} baseline posts from one address")


@pytest.mark.parametrize("language", ["en-gb", "ar"])
def test_the_429_page_has_no_accessibility_violations(events_server, browser_page, language):
    html = _throttled_baseline_page(events_server, language)
    browser_page.goto(f"{events_server.url}/{language}/")
    browser_page.set_content(html)  # the very page the server sent, with its stylesheet
    assert browser_page.locator("html").get_attribute("lang") == language
    violations = axe_violations(browser_page)
    assert violations == [], describe_violations(violations)
