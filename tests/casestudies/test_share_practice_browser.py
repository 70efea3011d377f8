"""Share your practice in Chromium, against the real site and its email sender with an SMTP
server on loopback: a practitioner sends a description (the form empty, with mistakes and sent
has no axe-core violations) and is emailed that it arrived; the Moderators are emailed; a
Moderator signs in with two-step sign-in and approves the draft in the admin, and the case
study appears in the finder."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.support.browser import axe_violations, describe_violations

pytestmark = pytest.mark.browser

KEY = "3132333435363738393031323334353637383930"  # the test authenticator's secret
PASSWORD = "a-long-browser-test-password"
MODERATOR = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
user, _ = get_user_model().objects.get_or_create(username="mo-browser", email="mo@example.org")
user.set_password("{PASSWORD}")
user.save()
user.groups.add(Group.objects.get(name="Moderators"))
TOTPDevice.objects.get_or_create(user=user, name="Test phone", confirmed=True, key="{KEY}")
"""
TITLE = "Quiet rooms in youth hubs"


def _assert_accessible(page, what: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{what}:\n{describe_violations(violations)}"


def _code() -> str:
    return f"{TOTP(bytes.fromhex(KEY), 30, 0, 6).token():06d}"


def test_a_moderator_approves_a_shared_practice_and_it_appears_in_the_finder(
    events_server, smtp_server, browser_page
):
    site_server = events_server  # the demo site, sending its email to `smtp_server`
    site_server.manage("shell", "-c", MODERATOR)
    page = browser_page
    page.goto(f"{site_server.url}/en-gb/get-involved/share-your-practice/")
    _assert_accessible(page, "share your practice, empty")

    page.get_by_label("Name of the practice").fill(TITLE)
    page.get_by_role("button", name="Send your practice").click()
    expect(page.locator("#error-summary")).to_be_visible()
    assert "Describe what you did." in page.locator("#error-summary").inner_text()
    _assert_accessible(page, "share your practice, with mistakes")

    page.get_by_label("Organisation or partnership").fill("Example Youth Service")
    page.get_by_label("What did you do?").fill("We opened quiet rooms in two youth hubs.")
    page.get_by_label("What changed as a result?").fill("Young people stayed longer.")
    page.get_by_role("group", name="Sector").get_by_role("radio").first.check()
    page.get_by_label("Your name").fill("Pat Practitioner")
    page.get_by_label("Your email address").fill("pat@example.org")
    page.get_by_label(re.compile("may contact me")).check()
    page.get_by_label(re.compile("may be edited and published")).check()
    page.wait_for_timeout(settings.FORM_MIN_FILL_SECONDS * 1000)  # a person takes a moment
    page.get_by_role("button", name="Send your practice").click()
    expect(
        page.get_by_role("heading", name="Thank you: your practice has been sent")
    ).to_be_visible()
    _assert_accessible(page, "share your practice, sent")
    received = smtp_server.wait_for("pat@example.org", "We received your practice")
    assert TITLE in str(received["Subject"])
    assert "never published" in received.get_body(preferencelist=("plain",)).get_content()
    smtp_server.wait_for("mo@example.org", f'"{TITLE}" has been submitted')

    page.goto(f"{site_server.url}/admin/login/")
    page.fill("#id_username", "mo-browser")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_role("heading", name="Enter your sign-in code")).to_be_visible()
    page.get_by_label("Code").fill(_code())
    page.get_by_role("button", name="Continue").click()
    review = page.locator("section, div").filter(has_text="Awaiting your review")
    expect(page.get_by_role("link", name=TITLE).first).to_be_visible()
    assert review.count() > 0
    page.get_by_role("link", name=TITLE).first.click()
    # Wagtail's "Approve" (the one without a comment box) in the page editor's action menu.
    approve = page.locator(
        'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    ).first
    if not approve.is_visible():
        page.locator("footer .w-dropdown__toggle").first.click()
    approve.click()
    # Back in the finder's listing in the admin, the case study is now live.
    expect(page.get_by_role("row", name=re.compile(f"{TITLE}.*status: live"))).to_be_visible()

    page.goto(f"{site_server.url}/en-gb/promising-practice/?q=quiet+rooms")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
