"""The whole attendee journey in Chromium, against the real site and a real SMTP server:
sign up → email with a calendar file → private link → cancel → the person waiting gets the
place and an email. Every page on the way has no axe-core (WCAG 2.2 AA) violations."""

from __future__ import annotations

import re
import urllib.parse
import urllib.request

import icalendar
import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.events.conftest import create_event, registration_counts
from tests.support.browser import axe_violations, describe_violations

pytestmark = pytest.mark.browser


def _assert_accessible(page, what: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{what}:\n{describe_violations(violations)}"


def _take_a_moment(page) -> None:
    """A person takes a few seconds to fill in a form: the site refuses posts sent sooner
    (home/spam.py)."""
    page.wait_for_timeout(settings.FORM_MIN_FILL_SECONDS * 1000)


def _manage_link(message) -> str:
    text = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"https?://\S+/my-sign-up/\S+/", text).group(0)


def test_sign_up_cancel_and_waiting_list_promotion(events_server, smtp_server, browser_page):
    page = browser_page
    event = create_event(events_server, "journey-event", capacity=1)
    event_url = events_server.url + event["url"]

    page.goto(events_server.url + "/en-gb/events/")
    expect(page.get_by_role("heading", name="Upcoming events")).to_be_visible()
    _assert_accessible(page, "event index")

    # The sign-up form's error state: clear messages, linked from a summary.
    page.goto(event_url)
    assert (
        page.get_by_text("Open for sign-up").first.is_visible()
        or page.get_by_text("Few places left").first.is_visible()
    )
    assert "secret-room" not in page.content(), "the joining link is never on the public page"
    _assert_accessible(page, "event page")
    page.get_by_label("Access needs (optional)").fill("A seat near the door")
    page.get_by_role("button", name="Sign up").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    assert "Enter your name." in summary.inner_text()
    assert "Tick the box to let us store your access needs" in summary.inner_text()
    assert page.get_by_label("Access needs (optional)").input_value() == "A seat near the door"
    _assert_accessible(page, "sign-up form with errors")

    page.get_by_label("Your name").fill("Ada Attendee")
    page.get_by_label("Email address").fill("ada@example.org")
    page.get_by_label(re.compile("store my access needs")).check()
    page.get_by_label(re.compile("privacy notice")).check()
    _take_a_moment(page)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="You have signed up")).to_be_visible()

    confirmation = smtp_server.wait_for("ada@example.org", "Your place is confirmed")
    attachments = [
        part
        for part in confirmation.iter_attachments()
        if part.get_content_type() == "text/calendar"
    ]
    assert len(attachments) == 1
    calendar = icalendar.Calendar.from_ical(attachments[0].get_content())
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["SUMMARY"]) == "Test event journey-event"
    assert "secret-room" in str(entry["DESCRIPTION"]), "attendees get the joining link"

    # The event is now full: the next person joins the waiting list.
    page.goto(event_url)
    expect(page.get_by_text("Full – join the waiting list").first).to_be_visible()  # noqa: RUF001
    page.get_by_label("Your name").fill("Wanda Waiting")
    page.get_by_label("Email address").fill("wanda@example.org")
    page.get_by_label(re.compile("privacy notice")).check()
    _take_a_moment(page)
    page.get_by_role("button", name="Join the waiting list").click()
    expect(page.get_by_role("heading", name="You are on the waiting list")).to_be_visible()
    smtp_server.wait_for("wanda@example.org", "waiting list")

    # Ada follows her private link, sees the joining link, and cancels.
    page.goto(_manage_link(confirmation))
    expect(page.get_by_role("heading", name="Your sign-up")).to_be_visible()
    assert (
        page.get_by_role("link", name="Join the event online").get_attribute("href")
        == "https://meet.example.org/secret-room"
    )
    _assert_accessible(page, "manage page")
    page.get_by_role("button", name="Cancel my place").click()
    assert "Tick the box to confirm" in page.locator("#error-summary").inner_text()
    page.get_by_label("Yes, cancel my place").check()
    page.get_by_role("button", name="Cancel my place").click()
    expect(page.get_by_text("Your sign-up is cancelled")).to_be_visible()
    smtp_server.wait_for("ada@example.org", "Your place is cancelled")

    promotion = smtp_server.wait_for("wanda@example.org", "A place has opened for you")
    assert "secret-room" in promotion.get_body(preferencelist=("plain",)).get_content()
    assert registration_counts(events_server, event["id"]) == {
        "confirmed": 1,
        "waiting": 0,
        "cancelled": 1,
    }

    # Each email was sent exactly once.
    assert len(smtp_server.to("ada@example.org")) == 2
    assert len(smtp_server.to("wanda@example.org")) == 2


def test_a_keyboard_and_screen_reader_user_never_meets_the_hidden_box(events_server, browser_page):
    """The spam honeypot (home/spam.py) is out of the keyboard order and the accessibility tree:
    a person signing up with the keyboard alone, as screen-reader users do, is let through."""
    page = browser_page
    event = create_event(events_server, "keyboard-event", capacity=5)
    page.goto(events_server.url + event["url"])
    assert page.locator("#website_address-sign-up").count() == 1, "the box is in the page"
    assert page.get_by_role("textbox", name="Leave this box empty").count() == 0, (
        "but not in the accessibility tree"
    )
    page.get_by_label("Your name").focus()
    focused = []
    for _step in range(30):
        name = page.evaluate("document.activeElement.name || document.activeElement.tagName")
        focused.append(name)
        if name == "BUTTON":
            break
        page.keyboard.press("Tab")
    assert "website_address" not in focused and focused[-1] == "BUTTON", focused

    page.get_by_label("Your name").focus()
    page.keyboard.type("Kim Keyboard")
    page.keyboard.press("Tab")
    page.keyboard.type("kim@example.org")
    page.get_by_label(re.compile("privacy notice")).focus()
    page.keyboard.press("Space")
    _take_a_moment(page)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="You have signed up")).to_be_visible()
    assert registration_counts(events_server, event["id"])["confirmed"] == 1


def test_arabic_event_page_is_right_to_left_and_accessible(events_server, browser_page):
    browser_page.goto(events_server.url + "/ar/events/trauma-informed-supervision-workshop/")
    assert browser_page.locator("html").get_attribute("dir") == "rtl"
    assert (
        browser_page.get_by_role("heading", level=1).inner_text()
        == "الإشراف المستنير بالصدمات: ورشة عمل للممارسين"
    )
    _assert_accessible(browser_page, "Arabic event page")
    browser_page.goto(events_server.url + "/ar/events/")
    expect(browser_page.get_by_role("heading", name="الفعاليات القادمة")).to_be_visible()
    _assert_accessible(browser_page, "Arabic event index")


def test_a_post_from_another_site_is_refused(events_server):
    event = create_event(events_server, "csrf-event", capacity=5)
    data = urllib.parse.urlencode(
        {"name": "X", "email": "x@example.org", "privacy_consent": "on"}
    ).encode()
    request = urllib.request.Request(
        f"{events_server.url}/en-gb/sign-up/{event['id']}/",
        data=data,
        headers={"Origin": "https://attacker.example"},
    )
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=10)
    assert error.value.code == 403
    assert registration_counts(events_server, event["id"])["confirmed"] == 0
