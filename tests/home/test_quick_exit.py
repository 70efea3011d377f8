"""The 'Exit this page' button (the GOV.UK pattern): which pages show it (their type's default
from the site settings, or the page's own choice), where it goes, what readers without
JavaScript get, how editors change it, and how it follows translations. In Chromium (the Shift
shortcut, the announcements, axe): tests/home/test_quick_exit_browser.py."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.models import Revision, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import TranslationSource

from casestudies.factories import CaseStudyPageFactory, ReportPageFactory
from events.factories import EventPageFactory
from home.factories import NewsPageFactory, StandardPageFactory, home_page, locale, translate
from home.models import QuickExit, SiteSettings, StandardPage
from home.models.site_wide import public_page_types
from roadmap.factories import RoadmapStagePageFactory, SelfAssessmentPageFactory, default_roadmap

pytestmark = pytest.mark.django_db

BUTTON = re.compile(r'<a class="quick-exit__button" href="([^"]+)" rel="([^"]+)"')


def exit_link(client, page) -> tuple[str, str] | None:
    """The button's address and rel on the page as readers get it, or None without a button."""
    response = client.get(page.url)
    assert response.status_code == 200
    found = BUTTON.search(response.content.decode())
    return (found.group(1), found.group(2)) if found else None


def site_settings() -> SiteSettings:
    home_page()
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def test_case_studies_news_events_and_the_roadmap_show_it_by_default_standard_pages_do_not(
    client,
):
    shown = {
        "case study": CaseStudyPageFactory(title="What a youth club changed"),
        "case study finder": CaseStudyPageFactory(title="Another").get_parent().specific,
        "news": NewsPageFactory(title="News about violence"),
        "event": EventPageFactory(title="A workshop"),
        "events index": EventPageFactory(title="Another workshop").get_parent().specific,
        "roadmap": default_roadmap(),
        "roadmap stage": RoadmapStagePageFactory(title="Trauma-aware"),
        "self-assessment": SelfAssessmentPageFactory(),
    }
    for name, page in shown.items():
        assert exit_link(client, page) is not None, f"the {name} page has no Exit this page button"
    for name, page in {
        "standard": StandardPageFactory(title="About the programme"),
        "home": home_page(),
        "report": ReportPageFactory(title="What we learnt"),
    }.items():
        assert exit_link(client, page) is None, f"the {name} page shows the button"


def test_an_editor_shows_or_hides_it_on_one_page_whatever_its_type(client):
    support = StandardPageFactory(title="Where to find support", quick_exit=QuickExit.SHOW)
    quiet = CaseStudyPageFactory(title="A story told elsewhere", quick_exit=QuickExit.HIDE)
    usual = CaseStudyPageFactory(title="A usual case study")
    assert exit_link(client, support) is not None
    assert exit_link(client, quiet) is None
    assert exit_link(client, usual) is not None


def test_it_is_a_plain_link_to_the_settings_destination_that_sends_no_referrer(client):
    page = CaseStudyPageFactory(title="Leaving without a trace")
    href, rel = exit_link(client, page)
    assert href == "https://www.bbc.co.uk/weather"
    assert "noreferrer" in rel.split()
    html = client.get(page.url).content.decode()
    # The keyboard hint is only for readers whose browser runs the script that makes it work.
    assert re.search(r'<p class="quick-exit__hint" id="quick-exit-hint" hidden', html)
    assert "Or press the Shift key 3 times to leave at once." in html
    # It comes straight after the skip link, before the header and the page's content.
    assert html.index("skip-link") < html.index("quick-exit__button") < html.index("<header")


