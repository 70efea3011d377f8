"""Review before publishing: every page and every snippet readers see (footer text, notice
banner, recommendations, and the taxonomy terms: principles, drivers of change, audiences,
sectors, London boroughs) has drafts and goes through the "Moderators approval" workflow
(home/migrations/0004_roles_as_code.py, 0007_taxonomy_review_before_publishing.py and
roadmap/migrations/0004). Editors submit; a Moderator finds the work in their review list and
approves it (it goes live) or rejects it with a comment (it stays a draft). Wagtail's emails
about it go to the site's outbox, events' OutboundEmail table.

Pages and the footer text are tested here; the taxonomy terms, with what readers see of them
before and after review, in tests/home/test_taxonomy_review.py."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from events.models import OutboundEmail
from home.factories import FooterTextFactory, home_page
from home.models import FooterText

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _the_sites_outbox(settings):
    settings.EMAIL_BACKEND = "events.emails.OutboxBackend"  # pytest-django swaps in locmem


def member_of(django_user_model, name: str, username: str):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.org", "a-long-test-password"
    )
    user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def editor(django_user_model):
    return member_of(django_user_model, "Editors", "erin-editor")


@pytest.fixture
def moderator(django_user_model):
    return member_of(django_user_model, "Moderators", "mo-moderator")


def submit_new_page(client, editor, title: str) -> Page:
    client.force_login(editor)
    home = home_page()
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", home.id])
    data = {
        "comments": inline_formset([]),
        "title": title,
        "slug": title.lower().replace(" ", "-"),
        "body": streamfield([("paragraph", rich_text(f"<p>{title}: the text.</p>"))]),
        "action-submit": "submit",
    }
    assert client.post(url, nested_form_data(data)).status_code == 302
    page = Page.objects.child_of(home).get(title=title).specific
    assert not page.live and page.workflow_in_progress
    return page


def emails_to(user) -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(to=user.email).order_by("pk"))


def test_a_moderator_approves_a_submitted_page_and_it_goes_live(client, editor, moderator):
    page = submit_new_page(client, editor, "Approved page")
    assert any("Approved page" in email.text for email in emails_to(moderator)), (
        "the moderator is emailed about the submission"
    )

    client.force_login(moderator)
    dashboard = client.get("/admin/").content.decode()
    assert "Awaiting your review" in dashboard and "Approved page" in dashboard
    task_state = page.current_workflow_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.id, "approve", task_state.id]),
        {"comment": "Looks right."},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and not page.workflow_in_progress
    client.logout()
    assert "Approved page: the text." in client.get(page.url).content.decode()
    assert any("approved" in email.subject.lower() for email in emails_to(editor))


def test_a_moderator_rejects_a_page_with_a_comment_and_the_editor_is_emailed(
    client, editor, moderator
):
    page = submit_new_page(client, editor, "Rejected page")
    client.force_login(moderator)
    task_state = page.current_workflow_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.id, "reject", task_state.id]),
        {"comment": "Please name the source of the figure."},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live, "a rejected page stays a draft"
    assert page.current_workflow_state.status == "needs_changes"
    rejections = [email for email in emails_to(editor) if "rejected" in email.subject.lower()]
    assert rejections, [email.subject for email in emails_to(editor)]
    assert "Please name the source of the figure." in rejections[0].text


def test_an_editor_cannot_approve_their_own_submission(client, editor):
    page = submit_new_page(client, editor, "Own page")
    task_state = page.current_workflow_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.id, "approve", task_state.id]),
        {"comment": ""},
    )
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert not page.live and page.workflow_in_progress


def test_a_footer_text_change_is_reviewed_before_readers_see_it(client, editor, moderator):
    footer = FooterTextFactory(support_heading="Need support?")
    client.force_login(editor)
    data = {
        "support_heading": "Help now",
        "support_text": rich_text("<p>Call the helpline.</p>"),
        "about_text": rich_text("<p>Run for a test.</p>"),
        "links-count": "0",
        "action-submit": "submit",
    }
    url = reverse("wagtailsnippets_home_footertext:edit", args=[footer.pk])
    assert client.post(url, data).status_code == 302
    footer.refresh_from_db()
    assert footer.support_heading == "Need support?", "readers still see the published text"
    assert footer.workflow_in_progress

    client.force_login(moderator)
    assert "Awaiting your review" in client.get("/admin/").content.decode()
    task_state = footer.current_workflow_task_state
    response = client.post(
        reverse(
            "wagtailsnippets_home_footertext:workflow_action",
            args=[footer.pk, "approve", task_state.id],
        ),
        {"comment": ""},
    )
    assert response.status_code == 302
    footer = FooterText.objects.get(pk=footer.pk)
    assert footer.support_heading == "Help now" and footer.live
