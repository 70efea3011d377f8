"""Review before publishing, for the taxonomy terms readers see (principles, drivers of change,
audiences, sectors, London boroughs: home/models/taxonomy.py, home/migrations/0006 and 0007).

An editor's change to a term is a draft until a Moderator approves it: until then readers (the
case-study finder's filters, a case study's tags and cards) see the published term, and a new
term nobody has published yet is not shown at all. Everything goes through the admin views;
Wagtail's emails go to the site's outbox (events' OutboundEmail table)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Workflow

from casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from events.forms import sector_choices
from events.models import OutboundEmail
from home import caching
from home.factories import BoroughFactory, SectorFactory, locale, translate
from home.models import Audience, Borough, DriverOfChange, Principle, Sector

pytestmark = pytest.mark.django_db

FINDER = "/en-gb/promising-practice/"
TAXONOMY = (Principle, DriverOfChange, Audience, Sector, Borough)


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


@pytest.fixture
def case_study():
    """A published case study in the finder, tagged with the published sector "Policing" and
    the borough "Hackney"."""
    index = CaseStudyIndexPageFactory(title="Promising practice", slug="promising-practice")
    sector = SectorFactory(name="Policing", slug="policing")
    borough = BoroughFactory(name="Hackney", slug="hackney")
    return CaseStudyPageFactory(
        parent=index, title="Calmer custody", sector=sector, boroughs=[borough]
    )


def sector_data(sector: Sector, action: str, **changes) -> dict:
    data = {
        "name": sector.name,
        "slug": sector.slug,
        "description": sector.description,
        "sort_order": sector.sort_order,
        "icon": sector.icon,
        **changes,
        action: action.removeprefix("action-"),
    }
    if sector.is_example_content:
        data["is_example_content"] = "on"
    return data


def finder_sector_options(client) -> str:
    """The finder's sector filter, as a reader sees it."""
    page = client.get(FINDER).content.decode()
    start = page.index('name="sector"')
    return page[start : page.index("</select>", start)]


def reader_sees(client, url: str) -> str:
    client.logout()
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def emails_to(user) -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(to=user.email).order_by("pk"))


def submit_rename(client, editor, sector: Sector, new_name: str) -> Sector:
    client.force_login(editor)
    url = reverse("wagtailsnippets_home_sector:edit", args=[sector.pk])
    response = client.post(url, sector_data(sector, "action-submit", name=new_name))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Sector.objects.get(pk=sector.pk)


def workflow_action(client, user, sector: Sector, action: str, comment: str = ""):
    client.force_login(user)
    url = reverse(
        "wagtailsnippets_home_sector:workflow_action",
        args=[sector.pk, action, sector.current_workflow_task_state.id],
    )
    return client.post(url, {"comment": comment})


def test_every_taxonomy_goes_through_the_moderators_approval_and_moderators_publish_it():
    workflow = Workflow.objects.get(name="Moderators approval", active=True)
    editors = Group.objects.get(name="Editors")
    moderators = Group.objects.get(name="Moderators")
    for model in TAXONOMY:
        name = model._meta.model_name
        assert model.get_default_workflow() == workflow, name
        assert moderators.permissions.filter(codename=f"publish_{name}").exists(), name
        assert not editors.permissions.filter(codename=f"publish_{name}").exists(), name
        for action in ("add", "change"):
            assert editors.permissions.filter(codename=f"{action}_{name}").exists(), name


def test_an_editors_renamed_sector_waits_for_a_moderator_then_readers_see_it(
    client, editor, moderator, case_study
):
    assert ">Policing<" in finder_sector_options(client)
    assert "Policing" in reader_sees(client, case_study.url)  # both now in the content cache

    sector = submit_rename(client, editor, case_study.sector, "Police and custody")
    assert sector.name == "Policing" and sector.live, "the published term is unchanged"
    assert sector.workflow_in_progress and sector.has_unpublished_changes
    assert ">Policing<" in finder_sector_options(client)
    assert "Police and custody" not in reader_sees(client, FINDER)
    facts = reader_sees(client, case_study.url)
    assert "Policing" in facts and "Police and custody" not in facts

    submitted = [email for email in emails_to(moderator) if "Police and custody" in email.text]
    assert submitted, [email.subject for email in emails_to(moderator)]

    client.force_login(moderator)
    assert "Police and custody" in client.get("/admin/").content.decode(), "awaiting review"
    assert workflow_action(client, moderator, sector, "approve", "Fine.").status_code == 302
    sector = Sector.objects.get(pk=sector.pk)
    assert sector.name == "Police and custody" and not sector.workflow_in_progress

    options = finder_sector_options(client)
    assert ">Police and custody<" in options and ">Policing<" not in options
    assert "Police and custody" in reader_sees(client, case_study.url)
    assert any("approved" in email.subject.lower() for email in emails_to(editor))