def test_changing_the_settings_changes_which_page_types_show_it_at_once(client):
    standard = StandardPageFactory(title="About us")
    case_study = CaseStudyPageFactory(title="A case study")
    hidden_here = StandardPageFactory(title="Policies", quick_exit=QuickExit.HIDE)
    assert exit_link(client, standard) is None and exit_link(client, case_study) is not None
    settings = site_settings()
    settings.quick_exit_page_types = ["home.standardpage"]
    settings.quick_exit_url = "https://www.example.org/recipes"
    settings.save()
    assert exit_link(client, standard)[0] == "https://www.example.org/recipes"
    assert exit_link(client, case_study) is None
    assert exit_link(client, hidden_here) is None, "a page's own choice wins over its type"


def test_editors_tick_the_page_types_in_the_site_settings(client, editor):
    site = site_settings().site
    client.force_login(editor)
    url = reverse("wagtailsettings:edit", args=["home", "sitesettings", site.pk])
    form = client.get(url).content.decode()
    assert "Page types that show the &#x27;Exit this page&#x27; button" in form
    assert "Pages of the ticked types show the button" in form  # its help text
    ticked = set(re.findall(r'name="quick_exit_page_types" value="([a-z.]+)"[^>]*checked', form))
    assert ticked == {
        "casestudies.casestudyindexpage",
        "casestudies.casestudypage",
        "events.eventindexpage",
        "events.eventpage",
        "home.newsindexpage",
        "home.newspage",
        "roadmap.roadmappage",
        "roadmap.roadmapstagepage",
        "roadmap.selfassessmentpage",
    }
    offered = set(re.findall(r'name="quick_exit_page_types" value="([a-z.]+)"', form))
    assert {"home.standardpage", "casestudies.reportpage", "search.searchpage"} <= offered

    data = {
        "organisation_name": "London Violence Reduction Unit",
        "quick_exit_url": "https://www.example.org/weather",
        "quick_exit_page_types": ["home.standardpage", "events.eventpage"],
        "social_platforms-count": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = site_settings()
    assert saved.quick_exit_page_types == ["home.standardpage", "events.eventpage"]
    assert saved.quick_exit_url == "https://www.example.org/weather"


def test_the_settings_refuse_a_page_type_the_site_does_not_have():
    settings = site_settings()
    settings.quick_exit_page_types = ["home.standardpage", "home.nosuchpage"]
    with pytest.raises(ValidationError) as refused:
        settings.full_clean()
    assert refused.value.message_dict["quick_exit_page_types"] == [
        "These are not page types of this site: home.nosuchpage. Choose from the list."
    ]


def test_the_page_settings_tab_offers_the_three_choices(client, editor):
    page = CaseStudyPageFactory(title="A case study to edit")
    client.force_login(editor)
    form = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    for value, label in QuickExit.choices:
        assert re.search(rf'type="radio" name="quick_exit" value="{value}"', form), value
        assert str(label) in form
    assert "choose Show or Hide to decide for this page alone" in form


def publish_standard_page(client, parent, **fields):
    """Add a standard page through the page editor and publish it, as an editor would."""
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", parent.id])
    data = {
        "comments": inline_formset([]),
        "title": "Where to find support",
        "slug": "where-to-find-support",
        "body": streamfield([("paragraph", rich_text("<p>Services that can help.</p>"))]),
        **fields,
        "action-publish": "publish",
    }
    response = client.post(url, nested_form_data(data))
    assert response.status_code == 302, response.content.decode()[:3000]
    return StandardPage.objects.get(slug="where-to-find-support")


def test_an_editor_turns_it_on_for_a_support_page_in_the_page_editor(client, editor):
    client.force_login(editor)
    page = publish_standard_page(client, home_page(), quick_exit="show")
    assert page.quick_exit == QuickExit.SHOW and page.live
    client.logout()
    assert exit_link(client, page) is not None


def test_the_page_editor_refuses_a_choice_that_is_not_offered(client, editor):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", home_page().id])
    data = {
        "comments": inline_formset([]),
        "title": "Where to find support",
        "slug": "where-to-find-support",
        "body": streamfield([("paragraph", rich_text("<p>Services that can help.</p>"))]),
        "quick_exit": "sometimes",
        "action-publish": "publish",
    }
    response = client.post(url, nested_form_data(data))
    assert response.status_code == 200
    assert "Select a valid choice. sometimes is not one of the available choices." in (
        response.content.decode()
    )
    assert not StandardPage.objects.filter(slug="where-to-find-support").exists()


def test_every_page_type_readers_see_has_the_choice_and_is_offered_in_the_settings():
    offered = dict(public_page_types())
    assert len(offered) >= 14, offered
    for label in offered:
        field = apps.get_model(label)._meta.get_field("quick_exit")
        assert field.default == QuickExit.DEFAULT and field.help_text, label


def test_translations_follow_the_original_pages_choice_and_translators_cannot_change_it(client):
    source = CaseStudyPageFactory(title="A story", quick_exit=QuickExit.HIDE)
    arabic = translate(source, title="قصة")
    assert arabic.quick_exit == QuickExit.HIDE
    assert exit_link(client, arabic) is None

    source.quick_exit = QuickExit.SHOW
    source.save_revision().publish()
    translation_source, _created = TranslationSource.update_or_create_from_instance(source)
    translation_source.create_or_update_translation(locale("ar"), fallback=True)
    arabic.refresh_from_db()
    assert arabic.quick_exit == QuickExit.SHOW
    fields = {field.field_name: field for field in get_translatable_fields(type(source))}
    assert not fields["quick_exit"].is_translated(source)
    assert not fields["quick_exit"].is_overridable(source)


def test_arabic_readers_get_the_button_and_its_hint_in_arabic(client):
    arabic = translate(CaseStudyPageFactory(title="A story in two languages"), title="قصة")
    html = client.get(arabic.url).content.decode()
    assert 'dir="rtl"' in html
    button = re.search(r'<a class="quick-exit__button"[^>]*>(.*?)</a>', html, re.S).group(1)
    assert "الخروج من هذه الصفحة" in button
    assert "Exit this page" not in button
    assert "أو اضغط على مفتاح Shift ثلاث مرات" in html
    assert "Shift، اضغط مرتين أخريين للخروج." in html  # announced after the first press


@pytest.mark.slow  # migrates the database back and forth: not in `make test-fast`
@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_button_on_standard_pages_that_had_it():
    """Before the choice, a standard page had a 'show the button' tick. Pages that had it
    ticked, and their revisions (a draft published later), show the button afterwards; the
    others follow their type's default. Migrating back ticks the box again.

    It migrates the test database back and forth, so it needs real transactions; pytest-django
    runs such tests after every other database test (the demo site's included), and empties
    the database after it."""
    ticked = StandardPageFactory(title="Where to find support", quick_exit=QuickExit.SHOW)
    unticked = StandardPageFactory(title="About the programme")
    before = [("home", "0012_glossary_roles")]  # the migration before the choice
    after = MigrationExecutor(connection).loader.graph.leaf_nodes()
    MigrationExecutor(connection).migrate(before)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT page_ptr_id, show_quick_exit FROM home_standardpage"
                " WHERE page_ptr_id IN (%s, %s)",
                [ticked.pk, unticked.pk],
            )
            assert dict(cursor.fetchall()) == {ticked.pk: True, unticked.pk: False}
        # A revision saved before the change knows only the tick.
        revision = ticked.latest_revision
        revision.content.pop("quick_exit")
        revision.content["show_quick_exit"] = True
        revision.save(update_fields=["content"])
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(after)
    assert StandardPage.objects.get(pk=ticked.pk).quick_exit == QuickExit.SHOW
    assert StandardPage.objects.get(pk=unticked.pk).quick_exit == QuickExit.DEFAULT
    assert Revision.objects.get(pk=revision.pk).content["quick_exit"] == QuickExit.SHOW
    assert Revision.objects.get(pk=revision.pk).as_object().quick_exit == QuickExit.SHOW
