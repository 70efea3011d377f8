"""The privacy notice (UK GDPR Articles 6, 9 and 13) and the accessibility statement (the public
sector accessibility regulations' model): every figure in them comes from the settings the code
itself uses, or from fields editors set, at the moment the page is read."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from wagtail.models import Site

from home.factories import StandardPageFactory, home_page
from home.models import SiteSettings
from roadmap.models import BaselineEntry

pytestmark = pytest.mark.django_db

# The site's own privacy notice and accessibility statement, as the demo publishes them. Tests
# of what they say keep the demo: their wording is the demo's content. Tests of where their
# figures come from build a page of the policy blocks (home/blocks/policies.py) instead.
PRIVACY = "/en-gb/about/privacy-notice/"
ACCESSIBILITY = "/en-gb/about/accessibility-statement/"


def text(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())


def section(page: str, heading: str, next_heading: str) -> str:
    return page[page.index(heading) : page.index(next_heading)]


@pytest.fixture
def site_settings():
    """The default site's settings (the site's home page made first)."""
    home_page()
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def personal_data(what: str, retention: str) -> tuple[str, dict]:
    """A "personal data we collect" block kept for one of the site's retention periods."""
    return (
        "personal_data",
        {
            "what": what,
            "purpose": "Made for a test.",
            "lawful_basis": "public_task",
            "special_category": "",
            "basis_note": "",
            "retention": retention,
            "who_sees": "Only the events team.",
        },
    )


def policy_page(*blocks) -> str:
    """The address of a new page whose body is these blocks."""
    return StandardPageFactory(title="A policy page", body=list(blocks)).url


# --- Privacy notice -------------------------------------------------------------------------


def test_retention_periods_are_the_ones_the_site_uses(client, settings):
    notice = policy_page(
        personal_data("Event sign-ups", "signup"),
        personal_data("The private link", "manage_link"),
        personal_data("The baseline", "baseline"),
    )
    before = (
        settings.SIGNUP_RETENTION_DAYS,
        settings.SIGNUP_MANAGE_LINK_MAX_AGE_DAYS,
        settings.BASELINE_MIN_GROUP_SIZE,
    )
    page = text(client, notice)
    assert f"{before[0]} days after the event ends" in page
    assert f"{before[1]} days after it was sent" in page
    assert f"at least {before[2]} results" in page

    settings.SIGNUP_RETENTION_DAYS = 42
    settings.SIGNUP_MANAGE_LINK_MAX_AGE_DAYS = 61
    settings.BASELINE_MIN_GROUP_SIZE = 9
    page = text(client, notice)
    assert "42 days after the event ends" in page
    assert "61 days after it was sent" in page
    assert "at least 9 results" in page
    assert f"{before[0]} days" not in page and f"{before[1]} days" not in page


@pytest.mark.usefixtures("demo_site")  # the demo's notice: its wording
def test_each_thing_collected_has_purpose_lawful_basis_retention_and_who_sees_it(client):
    page = text(client, PRIVACY)
    for heading in ("Why we collect it", "Lawful basis", "How long we keep it", "Who sees it"):
        assert page.count(heading) == 5, heading
    needs = section(page, "Access needs and dietary needs", "The private link")
    assert "Public task: Article 6(1)(e) UK GDPR" in needs
    assert "Special category data: Explicit consent: Article 9(2)(a) UK GDPR" in needs
    assert "Only the events team" in needs


@pytest.mark.usefixtures("demo_site")  # the demo's notice: its wording
def test_what_the_notice_says_about_the_baseline_matches_what_is_stored(client):
    stored = {
        field.name
        for field in BaselineEntry._meta.get_fields()
        if field.concrete and field.name != "id"
    }
    # A new field here must be described in the privacy notice too.
    assert stored == {
        "created_at",
        "overall_stage",
        "driver_stages",
        "sector",
        "borough",
        "submission_key",
    }
    page = text(client, PRIVACY)
    baseline = section(page, "Adding your result to the London baseline", "Your rights")
    for words in (
        "the stage your answers point to overall",  # overall_stage
        "the stage for each driver of change",  # driver_stages
        "the sector and borough you choose",  # sector, borough
        "the date and time",  # created_at
        "We do not store your answers",  # and submission_key is a random one-time value
    ):
        assert words in baseline
    assert "keeps only your answers" not in page


