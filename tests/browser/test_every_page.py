"""Every page of the demo site, in every language, as readers meet it in a real browser.

The pages come from the shared crawl (tests/browser/conftest.py): what the sitemap lists,
each app's own views, the "not found" page, search results, and every link between them.
Each check reports each failing address on its own (subtests), so a failure names the page.
"""

import pytest

from tests.support.browser import describe_violations

pytestmark = pytest.mark.browser


def test_the_crawl_reaches_every_kind_of_page(site_crawl):
    paths = set(site_crawl.pages)
    for code in ("en-gb", "ar"):
        assert f"/{code}/" in paths
        assert any(path.startswith(f"/{code}/") and "?q=" in path for path in paths), (
            f"no search results page in {code}"
        )
        assert any(
            page.expected_status == 404 and page.path.startswith(f"/{code}/")
            for page in site_crawl.pages.values()
        )
    assert len(site_crawl.html_pages()) >= 10


def test_every_page_answers(site_crawl, subtests):
    for page in site_crawl.pages.values():
        with subtests.test(msg=page.path):
            assert page.status == page.expected_status, f"{page.url} answered {page.status}"
            if page.path.endswith("/feed/"):  # Atom feeds, linked from listings
                assert page.content_type.startswith("application/atom+xml"), page.content_type
            else:
                assert page.is_html, f"{page.url} is {page.content_type}"


@pytest.mark.parametrize("width", [375, 1280])
def test_every_page_has_no_accessibility_violations(site_crawl, subtests, width):
    for page in site_crawl.html_pages():
        with subtests.test(msg=page.path):
            violations = page.axe.get(width, [])
            assert violations == [], f"{page.url} at {width} px:\n{describe_violations(violations)}"


def test_every_page_is_valid_html(site_crawl, subtests):
    for page in site_crawl.html_pages():
        with subtests.test(msg=page.path):
            assert page.html_errors == [], f"Nu Html Checker errors on {page.url}:\n" + "\n".join(
                page.html_errors
            )


def test_every_page_is_readable_without_javascript(site_crawl, subtests):
    for page in site_crawl.html_pages():
        with subtests.test(msg=page.path):
            problems = page.no_js_problems + page.skip_link_problems
            assert problems == [], f"{page.url} without JavaScript:\n" + "\n".join(problems)
