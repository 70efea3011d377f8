"""Permissions that mean what they say: each admin role against every sign-up screen.

- Events team (view, add, change, export): sees, inspects, adds, edits, cancels and downloads
  sign-ups, and answers personal-data requests.
- A role that may only look (view, no export, no change): sees and inspects, but gets no
  download link and a 403 when it asks for a download, and no add, cancel, edit or
  personal-data requests.
- Editors and Moderators (Wagtail's page roles): no personal data at all.
- The Events team edits no page and no snippet (home/migrations/0004_roles_as_code.py).
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission

from events import services
from events.factories import EventPageFactory
from events.models import Registration
from home.factories import FooterTextFactory

pytestmark = pytest.mark.django_db

PERSON = "erin.private@example.org"


@pytest.fixture
def signup():
    event = EventPageFactory(slug="roles-event", capacity=5)
    services.sign_up(event, {"name": "Erin Private", "email": PERSON}, "en-gb")
    return Registration.objects.get(email=PERSON)


def member_of(django_user_model, group: Group):
    user = django_user_model.objects.create_user(
        f"member-{group.pk}", f"member-{group.pk}@example.org", "a-long-test-password"
    )
    user.groups.add(group)
    return user


@pytest.fixture
def view_only_group():
    """A role someone might make for volunteers at the door: may look, not download or change."""
    group = Group.objects.create(name="Sign-up viewers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_registration"),
    )
    return group


def urls(signup) -> dict[str, str]:
    return {
        "list": f"/admin/events/sign-ups/?event={signup.event_id}",
        "add": "/admin/events/sign-ups/new/",
        "personal-data": "/admin/events/personal-data/",
        "summary": "/admin/events/summary/",
        "inspect": f"/admin/events/sign-ups/inspect/{signup.pk}/",
        "edit": f"/admin/events/sign-ups/edit/{signup.pk}/",
        "delete": f"/admin/events/sign-ups/delete/{signup.pk}/",
        "cancel": f"/admin/events/sign-ups/{signup.pk}/cancel-sign-up/",
        "give-place": f"/admin/events/sign-ups/{signup.pk}/give-place/",
        "export-csv": f"/admin/events/sign-ups/?event={signup.event_id}&export=csv",
        "export-xlsx": f"/admin/events/sign-ups/?event={signup.event_id}&export=xlsx",
    }


def refused(response) -> bool:
    """Wagtail sends a refused admin page back to the dashboard; our own views answer 403.
    Either way nothing of the person is in the answer."""
    body = b"" if response.streaming else response.content
    return response.status_code in (302, 403) and PERSON.encode() not in body


def test_the_events_team_can_do_everything_but_delete(client, django_user_model, signup):
    user = member_of(django_user_model, Group.objects.get(name="Events team"))
    client.force_login(user)
    page = urls(signup)
    listing = client.get(page["list"]).content.decode()
    assert PERSON in listing
    assert "export=csv" in listing and "export=xlsx" in listing, "the download links are shown"
    assert "cancel-sign-up" in listing, "the cancel action is shown"
    assert "export=csv" in client.get(page["summary"]).content.decode()
    assert PERSON in client.get(page["inspect"]).content.decode()
    assert client.get(page["edit"]).status_code == 200
    assert client.get(page["add"]).status_code == 200
    assert client.get(page["personal-data"]).status_code == 200
    assert client.get(page["give-place"]).status_code == 200
    for export in ("export-csv", "export-xlsx"):
        response = client.get(page[export])
        assert response.status_code == 200, export
        assert response["Content-Disposition"].startswith("attachment")
    assert refused(client.get(page["delete"])), "sign-ups are cancelled or purged, not deleted"
    assert client.post(page["cancel"]).status_code == 302
    signup.refresh_from_db()
    assert signup.status == Registration.Status.CANCELLED


def test_a_role_without_the_export_permission_gets_no_link_and_a_refusal(
    client, django_user_model, signup, view_only_group
):
    user = member_of(django_user_model, view_only_group)
    client.force_login(user)
    page = urls(signup)
    listing = client.get(page["list"])
    assert listing.status_code == 200
    content = listing.content.decode()
    assert PERSON in content, "it may see the list"
    assert "export=csv" not in content and "export=xlsx" not in content, "no download link"
    assert "cancel-sign-up" not in content, "no cancel link: it may not change sign-ups"
    summary = client.get(page["summary"]).content.decode()
    assert "export=" not in summary
    assert PERSON in client.get(page["inspect"]).content.decode()

    for export in ("export-csv", "export-xlsx"):
        response = client.get(page[export])
        assert response.status_code == 403, export
        assert not response.streaming and PERSON.encode() not in response.content
    for action in ("add", "edit", "delete"):
        assert refused(client.get(page[action])), action
    for action in ("cancel", "give-place", "personal-data"):
        assert client.get(page[action]).status_code == 403, action
        assert client.post(page[action]).status_code == 403, action
    signup.refresh_from_db()
    assert signup.status == Registration.Status.CONFIRMED, "the refused cancel changed nothing"


@pytest.mark.parametrize("role", ["Editors", "Moderators"])
def test_page_editors_and_moderators_see_no_personal_data(client, django_user_model, signup, role):
    user = member_of(django_user_model, Group.objects.get(name=role))
    client.force_login(user)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200, "the role can use the admin"
    assert "Event sign-ups" not in dashboard.content.decode()
    page = urls(signup)
    for action, url in page.items():
        assert refused(client.get(url)), action
    for action in ("export-csv", "export-xlsx"):
        assert client.get(page[action]).status_code == 403, action
    assert client.post(page["cancel"]).status_code == 403
    assert client.post(page["edit"], {"name": "Changed"}).status_code in (302, 403)
    signup.refresh_from_db()
    assert (signup.status, signup.name) == (Registration.Status.CONFIRMED, "Erin Private")


def test_the_events_team_cannot_edit_pages_or_snippets(client, django_user_model, signup):
    user = member_of(django_user_model, Group.objects.get(name="Events team"))
    client.force_login(user)
    event = signup.event
    for url in (
        f"/admin/pages/{event.id}/edit/",
        f"/admin/pages/add/events/eventpage/{event.get_parent().id}/",
        f"/admin/snippets/home/footertext/edit/{FooterTextFactory().pk}/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert response.status_code == 403 or response["Location"].rstrip("/") == "/admin", url
