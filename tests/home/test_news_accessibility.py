"""No axe-core violations on the news index and a news article, in both languages."""

import pytest

from tests.support.browser import axe_violations, describe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path",
    [
        "/en-gb/news/",
        "/ar/news/",
        "/en-gb/news/research-partners-appointed/",
        "/ar/news/special-interest-group-meets/",
    ],
)
def test_news_pages_have_no_accessibility_violations(site_server, browser_page, path):
    response = browser_page.goto(site_server.url + path)
    assert response.status == 200
    violations = axe_violations(browser_page)
    assert violations == [], describe_violations(violations)
