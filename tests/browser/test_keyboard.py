"""Keyboard use: the skip link comes first and works, and focus is always visible."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CrawledPage, run_nu_html_checker

pytestmark = pytest.mark.browser

FOCUS_STYLE = """
(element) => {
  const style = getComputedStyle(element);
  return [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow,
          style.backgroundColor, style.textDecorationLine].join(" | ");
}
"""


def test_tab_reaches_the_skip_link_first_and_enter_moves_to_the_main_content(
    site_server, browser_page
):
    browser_page.goto(f"{site_server.url}/en-gb/")
    browser_page.keyboard.press("Tab")
    skip_link = browser_page.locator("a.skip-link")
    assert skip_link.evaluate("link => link === document.activeElement")
    expect(skip_link).to_be_visible()
    box = skip_link.bounding_box()
    assert box and box["y"] >= 0, "the focused skip link is off screen"
    assert skip_link.inner_text().strip() == "Skip to main content"

    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("() => document.activeElement.id") == "main-content"
    assert browser_page.url.endswith("#main-content")
    # The next Tab continues from the main content onwards, not back in the header.
    browser_page.keyboard.press("Tab")
    assert browser_page.evaluate(
        "() => { const main = document.getElementById('main-content');"
        " return main.contains(document.activeElement) ||"
        " !!(main.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING); }"
    ), browser_page.evaluate("() => document.activeElement.outerHTML")


@pytest.mark.parametrize("path", ["/en-gb/", "/ar/", "/en-gb/about/"])
def test_every_link_shows_where_keyboard_focus_is(site_server, browser_page, path):
    browser_page.goto(site_server.url + path)
    links = browser_page.locator("a[href]:visible")
    unfocused = {index: links.nth(index).evaluate(FOCUS_STYLE) for index in range(links.count())}
    seen = 0
    for _ in range(60):
        browser_page.keyboard.press("Tab")
        index = browser_page.evaluate(
            "() => [...document.querySelectorAll('a[href]')].filter(a => a.getClientRects().length)"
            ".indexOf(document.activeElement)"
        )
        if index < 0:
            continue
        seen += 1
        focused = links.nth(index).evaluate(FOCUS_STYLE)
        assert focused != unfocused[index], (
            f"link {links.nth(index).inner_text()!r} on {path} looks the same when focused: "
            f"{focused}"
        )
    assert seen >= 5, f"only {seen} links reached by Tab on {path}"


def test_the_html_checker_reports_errors_against_the_page_they_are_on(tmp_path):
    """The checker itself works: a broken page fails, a valid one passes."""
    broken = CrawledPage(url="http://test/broken/", path="/broken/")
    broken.html = "<!doctype html><html lang=en><title>x</title><div><p>x</span>"
    valid = CrawledPage(url="http://test/valid/", path="/valid/")
    valid.html = "<!doctype html><html lang=en><title>x</title><p>Fine.</p>"
    run_nu_html_checker([broken, valid], tmp_path)
    assert any("Stray end tag" in error for error in broken.html_errors)
    assert valid.html_errors == []
