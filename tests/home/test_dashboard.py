"""The admin home (/admin/) as an operations dashboard, the shared app's panels: example
content still to replace (pages and snippets), translations out of date, and Wagtail's own
"Awaiting your review" for moderators. Each panel makes a fixed number of queries, however many
items it counts (the whole dashboard's budget is pinned here and in
tests/events/test_dashboard.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail_localize.models import Translation, TranslationSource

from home.factories import (
    DriverOfChangeFactory,
    PrincipleFactory,
    StandardPageFactory,
    home_page,
    locale,
    translate,
)
from roadmap.factories import RecommendationFactory
from tests.support.dashboard import DASHBOARD_QUERIES, dashboard, queries_for_dashboard

pytestmark = pytest.mark.django_db


def stale_translation(title: str):
    """An English page translated into Arabic through wagtail-localize (synced) and then
    published again in English: its Arabic translation is out of date."""
    english = StandardPageFactory(title=title)
    source, _ = TranslationSource.get_or_create_from_instance(english)
    translation = Translation.objects.create(
        source=source, target_locale=locale("ar"), enabled=True
    )
    translation.save_target(publish=True)
    english.save_revision().publish()
    return english.get_translation(locale("ar"))


@pytest.fixture
def arabic_home():
    return translate(home_page(), title="الرئيسية")


def test_the_dashboard_counts_example_pages_and_snippets(client, editor):
    StandardPageFactory(title="An invented definition", is_example_content=True)
    StandardPageFactory(title="A checked definition", is_example_content=False)
    PrincipleFactory(name="Invented principle", is_example_content=True)
    PrincipleFactory(name="Another invented principle", is_example_content=True)
    PrincipleFactory(name="Checked principle", is_example_content=False)
    DriverOfChangeFactory(name="Invented driver", is_example_content=True)
    RecommendationFactory(title="Invented recommendation", is_example_content=True)
    RecommendationFactory(title="Checked recommendation", is_example_content=False)
    client.force_login(editor)
    html = dashboard(client)
    assert "Example content still to replace" in html
    assert "1 page still holds example content" in html
    assert "4 snippets still hold example content" in html
    for label, count in [("Principles", 2), ("Drivers of change", 1), ("Recommendations", 1)]:
        row = html[html.index(f">{label}</a>") :]
        row = row[: row.index("</tr>")]
        assert f"<td data-example-count>{count}</td>" in row, label
    assert "?is_example_content=true" in html
    assert "Sectors</a>" not in html, "a snippet type with no example items is not listed"


def test_the_example_content_panel_goes_when_nothing_is_left_to_replace(client, editor):
    PrincipleFactory(name="Checked principle")
    client.force_login(editor)
    assert "Example content still to replace" not in dashboard(client)


def test_the_dashboard_lists_out_of_date_translations_with_a_link_to_their_editor(
    client, editor, arabic_home
):
    stale = stale_translation("Safe spaces")
    english = StandardPageFactory(title="Listening")
    source, _ = TranslationSource.get_or_create_from_instance(english)
    Translation.objects.create(source=source, target_locale=locale("ar"), enabled=True).save_target(
        publish=True
    )  # synced and not changed since: not listed
    client.force_login(editor)
    html = dashboard(client)
    assert "1 translation is out of date" in html
    assert f'href="/admin/pages/{stale.pk}/edit/">Safe spaces</a>' in html
    assert "<td>العربية</td>" in html, "the language it is in, named in that language"
    assert f'href="/admin/pages/{english.get_translation(locale("ar")).pk}/edit/"' not in html


def test_no_translations_panel_when_every_translation_is_current(client, editor, arabic_home):
    client.force_login(editor)
    assert "out of date" not in dashboard(client)


def test_moderators_see_what_awaits_their_review(client, django_user_model):
    """Wagtail's own "Awaiting your review" panel, for the "Moderators approval" workflow."""
    page = StandardPageFactory(title="A page to approve")
    submitter = django_user_model.objects.create_user("writer", "writer@example.org", "x" * 20)
    submitter.groups.add(Group.objects.get(name="Editors"))
    page.save_revision(user=submitter)
    page.get_workflow().start(page, submitter)
    moderator = django_user_model.objects.create_user("mod", "mod@example.org", "x" * 20)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    html = dashboard(client)
    assert "Awaiting your review" in html
    assert "A page to approve" in html


@pytest.mark.parametrize("many", [False, True], ids=["1 item", "20 items"])
def test_the_dashboard_makes_as_many_queries_for_20_items_as_for_1(
    client, editor, arabic_home, many
):
    number = 20 if many else 1
    for n in range(number):
        stale_translation(f"Stale {n}")
        StandardPageFactory(title=f"Example {n}", is_example_content=True)
        PrincipleFactory(name=f"Example principle {n}", is_example_content=True)
        RecommendationFactory(is_example_content=True)
    client.force_login(editor)
    html = dashboard(client)
    assert f"{number} translation" in html
    assert f"{number} page" in html
    assert queries_for_dashboard(client) == DASHBOARD_QUERIES
