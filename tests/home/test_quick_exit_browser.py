"""'Exit this page' in Chromium, on a copy of the demo site whose settings send readers to a
harmless page served here on 127.0.0.1 (never the internet): the Shift key pressed 3 times
leaves for it, Back does not return, the other site is told nothing, what screen readers hear
(in English and Arabic), without JavaScript, at 320 px, in print, and no axe violations.
Which pages show it and how editors change that: tests/home/test_quick_exit.py."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from tests.support.browser import axe_violations, describe_violations
from tests.support.server import SiteServer, start_site_server

pytestmark = [pytest.mark.browser, pytest.mark.server]

STATUS = "[data-quick-exit] [role=status], [data-quick-exit] [role=alert]"
FIND_PAGES_AND_SET_THE_DESTINATION = """
import json
from wagtail.models import Site
from casestudies.models import CaseStudyPage
from home.models import SiteSettings, StandardPage
settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
settings.quick_exit_url = {destination!r}
settings.save()
def path(model, language):
    return model.objects.live().filter(locale__language_code=language).first().url
print(json.dumps({{
    "case_study": path(CaseStudyPage, "en-gb"),
    "arabic_case_study": path(CaseStudyPage, "ar"),
    "about": StandardPage.objects.live().get(slug="about", locale__language_code="en-gb").url,
}}))
"""


@dataclass
class Destination:
    """A harmless page on loopback, which remembers each request's path and Referer."""

    url: str
    visits: list[tuple[str, str | None]] = field(default_factory=list)


@pytest.fixture(scope="module")
def destination() -> Iterator[Destination]:
    visits: list[tuple[str, str | None]] = []

    class Weather(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path != "/favicon.ico":
                visits.append((self.path, self.headers.get("Referer")))
            body = b"<!doctype html><html lang=en><title>Weather</title><h1>Weather</h1></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Weather)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Destination(f"http://127.0.0.1:{server.server_port}/weather", visits)
    server.shutdown()
    server.server_close()


@dataclass
class ExitSite:
    server: SiteServer
    paths: dict[str, str]

    def url(self, name: str) -> str:
        return self.server.url + self.paths[name]


@pytest.fixture(scope="module")
def exit_site(tmp_path_factory, destination) -> Iterator[ExitSite]:
    """A copy of the demo site whose settings send readers to `destination`. Set before any
    page is served, by one worker, so no cached copy of the old settings exists."""
    server = start_site_server(tmp_path_factory.mktemp("quick-exit-site"), workers=1)
    try:
        found = server.manage(
            "shell", "-c", FIND_PAGES_AND_SET_THE_DESTINATION.format(destination=destination.url)
        )
        paths = json.loads(found.stdout.strip().splitlines()[-1])
        yield ExitSite(server, paths)
    finally:
        server.stop()


def press_shift(page, times: int) -> None:
    for _ in range(times):
        page.keyboard.press("Shift")


def test_pressing_shift_three_times_leaves_for_the_settings_destination_for_good(
    exit_site, destination, browser_page
):
    page = browser_page
    page.goto(exit_site.url("about"))
    page.goto(exit_site.url("case_study"))
    button = page.locator("a.quick-exit__button")
    expect(button).to_be_visible()
    expect(button).to_have_accessible_name("Emergency: Exit this page")
    hint = page.locator("#quick-exit-hint")
    expect(hint).to_be_visible()
    expect(hint).to_have_text("Or press the Shift key 3 times to leave at once.")
    expect(button).to_have_accessible_description(
        "Or press the Shift key 3 times to leave at once."
    )
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)

    status = page.locator(STATUS)
    press_shift(page, 1)
    expect(status).to_have_text("Shift, press 2 more times to exit.")
    press_shift(page, 1)
    expect(status).to_have_text("Shift, press 1 more time to exit.")
    visits_before = len(destination.visits)
    press_shift(page, 1)
    page.wait_for_url(destination.url)
    assert page.title() == "Weather"
    assert destination.visits[visits_before:] == [("/weather", None)], "no Referer is sent"
    # The exited page was replaced in the history: Back goes to the page before it.
    page.go_back()
    assert page.url == exit_site.url("about")


def test_shift_typed_with_other_keys_or_pressed_too_slowly_does_not_leave(exit_site, browser_page):
    page = browser_page
    page.clock.install()
    page.goto(exit_site.url("case_study"))
    status = page.locator(STATUS)
    for _ in range(3):
        page.keyboard.press("Shift+A")  # typing capitals
    press_shift(page, 2)
    expect(status).to_have_text("Shift, press 1 more time to exit.")
    page.clock.fast_forward(6000)
    expect(status).to_have_text("Exit this page expired.")
    press_shift(page, 2)
    expect(status).to_have_text("Shift, press 1 more time to exit.")
    page.keyboard.press("A")  # another key in between starts the count again
    press_shift(page, 1)
    expect(status).to_have_text("Shift, press 2 more times to exit.")
    assert page.url == exit_site.url("case_study")


def test_the_button_covers_the_page_and_leaves(exit_site, destination, browser_page):
    page = browser_page
    page.goto(exit_site.url("case_study"))
    page.locator("a.quick-exit__button").click()
    page.wait_for_url(destination.url)
    assert destination.visits[-1] == ("/weather", None)


def test_a_page_that_hides_it_has_no_button_and_ignores_the_shortcut(exit_site, browser_page):
    page = browser_page
    page.goto(exit_site.url("about"))
    assert page.locator("[data-quick-exit]").count() == 0
    press_shift(page, 3)
    page.wait_for_timeout(300)
    assert page.url == exit_site.url("about")


def test_arabic_readers_get_it_in_arabic(exit_site, browser_page):
    page = browser_page
    page.goto(exit_site.url("arabic_case_study"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    button = page.locator("a.quick-exit__button")
    expect(button).to_have_accessible_name("طوارئ: الخروج من هذه الصفحة")
    expect(page.locator("#quick-exit-hint")).to_have_text(
        "أو اضغط على مفتاح Shift ثلاث مرات للمغادرة فورًا."
    )
    # At the inline end of the bar: on the left in Arabic.
    box = button.bounding_box()
    assert box and box["x"] < 1280 / 2
    press_shift(page, 1)
    expect(page.locator(STATUS)).to_have_text("Shift، اضغط مرتين أخريين للخروج.")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_without_javascript_it_is_a_plain_link_that_leaves(exit_site, destination, chromium):
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    try:
        page = context.new_page()
        page.goto(exit_site.url("case_study"))
        expect(page.locator("#quick-exit-hint")).to_be_hidden()  # the shortcut needs the script
        page.locator("a.quick-exit__button").click()
        page.wait_for_url(destination.url)
        assert destination.visits[-1] == ("/weather", None), "rel=noreferrer sends no Referer"
    finally:
        context.close()


def test_it_reflows_at_320_pixels_and_is_not_printed(exit_site, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(exit_site.url("case_study"))
    button = page.locator("a.quick-exit__button")
    expect(button).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    box = button.bounding_box()
    assert box and box["width"] <= 320 and box["height"] >= 44
    # On a small screen it scrolls away with the page instead of covering part of it.
    page.mouse.wheel(0, 600)
    page.wait_for_function("() => window.scrollY > 0")
    assert button.bounding_box()["y"] < 0
    page.emulate_media(media="print")
    expect(page.locator("[data-quick-exit]")).to_be_hidden()
