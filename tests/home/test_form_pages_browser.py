"""The demo's contact form (a form page editors built, under "Get involved"), as readers meet it
in Chromium, in English and Arabic: empty, with mistakes, and sent. axe-core finds no
violations in any state, the error summary takes the focus to what to fix, and a person who
fills it in is thanked."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.support.browser import axe_violations, describe_violations

pytestmark = pytest.mark.browser

LANGUAGES = {
    "en-gb": {
        "name": "Your name",
        "email": "Email address",
        "message": "Your message",
        "consent": "I agree to the programme team contacting me about my message",
        "send": "Send",
        "problem": "There is a problem",
        "thanks": "Thank you: your form has been sent",
    },
    "ar": {
        "name": "اسمك",
        "email": "عنوان البريد الإلكتروني",
        "message": "رسالتك",
        "consent": "أوافق على أن يتواصل معي فريق البرنامج بشأن رسالتي",
        "send": "إرسال",
        "problem": "هناك مشكلة",
        "thanks": "شكرًا لك: تم إرسال النموذج",
    },
}


def _assert_accessible(page, what: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{what}:\n{describe_violations(violations)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_contact_form_empty_with_mistakes_and_sent(site_server, browser_page, language):
    words = LANGUAGES[language]
    page = browser_page
    page.goto(f"{site_server.url}/{language}/get-involved/contact/")
    _assert_accessible(page, f"{language} contact form, empty")

    page.get_by_label(words["email"]).fill("not an address")
    page.get_by_role("button", name=words["send"]).click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    assert summary.get_by_role("heading").inner_text() == words["problem"]
    assert page.get_by_label(words["email"]).input_value() == "not an address"
    _assert_accessible(page, f"{language} contact form, with mistakes")
    summary.get_by_role("link").first.click()
    focused = page.evaluate("document.activeElement.id")
    assert re.fullmatch(r"id_[a-z_]+", focused), focused

    page.get_by_label(words["name"]).fill("Rita Reader")
    page.get_by_label(words["email"]).fill("rita@example.org")
    page.get_by_label(words["message"]).fill("How do we join?")
    page.get_by_label(words["consent"]).check()
    page.wait_for_timeout(settings.FORM_MIN_FILL_SECONDS * 1000)  # a person takes a moment
    page.get_by_role("button", name=words["send"]).click()
    expect(page.get_by_role("heading", name=words["thanks"])).to_be_visible()
    _assert_accessible(page, f"{language} contact form, sent")


SET_ADDRESS = """
from home.models import FormPage
page = FormPage.objects.get(locale__language_code="en-gb", slug="contact")
page.to_address = "programme-team@example.org"
page.subject = "Contact form: a message from the website"
page.save_revision().publish()
"""


def test_a_sent_contact_form_reaches_the_team_by_email(events_server, smtp_server, browser_page):
    """The journey with the site's real email sender and an SMTP server on loopback: the team's
    mailbox gets the reader's message."""
    events_server.manage("shell", "-c", SET_ADDRESS)
    words = LANGUAGES["en-gb"]
    page = browser_page
    page.goto(f"{events_server.url}/en-gb/get-involved/contact/")
    page.get_by_label(words["name"]).fill("Sam Sender")
    page.get_by_label(words["email"]).fill("sam.sender@example.org")
    page.get_by_label(words["message"]).fill("We run a trauma-informed youth club in Hackney.")
    page.get_by_label(words["consent"]).check()
    page.wait_for_timeout(settings.FORM_MIN_FILL_SECONDS * 1000)  # a person takes a moment
    page.get_by_role("button", name=words["send"]).click()
    expect(page.get_by_role("heading", name=words["thanks"])).to_be_visible()
    message = smtp_server.wait_for("programme-team@example.org", "Contact form")
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "We run a trauma-informed youth club in Hackney." in text
    assert "sam.sender@example.org" in text