def test_a_rejected_rename_stays_unpublished_and_the_editor_is_told_why(
    client, editor, moderator, case_study
):
    sector = submit_rename(client, editor, case_study.sector, "Cops")
    response = workflow_action(client, moderator, sector, "reject", "Use the sector's full name.")
    assert response.status_code == 302
    sector = Sector.objects.get(pk=sector.pk)
    assert sector.name == "Policing" and sector.has_unpublished_changes
    assert sector.current_workflow_state.status == "needs_changes"
    assert ">Policing<" in finder_sector_options(client)
    assert "Cops" not in reader_sees(client, case_study.url)
    rejections = [email for email in emails_to(editor) if "rejected" in email.subject.lower()]
    assert rejections, [email.subject for email in emails_to(editor)]
    assert "full name." in rejections[0].text, "the moderator's comment is in the email"


def test_an_editor_cannot_publish_a_term_or_approve_their_own_change(client, editor, case_study):
    sector = case_study.sector
    client.force_login(editor)
    url = reverse("wagtailsnippets_home_sector:edit", args=[sector.pk])
    edit = client.get(url).content.decode()
    assert 'name="action-submit"' in edit and 'name="action-publish"' not in edit

    client.post(url, sector_data(sector, "action-publish", name="Forced through"))
    sector = Sector.objects.get(pk=sector.pk)
    assert sector.name == "Policing", "a publish request from an editor publishes nothing"
    assert "Forced through" not in finder_sector_options(client)

    sector = submit_rename(client, editor, sector, "Self-approved")
    response = workflow_action(client, editor, sector, "approve")
    assert response.status_code in (302, 403)
    assert Sector.objects.get(pk=sector.pk).name == "Policing"


def test_a_new_term_is_shown_to_readers_only_once_a_moderator_publishes_it(
    client, editor, moderator, case_study
):
    client.force_login(editor)
    response = client.post(
        reverse("wagtailsnippets_home_sector:add"),
        {
            "name": "Youth justice",
            "slug": "youth-justice",
            "description": "",
            "sort_order": 5,
            "icon": "",
            "action-submit": "submit",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = Sector.objects.get(slug="youth-justice")
    assert not draft.live and draft.workflow_in_progress
    # Even a case study tagged with the draft does not name it.
    case_study.sector = draft
    case_study.save_revision().publish()
    assert "Youth justice" not in finder_sector_options(client)
    assert "Youth justice" not in reader_sees(client, case_study.url)
    assert "Youth justice" not in reader_sees(client, FINDER), "nor does its card"
    assert client.get(f"{FINDER}?sector=youth-justice").status_code == 200
    assert "We could not find that sector" in reader_sees(client, f"{FINDER}?sector=youth-justice")

    assert workflow_action(client, moderator, draft, "approve").status_code == 302
    assert Sector.objects.get(pk=draft.pk).live
    assert ">Youth justice<" in finder_sector_options(client)
    assert "Youth justice" in reader_sees(client, case_study.url)


def test_an_untranslated_or_unpublished_translation_falls_back_to_the_published_english():
    sector = SectorFactory(name="Health", slug="health")
    arabic = translate(sector, "ar", name="الصحة")
    arabic_id = arabic.locale_id
    assert [term.name for term in Sector.terms_in(arabic_id)] == ["الصحة"]

    Sector.objects.filter(pk=arabic.pk).update(live=False)  # a translation not yet published
    caching.invalidate()
    assert [term.name for term in Sector.terms_in(arabic_id)] == ["Health"]


def test_publishing_a_terms_revision_forgets_the_cached_terms():
    borough = BoroughFactory(name="Hackny", slug="hackney")
    assert [term.name for term in Borough.terms_in(borough.locale_id)] == ["Hackny"]
    borough.name = "Hackney"
    revision = borough.save_revision()
    assert [term.name for term in Borough.terms_in(borough.locale_id)] == ["Hackny"], (
        "a draft changes nothing readers see"
    )
    revision.publish()
    assert [term.name for term in Borough.terms_in(borough.locale_id)] == ["Hackney"]


def test_a_term_is_translated_with_wagtail_localize_and_its_published_arabic_name_is_shown(
    client, moderator, case_study
):
    arabic = locale("ar")
    finder = translate(case_study.get_parent().specific, "ar", title="ممارسات واعدة")
    sector = case_study.sector
    client.force_login(moderator)
    url = reverse("wagtail_localize:submit_snippet_translation", args=["home", "sector", sector.pk])
    assert client.post(url, {"locales": [arabic.pk]}).status_code == 302
    translated = Sector.objects.get(translation_key=sector.translation_key, locale=arabic)
    assert translated.live, "the translation of a published term is published (in English yet)"
    editor = client.get(reverse("wagtailsnippets_home_sector:edit", args=[translated.pk]))
    assert editor.status_code == 200, "the translation editor opens"

    translate(sector, "ar", name="الشرطة")  # the translated name, published
    client.logout()
    page = client.get(finder.url).content.decode()
    start = page.index('name="sector"')
    assert ">الشرطة<" in page[start : page.index("</select>", start)]


def test_a_sector_never_published_is_not_offered_when_signing_up_for_an_event():
    SectorFactory(name="Health", slug="health")
    SectorFactory(name="Draft sector", slug="draft-sector", live=False)
    assert [name for _pk, name in sector_choices()] == ["Health"]
