"""The roadmap in a real browser (Chromium): the lens with and without JavaScript, the
self-assessment by keyboard alone, shared result links, and accessibility in both languages."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.roadmap.conftest import MIXED
from tests.support.browser import axe_violations, describe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def page_without_javascript(chromium):
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", java_script_enabled=False
    )
    page = context.new_page()
    yield page
    context.close()


def test_the_lens_works_as_a_plain_form_without_javascript(site_server, page_without_javascript):
    page = page_without_javascript
    page.goto(f"{site_server.url}/en-gb/roadmap/")
    assert page.locator("#roadmap-results .stage-detail").count() == 4
    page.select_option("#lens-audience", "system-leaders")
    page.select_option("#lens-stage", "trauma-informed")
    page.click("form[data-roadmap-lens] button[type=submit]")
    page.wait_for_url(re.compile(r"audience=system-leaders"))
    assert "stage=trauma-informed" in page.url
    results = page.locator("#roadmap-results")
    assert page.locator("#roadmap-results .stage-detail").count() == 1
    assert results.get_by_text("What to do: System leaders").count() == 1
    assert results.get_by_text("What to do: Implementers").count() == 0
    assert (
        results.get_by_text("Build the principles into commissioning and contracts.").count() == 1
    )
    # The address can be shared: opening it again shows the same choices.
    page.goto(page.url)
    assert page.locator("#lens-audience").input_value() == "system-leaders"


def test_the_lens_updates_in_place_with_javascript(site_server, browser_page):
    """Under the site's real Content-Security-Policy (waits are functions, not strings: a
    string would need eval, which the policy rightly refuses)."""
    page = browser_page
    page.goto(f"{site_server.url}/en-gb/roadmap/")
    page.evaluate("window.__notReloaded = true")
    page.select_option("#lens-audience", "implementers")
    page.select_option("#lens-sector", "policing")
    page.select_option("#lens-stage", "trauma-aware")
    page.click("form[data-roadmap-lens] button[type=submit]")
    page.wait_for_function("() => location.search.includes('audience=implementers')")
    # Same document (no reload), address in step and without empty parameters.
    assert page.evaluate("window.__notReloaded") is True
    assert page.url.endswith(
        "/en-gb/roadmap/?audience=implementers&sector=policing&stage=trauma-aware"
    )
    page.wait_for_function(
        "() => document.querySelector('[data-roadmap-status]').textContent.includes('What applies to you')"
    )
    assert page.evaluate("document.activeElement.id") == "roadmap-results-heading"
    status = page.locator("[data-roadmap-status]")
    assert status.get_attribute("aria-live") == "polite"
    assert "Implementers" in status.text_content()
    assert page.locator("#roadmap-results .stage-detail").count() == 1
    results = page.locator("#roadmap-results")
    assert results.get_by_text("Learn the six principles together as a team.").count() == 1
    assert results.get_by_text("What to do: The VRU").count() == 0
    # Back goes to the whole roadmap again.
    page.go_back()
    page.wait_for_function(
        "() => document.querySelectorAll('#roadmap-results .stage-detail').length === 4"
    )
    assert page.locator("#lens-audience").input_value() == ""
    # The roadmap's script did all this under the site's real Content-Security-Policy.
    assert page.csp_violations() == []


def focus_by_tabbing(page, condition: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {condition}; }})()"):
            return
    raise AssertionError(f"Tabbing never reached: {condition}")


def test_a_keyboard_only_reader_completes_the_self_assessment(site_server, browser_page):
    page = browser_page
    page.goto(f"{site_server.url}/en-gb/roadmap/self-assessment/")
    for number in range(1, 9):
        focus_by_tabbing(page, f"el.name === 'q{number}'")
        page.keyboard.press("Space")
        assert page.evaluate(f"document.querySelector('input[name=q{number}]:checked') !== null")
    focus_by_tabbing(page, "el.type === 'submit' && el.closest('form.assessment') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/self-assessment/result/\?q1=1"))
    assert page.locator("h1").text_content().strip() == "Your result: Trauma-aware"
    assert page.get_by_text("Next steps: towards Trauma-sensitive").count() == 1


def test_a_shared_result_link_shows_the_same_result_elsewhere(site_server, browser_page, chromium):
    browser_page.goto(f"{site_server.url}/en-gb/roadmap/self-assessment/result/?{MIXED}")
    heading = browser_page.locator("h1").text_content()
    table = browser_page.locator("table").first.text_content()
    link = browser_page.locator("#share-link").input_value()
    assert link == f"{site_server.url}/en-gb/roadmap/self-assessment/result/?{MIXED}"
    fresh = chromium.new_context(locale="en-GB")
    try:
        other = fresh.new_page()
        other.goto(link)
        assert other.locator("h1").text_content() == heading
        assert other.locator("table").first.text_content() == table
        assert fresh.cookies() == []
    finally:
        fresh.close()


def test_a_tampered_result_link_shows_a_message_in_the_browser(site_server, browser_page):
    response = browser_page.goto(
        f"{site_server.url}/en-gb/roadmap/self-assessment/result/?q1=zz&q2=99"
    )
    assert response.status == 400
    assert (
        browser_page.get_by_role("alert")
        .text_content()
        .strip()
        .startswith("This result link has been changed or is out of date")
    )


def test_a_reader_adds_their_result_to_the_baseline(site_server, browser_page):
    page = browser_page
    page.goto(f"{site_server.url}/en-gb/roadmap/self-assessment/result/?{MIXED}")
    page.select_option("#baseline-sector", "health")
    page.select_option("#baseline-borough", "hackney")
    with page.expect_navigation():
        page.click("#baseline button[type=submit]")
    # Sooner than a person could (home/spam.py): nothing is added, and the reader is asked
    # to add it again.
    assert "again=1" in page.url, (page.content()[-2500:], site_server.log()[-3000:])
    expect(page.get_by_role("status").filter(has_text="add your result again")).to_be_visible()
    page.wait_for_timeout(settings.FORM_MIN_FILL_SECONDS * 1000)
    page.select_option("#baseline-sector", "health")
    with page.expect_navigation():
        page.click("#baseline button[type=submit]")
    assert "added=1" in page.url, (page.content()[-2500:], site_server.log()[-3000:])
    assert page.get_by_role("status").filter(has_text="has been added").count() == 1


ROADMAP_PATHS = [
    "roadmap/",
    "roadmap/?audience=implementers&sector=health",
    "roadmap/trauma-aware/",
    "roadmap/trauma-responsive/",
    "roadmap/recommendations/",
    "roadmap/recommendations/vru/",
    "roadmap/print/",
    "roadmap/self-assessment/",
    f"roadmap/self-assessment/result/?{MIXED}",
    "roadmap/self-assessment/result/?q1=zz",
    "roadmap/self-assessment/baseline/",
]


@pytest.mark.parametrize("language", ["en-gb", "ar"])
@pytest.mark.parametrize("path", ROADMAP_PATHS)
def test_roadmap_pages_have_no_accessibility_violations(site_server, browser_page, language, path):
    browser_page.goto(f"{site_server.url}/{language}/{path}")
    violations = axe_violations(browser_page)
    assert violations == [], describe_violations(violations)
