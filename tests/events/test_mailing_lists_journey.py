"""The mailing lists' journey in Chromium, against the real site (the demo's "Get involved"
page), its email sender and a real SMTP server on loopback: join → the confirmation email
arrives → open the link → press "Confirm" → the welcome email carries the one-click
unsubscribe headers → a mail provider's one-click POST → unsubscribed. The join form (empty,
with errors, done), the confirm page, and the preferences and unsubscribe pages reached from
the welcome email have no axe-core violations."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.support.browser import axe_violations, describe_violations

pytestmark = pytest.mark.browser

STATUS = """
import json
from events.models import Subscription
print(json.dumps(sorted(Subscription.objects.filter(email__iexact={email!r}).values_list("status", flat=True))))
"""


def _statuses(server, email: str) -> list[str]:
    result = server.manage("shell", "-c", STATUS.format(email=email))
    return json.loads(result.stdout.strip().splitlines()[-1])


def _assert_accessible(page, what: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{what}:\n{describe_violations(violations)}"


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_join_confirm_and_unsubscribe_with_one_click(events_server, smtp_server, browser_page):
    page = browser_page
    address = "journey-lists@example.org"
    page.goto(events_server.url + "/en-gb/get-involved/")
    form = page.locator("form.join-lists-form")
    expect(form).to_be_visible()
    _assert_accessible(page, "join form, empty")

    form.get_by_role("button", name="Join").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    assert "Tick at least one list to join." in summary.inner_text()
    _assert_accessible(page, "join form, with errors")

    form = page.locator("form.join-lists-form")
    form.get_by_label("Email address", exact=True).fill(address)
    form.get_by_label(re.compile("^Newsletter")).check()
    form.get_by_label(re.compile("^I agree")).check()
    page.wait_for_timeout(settings.FORM_MIN_FILL_SECONDS * 1000)
    form.get_by_role("button", name="Join").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    _assert_accessible(page, "join form, done")
    assert _statuses(events_server, address) == ["pending"]

    confirmation = smtp_server.wait_for(address, "Please confirm")
    link = re.search(r"https?://\S+/mailing-lists/confirm/\S+/", _text(confirmation)).group(0)
    page.goto(link)
    expect(page.get_by_role("button", name="Confirm")).to_be_visible()
    _assert_accessible(page, "confirm page")
    assert _statuses(events_server, address) == ["pending"], "opening the link confirms nothing"
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="You have joined")).to_be_visible()
    assert _statuses(events_server, address) == ["confirmed"]

    welcome = smtp_server.wait_for(address, "You have joined")
    assert str(welcome["List-Unsubscribe-Post"]).strip() == "List-Unsubscribe=One-Click"
    unsubscribe = str(welcome["List-Unsubscribe"]).strip().strip("<>")
    assert unsubscribe in _text(welcome)
    # The links a reader follows from the email: a page with a button each, changing nothing
    # until it is pressed, with no axe-core violations.
    preferences = re.search(r"https?://\S+/mailing-lists/preferences/\S+/", _text(welcome))
    page.goto(preferences.group(0))
    _assert_accessible(page, "preferences page")
    page.goto(unsubscribe)
    expect(
        page.get_by_role("button").filter(has_text=re.compile("leave|unsubscribe", re.I)).first
    ).to_be_visible()
    _assert_accessible(page, "unsubscribe page")
    assert _statuses(events_server, address) == ["confirmed"], "opening the page changes nothing"
    # What a mail provider's servers send (RFC 8058): no Origin, no cookie, this body.
    request = urllib.request.Request(
        unsubscribe,
        data=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
    assert _statuses(events_server, address) == ["unsubscribed"]
