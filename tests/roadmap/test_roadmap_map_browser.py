"""The roadmap map in a real browser (Chromium), on the demo site: no axe violations at desktop
width and at 320 px (where it stacks, without scrolling sideways), in English and Arabic; the
keyboard reaches its links in reading order; its links work without JavaScript; and the lens,
changed in place with JavaScript, marks the map too."""

from __future__ import annotations

import pytest

from tests.roadmap.conftest import MIXED
from tests.support.browser import axe_violations, describe_violations

pytestmark = pytest.mark.browser

PATHS = [
    "roadmap/",
    "roadmap/?audience=vru&sector=health",
    f"roadmap/self-assessment/result/?{MIXED}",
]


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("language", ["en-gb", "ar"])
def test_the_map_has_no_axe_violations_and_reflows(site_server, chromium, language, width):
    context = chromium.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        for path in PATHS:
            page.goto(f"{site_server.url}/{language}/{path}")
            assert page.locator(".roadmap-map__link").count() == 16, path
            violations = axe_violations(page)
            assert violations == [], f"{path} at {width}px:\n{describe_violations(violations)}"
            # Nothing scrolls sideways; stacked, each cell names its driver itself.
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            # (Visually hidden means clipped to one pixel, still there for screen readers.)
            label = page.locator(".roadmap-map__driver").first.bounding_box()
            assert (label["width"] > 2) == (width == 320), path
            header = page.locator(".roadmap-map__table thead").bounding_box()
            assert (header["width"] > 2) == (width == 1280), path
        if language == "ar":
            assert page.evaluate("document.documentElement.dir") == "rtl"
            # Mirrored: the first driver's column is on the right of the stages' at desktop.
            if width == 1280:
                stage = page.locator(".roadmap-map__stage").first.bounding_box()
                cell = page.locator(".roadmap-map__cell").first.bounding_box()
                assert cell["x"] < stage["x"]
    finally:
        context.close()


def test_the_keyboard_reaches_the_cells_in_reading_order(site_server, browser_page):
    page = browser_page
    page.goto(f"{site_server.url}/en-gb/roadmap/")
    expected = page.eval_on_selector_all(
        "[data-roadmap-map] a", "links => links.map(link => link.getAttribute('href'))"
    )
    assert len(expected) == 4 + 16  # each stage's link, then its four cells
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('[data-roadmap-map]') !== null"):
            break
    reached = []
    while page.evaluate("document.activeElement.closest('[data-roadmap-map]') !== null"):
        reached.append(page.evaluate("document.activeElement.getAttribute('href')"))
        page.keyboard.press("Tab")
    assert reached == expected
    first_cell = expected.index("/en-gb/roadmap/trauma-aware/#driver-leadership-and-culture")
    assert reached[first_cell + 1] == "/en-gb/roadmap/trauma-aware/#driver-workforce-wellbeing"


def test_a_cell_opens_the_stage_section_without_javascript(site_server, chromium):
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(f"{site_server.url}/en-gb/roadmap/")
        page.locator(".roadmap-map__link").nth(4).click()  # stage 2, first driver
        page.wait_for_url("**/trauma-sensitive/#driver-leadership-and-culture")
        section = page.locator("#driver-leadership-and-culture")
        assert section.is_visible()
        assert "Champions in each service keep the work going." in section.text_content()
    finally:
        context.close()


def test_the_lens_marks_the_map_in_place_with_javascript(site_server, browser_page):
    page = browser_page
    page.goto(f"{site_server.url}/en-gb/roadmap/")
    assert page.locator(".roadmap-map__marker--applies").count() == 0
    page.evaluate("window.__notReloaded = true")
    page.select_option("#lens-audience", "vru")
    page.click("form[data-roadmap-lens] button[type=submit]")
    page.wait_for_function(
        "() => document.querySelectorAll('.roadmap-map__marker--applies').length > 0"
    )
    assert page.evaluate("window.__notReloaded") is True
    assert "audience=vru" in page.locator(".roadmap-map__link").first.get_attribute("href")
    assert page.csp_violations() == []


def test_the_map_prints_as_a_table_with_its_marks(site_server, chromium):
    """Printed, even on a narrow page, the map stays a grid with its column headers, and the
    "You are here" marks are words, so they survive black-and-white printing."""
    context = chromium.new_context(viewport={"width": 320, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{site_server.url}/en-gb/roadmap/self-assessment/result/?{MIXED}")
        page.emulate_media(media="print")
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.roadmap-map__table')).display")
            == "table"
        )
        assert page.locator(".roadmap-map__table thead").bounding_box()["width"] > 2
        assert page.locator(".roadmap-map__cell--here").first.is_visible()
        assert "You are here" in page.locator(".roadmap-map__cell--here").first.text_content()
    finally:
        context.close()
