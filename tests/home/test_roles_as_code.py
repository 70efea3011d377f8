"""Roles as code (home/migrations/0004_roles_as_code.py): each group, as the migration leaves
it, through the admin. The Events team's sign-up screens are in tests/events/test_roles.py.

- Editors add and edit pages and the snippets readers see, and submit them for review; they
  cannot publish.
- Moderators publish.
- Translators translate into Arabic and touch nothing else.
- Site administrators manage users, groups, settings and workflows, without being superusers.
- The Events team: tests/events/test_roles.py.
"""

from __future__ import annotations

from importlib import import_module

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.factories import FooterTextFactory, StandardPageFactory, home_page, translate
from home.models import FooterText, NoticeBanner
from roadmap.models import Recommendation

pytestmark = pytest.mark.django_db


def member_of(django_user_model, name: str):
    user = django_user_model.objects.create_user(
        name.lower().replace(" ", "-"), f"{name.lower().replace(' ', '.')}@example.org", "pw-x9"
    )
    user.groups.add(Group.objects.get(name=name))
    return user


def new_page_data(title: str, slug: str, action: str) -> dict:
    return nested_form_data(
        {
            "comments": inline_formset([]),
            "title": title,
            "slug": slug,
            "body": streamfield([("paragraph", rich_text(f"<p>{title}, the text.</p>"))]),
            action: action.removeprefix("action-"),
        }
    )


def add_url(parent: Page) -> str:
    return reverse("wagtailadmin_pages:add", args=["home", "standardpage", parent.id])