def test_controller_and_contact_come_from_site_settings_and_are_marked_while_examples(
    client, site_settings
):
    notice = policy_page(("data_protection_contact", None))
    site_settings.data_controller = "A placeholder controller"
    site_settings.data_protection_contact = "dpo@placeholder.example"
    site_settings.data_protection_is_example = True
    site_settings.save()
    page = client.get(notice).content.decode()
    contact = page[page.index('class="policy-facts data-protection-contact"') :]
    contact = contact[: contact.index("</dl>")]
    assert "A placeholder controller" in contact
    assert "dpo@placeholder.example" in contact
    assert contact.count('class="example-label"') == 2
    assert "placeholders" in text(client, notice)

    site_settings.data_controller = "Mayor's Office for Policing and Crime, London"
    site_settings.data_protection_contact = "dpo@real.example"
    site_settings.data_protection_is_example = False
    site_settings.save()
    page = text(client, notice)
    assert "Mayor's Office for Policing and Crime, London" in page
    assert "dpo@real.example" in page
    assert "placeholders" not in page
    assert "A placeholder controller" not in page


@pytest.mark.usefixtures("demo_site")  # the demo's notice: its wording
def test_the_notice_describes_readers_rights_and_the_ico(client):
    page = text(client, PRIVACY)
    for right in ("access", "rectification", "erasure", "restrict", "object", "portability"):
        assert right in page
    assert "withdraw your consent" in page
    assert "Information Commissioner's Office (ICO)" in page
    assert "ico.org.uk" in page


# --- Accessibility statement ----------------------------------------------------------------


@pytest.mark.usefixtures("demo_site")  # the demo's statement: its wording
def test_the_statement_has_the_model_statements_sections(client):
    page = text(client, ACCESSIBILITY)
    for heading in (
        "How accessible this website is",
        "Feedback and contact information",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "How we tested this website",
    ):
        assert heading in page
    assert (
        "partially compliant with the Web Content Accessibility Guidelines (WCAG) version 2.2 AA"
        in page
    )
    assert "Equality and Human Rights Commission (EHRC)" in page
    assert "Equality Advisory and Support Service (EASS)" in page
    assert "Equality Commission for Northern Ireland (ECNI)" in page


@pytest.mark.usefixtures("demo_site")  # the demo's statement: its wording
def test_the_statement_summarises_what_the_tests_actually_check(client):
    page = text(client, ACCESSIBILITY)
    tested = section(page, "How we tested this website", "This statement was prepared on")
    for check in (
        "in English and in Arabic",
        "375 and 1280 pixels",
        "axe-core against the WCAG 2.2 level A and AA rules",
        "Nu Html Checker",
        "JavaScript switched off",
        "keyboard",
        "not yet been audited",
    ):
        assert check in tested
    # No claim of testing that has not happened.
    assert "test with a keyboard and a screen reader" not in page
    assert "not yet been tested with screen readers or speech recognition software" in page


def test_dates_and_reply_time_come_from_site_settings(client, site_settings):
    statement = policy_page(("accessibility_dates", None), ("accessibility_reply_time", None))
    page = text(client, statement)
    assert "This statement was prepared on Not yet recorded." in page
    assert "We have not yet set how quickly we reply" in page

    site_settings.accessibility_prepared_on = datetime.date(2026, 3, 2)
    site_settings.accessibility_tested_on = datetime.date(2026, 3, 1)
    site_settings.accessibility_reply_days = 7
    site_settings.save()
    page = text(client, statement)
    assert "This statement was prepared on 2 March 2026" in page
    assert "The website was last tested on 1 March 2026" in page
    assert "We will reply within 7 working days." in page
