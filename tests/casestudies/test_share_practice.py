"""Share your practice: a practitioner's description becomes a draft case study that is never
live by itself and goes to the Moderators; their contact details are kept apart and never
published; they get a confirmation through the outbox; a Moderator's approval puts it in the
finder; export, erasure and retention cover the contact details."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from casestudies.factories import SharePracticePageFactory
from casestudies.models import CaseStudyPage, PracticeSubmission
from casestudies.views import SHARE_PRACTICE
from events import personal_data
from events.models import OutboundEmail
from home import spam
from home.factories import BoroughFactory, DriverOfChangeFactory, SectorFactory, served_stamp

pytestmark = pytest.mark.django_db

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}
EMAIL = "priya.practitioner@example.org"


@pytest.fixture(autouse=True)
def _the_sites_outbox(settings):
    settings.EMAIL_BACKEND = "events.emails.OutboxBackend"  # pytest-django swaps in locmem


@pytest.fixture
def share_page():
    SectorFactory(name="Health", slug="health")
    BoroughFactory(name="Hackney", slug="hackney")
    DriverOfChangeFactory(name="Workforce", slug="workforce")
    return SharePracticePageFactory()


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("mo", "mo@example.org", "a-long-password")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def answers(**changes) -> dict:
    data = {
        "title": "Calmer waiting rooms",
        "organisation": "Example Health Trust",
        "what_they_did": "We trained reception staff.\n\nWe changed the <b>signs</b>.",
        "what_changed": "Fewer incidents in the waiting room, by the staff's own log.",
        "sector": "health",
        "boroughs": ["hackney"],
        "drivers": ["workforce"],
        "contact_name": "Priya Practitioner",
        "contact_email": EMAIL,
        "consent_contact": "on",
        "consent_publish": "on",
        **served_stamp(SHARE_PRACTICE.name),
    }
    data.update(changes)
    return data


def share(client, page, **changes):
    return client.post(page.send_url, answers(**changes), **ORIGIN)


def test_the_form_page_groups_the_questions_and_sets_no_cookie(client, share_page):
    response = client.get(share_page.url)
    assert response.status_code == 200 and not response.cookies
    html = response.content.decode()
    assert f'action="{share_page.send_url}"' in html
    assert "<legend>About you (never published)</legend>" in html
    assert '<fieldset class="choices" id="id_sector">' in html and "Health" in html
    assert '<div class="form-honeypot" aria-hidden="true">' in html


def test_a_shared_practice_becomes_a_draft_for_the_moderators_and_never_goes_live_by_itself(
    client, share_page, moderator
):
    response = share(client, share_page)
    assert response.status_code == 303 and response["Location"] == f"{share_page.url}?sent=1"
    page = CaseStudyPage.objects.get(title="Calmer waiting rooms")
    assert not page.live and page.workflow_in_progress, "waiting for a Moderator"
    assert page.sector.slug == "health" and [b.slug for b in page.boroughs.all()] == ["hackney"]
    assert [d.slug for d in page.drivers.all()] == ["workforce"]
    body = str(page.body)
    assert "<p>We trained reception staff.</p>" in body
    assert "&lt;b&gt;signs&lt;/b&gt;" in body, "a reader's text is escaped, never HTML"
    assert EMAIL not in body + page.summary + page.contact, "contact details are kept apart"
    assert client.get(page.url).status_code == 404, "readers cannot see the draft"

    submission = PracticeSubmission.objects.get(page=page)
    assert (submission.contact_name, submission.contact_email) == ("Priya Practitioner", EMAIL)
    (confirmation,) = OutboundEmail.objects.filter(to=EMAIL)
    assert "Calmer waiting rooms" in confirmation.subject
    assert "never published" in confirmation.text
    assert OutboundEmail.objects.filter(to=moderator.email).exists(), "the Moderators are told"
    thanks = client.get(response["Location"]).content.decode()
    assert "Thank you: your practice has been sent" in thanks


def test_a_moderators_approval_puts_it_in_the_finder(client, share_page, moderator):
    share(client, share_page)
    page = CaseStudyPage.objects.get(title="Calmer waiting rooms")
    client.force_login(moderator)
    task_state = page.current_workflow_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.id, "approve", task_state.id]),
        {"comment": "Thank you."},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    client.logout()
    finder = client.get(page.get_parent().url).content.decode()
    assert "Calmer waiting rooms" in finder


def test_mistakes_are_explained_and_nothing_is_kept(client, share_page):
    response = share(client, share_page, what_changed="", consent_publish="", contact_email="x")
    html = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert "Describe what changed." in html
    assert "Tick the box to agree that it may be published." in html
    assert "Enter an email address in the right format" in html
    assert 'value="Calmer waiting rooms"' in html, "the answers come back"
    assert not CaseStudyPage.objects.filter(title="Calmer waiting rooms").exists()


def test_a_bot_is_thanked_and_nothing_is_kept(client, share_page):
    response = share(client, share_page, **{spam.HONEYPOT_FIELD: "spam"})
    assert response.status_code == 303 and response["Location"].endswith("?sent=1")
    quick = share(client, share_page, **served_stamp(SHARE_PRACTICE.name, seconds_ago=1))
    assert "send the form again" in quick.content.decode()
    assert not CaseStudyPage.objects.filter(title="Calmer waiting rooms").exists()
    assert not PracticeSubmission.objects.exists() and not OutboundEmail.objects.exists()


def test_export_erasure_and_retention_cover_the_contact_details(client, share_page):
    share(client, share_page)
    exported = personal_data.export_for_email(EMAIL)
    assert exported["shared_practice"][0]["practice"] == "Calmer waiting rooms"
    assert personal_data.erase_for_email(EMAIL) == 1
    assert not PracticeSubmission.objects.exists()
    assert not OutboundEmail.objects.filter(to=EMAIL).exists(), "the confirmation goes too"
    assert CaseStudyPage.objects.filter(title="Calmer waiting rooms").exists(), "the practice stays"

    share(client, share_page, title="Another practice", contact_email="old@example.org")
    PracticeSubmission.objects.update(created_at=timezone.now() - timedelta(days=400))
    share(client, share_page, title="A recent practice", contact_email="recent@example.org")
    out = StringIO()
    call_command("purge_practice_submissions", "--dry-run", stdout=out)
    assert "1 shared-practice contact(s)" in out.getvalue()
    assert PracticeSubmission.objects.count() == 2, "a dry run changes nothing"
    call_command("purge_practice_submissions", stdout=StringIO())
    (kept,) = PracticeSubmission.objects.all()
    assert kept.contact_email == "recent@example.org", "only the contact past its time goes"


def test_only_moderators_and_the_events_team_see_who_shared_a_practice(
    client, share_page, django_user_model
):
    share(client, share_page)
    listing = "/admin/practice_submissions/"
    for group, allowed in (("Moderators", True), ("Events team", True), ("Editors", False)):
        user = django_user_model.objects.create_user(group[:5].lower(), "", "a-long-password")
        user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        response = client.get(listing)
        assert (response.status_code == 200 and EMAIL in response.content.decode()) is allowed, (
            group
        )