def refused(response) -> bool:
    """Wagtail sends a refused admin page back to the dashboard, or answers 403."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"].rstrip("/") == "/admin"
    )


def test_wagtails_own_editors_and_moderators_groups_are_updated_not_duplicated():
    for name in ("Editors", "Moderators", "Events team", "Translators", "Site administrators"):
        assert Group.objects.filter(name=name).count() == 1, name


def test_an_editor_creates_a_page_and_submits_it_but_cannot_publish(client, django_user_model):
    editor = member_of(django_user_model, "Editors")
    client.force_login(editor)
    home = home_page()
    assert client.get(add_url(home)).status_code == 200

    response = client.post(add_url(home), new_page_data("Submitted", "submitted", "action-submit"))
    assert response.status_code == 302
    page = Page.objects.child_of(home).get(slug="submitted")
    assert not page.live
    assert page.specific.workflow_in_progress, "the page went to review"

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.id])).content.decode()
    assert 'name="action-publish"' not in edit, "no publish action is offered"
    response = client.post(add_url(home), new_page_data("Forced", "forced", "action-publish"))
    forced = Page.objects.child_of(home).filter(slug="forced").first()
    assert forced is None or not forced.live, "a publish request does not publish"
    live = StandardPageFactory(title="Live page")
    assert refused(client.post(reverse("wagtailadmin_pages:unpublish", args=[live.id])))
    assert refused(client.get(reverse("wagtailadmin_pages:delete", args=[live.id])))


def test_an_editor_edits_the_snippets_readers_see_but_cannot_publish_them(
    client, django_user_model
):
    client.force_login(member_of(django_user_model, "Editors"))
    footer = FooterTextFactory()
    for model in (FooterText, Recommendation):
        meta = model._meta
        listing = client.get(reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:list"))
        assert listing.status_code == 200, meta.model_name
    edit_url = reverse("wagtailsnippets_home_footertext:edit", args=[footer.pk])
    edit = client.get(edit_url).content.decode()
    assert 'name="action-submit"' in edit and 'name="action-publish"' not in edit
    assert refused(client.get(reverse("wagtailsnippets_home_footertext:delete", args=[footer.pk])))


def test_a_moderator_publishes_pages(client, django_user_model):
    client.force_login(member_of(django_user_model, "Moderators"))
    home = home_page()
    response = client.post(add_url(home), new_page_data("Published", "published", "action-publish"))
    assert response.status_code == 302
    assert Page.objects.child_of(home).get(slug="published").live


def test_a_translator_translates_into_arabic_and_nothing_else(client, django_user_model):
    english = StandardPageFactory(title="Safety first")
    arabic = translate(english, "ar", title="السلامة أولاً")
    client.force_login(member_of(django_user_model, "Translators"))

    response = client.get(reverse("wagtailadmin_pages:edit", args=[arabic.id]))
    assert response.status_code == 200, "the translation opens in the translation editor"
    assert "السلامة أولاً" in response.content.decode()
    assert 'name="action-publish"' not in response.content.decode()
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[english.id])))
    assert refused(client.get(add_url(home_page())))
    assert refused(client.get(reverse("wagtailsettings:edit", args=["home", "sitesettings"])))
    assert refused(client.get(reverse("wagtailusers_users:index")))
    footer = FooterTextFactory()
    assert refused(client.get(reverse("wagtailsnippets_home_footertext:edit", args=[footer.pk])))
    submit = reverse("wagtail_localize:submit_page_translation", args=[english.id])
    assert client.get(submit).status_code == 200, "it may ask for a translation"


def test_a_translator_may_edit_a_language_added_after_the_migration(client, django_user_model):
    """A new language's tree (here French, made after the roles) is the Translators' too."""
    english = StandardPageFactory(title="Listening")
    french = translate(english, "fr", title="Écouter")
    client.force_login(member_of(django_user_model, "Translators"))
    assert client.get(reverse("wagtailadmin_pages:edit", args=[french.id])).status_code == 200
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[english.id])))


def test_a_site_administrator_manages_users_groups_settings_and_workflows(
    client, django_user_model
):
    admin = member_of(django_user_model, "Site administrators")
    assert not admin.is_superuser and not admin.is_staff
    client.force_login(admin)
    home_page()
    for name in (
        "wagtailusers_users:index",
        "wagtailusers_users:add",
        "wagtailusers_groups:index",
        "wagtailadmin_workflows:index",
        "wagtailadmin_workflows:task_index",
        "wagtailsites:index",
        "wagtailredirects:index",
    ):
        assert client.get(reverse(name)).status_code == 200, name
    settings_url = reverse("wagtailsettings:edit", args=["home", "sitesettings"])
    assert client.get(settings_url, follow=True).status_code == 200
    assert refused(client.get(add_url(home_page()))), "content is the editors' work"
    assert refused(client.get("/admin/events/sign-ups/")), "sign-ups are the Events team's"


def test_every_page_and_the_draftable_snippets_go_through_the_moderators_approval():
    workflow = Workflow.objects.get(name="Moderators approval", active=True)
    assert [task.specific.groups.get().name for task in workflow.tasks] == ["Moderators"]
    page = StandardPageFactory(title="Anywhere")
    assert page.get_workflow() == workflow
    assert Page.get_first_root_node().get_workflow() == workflow
    for model in (FooterText, NoticeBanner, Recommendation):
        assert model.get_default_workflow() == workflow, model.__name__


def test_running_the_roles_migration_again_changes_nothing_but_fills_what_is_missing():
    """Idempotent: run again (as on a site that already has content), it makes no second group
    and gives the Translators each existing language tree whose permission went missing."""
    arabic = translate(StandardPageFactory(title="Trust"), "ar", title="الثقة")
    arabic_home = arabic.get_parent()
    GroupPagePermission.objects.filter(group__name="Translators").delete()
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))

    state = MigrationExecutor(connection).loader.project_state(("home", "0004_roles_as_code"))
    import_module("home.migrations.0004_roles_as_code").create_roles(state.apps, None)

    assert Group.objects.filter(name="Translators").count() == 1
    granted = GroupPagePermission.objects.filter(group__name="Translators")
    assert [(p.page_id, p.permission.codename) for p in granted] == [
        (arabic_home.id, "change_page")
    ]
    assert editors == set(
        Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
    )


@pytest.mark.parametrize(
    "role", ["Editors", "Moderators", "Translators", "Events team", "Site administrators"]
)
def test_every_role_reads_in_the_editor_guide_what_each_group_may_do(
    client, django_user_model, role
):
    client.force_login(member_of(django_user_model, role))
    guide = client.get("/admin/editor-guide/").content.decode()
    assert "Who can do what" in guide and "Awaiting your review" in guide
    for name in ("Editors", "Moderators", "Translators", "Events team", "Site administrators"):
        assert f"<strong>{name}</strong>" in guide, name
