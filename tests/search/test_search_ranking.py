"""A search ranks its results best first, as Wagtail's database backend ranks them (a title
that holds the words before a body that does), and keeps at most
search.matches.BEST_PER_TYPE matches of each content type, the best: a search that matches more
says its counts are "at least", and tells readers how to narrow it."""

import re

import pytest
from django.db import connection
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from casestudies.factories import CaseStudyPageFactory
from home.factories import StandardPageFactory
from roadmap.factories import RecommendationFactory
from search import matches
from search.factories import SearchPageFactory
from tests.search.test_search_everything import kind_links, listed, search

pytestmark = pytest.mark.django_db


def titles(html: str) -> list[str]:
    return re.findall(r'<h3>(?:<span[^>]*>[^<]*</span> )?<a href="[^"]*">([^<]+)</a>', listed(html))


@pytest.fixture
def site():
    SearchPageFactory()


def test_results_are_ranked_best_first_as_wagtail_ranks_them(client, site):
    for number in range(6):
        StandardPageFactory(title=f"Page {number}", introduction="A word on lanterns, in passing.")
    StandardPageFactory(title="Lanterns", introduction="Lanterns, lanterns and lanterns.")
    for number in range(4):
        RecommendationFactory(title=f"Recommendation {number}", body="<p>Lanterns too.</p>")
    RecommendationFactory(title="Light the lanterns", body="<p>Lanterns at the door.</p>")

    shown = titles(search(client, "lanterns", type="pages"))
    assert shown[0] == "Lanterns", "the page titled with the word comes first"
    assert titles(search(client, "lanterns", type="recommendations"))[0] == "Light the lanterns"
    # The same order as Wagtail's own search of the same pages.
    public = get_search_backend().search(
        "lanterns", StandardPageFactory._meta.model.objects.live(), operator="and"
    )
    assert shown == [page.title for page in public]


def test_a_search_that_matches_more_than_is_kept_shows_the_best_and_says_at_least(
    client, site, monkeypatch
):
    monkeypatch.setattr(matches, "BEST_PER_TYPE", 3)
    # The oldest two say "lighthouse" in their titles: the best matches.
    CaseStudyPageFactory(title="Lighthouse keepers", summary="The lighthouse, the lighthouse.")
    CaseStudyPageFactory(title="Lighthouse repairs", summary="Repairing a lighthouse.")
    for number in range(6):
        CaseStudyPageFactory(title=f"Case study {number}", summary="Near a lighthouse, once.")
    RecommendationFactory(title="Keep the lighthouse lit", body="<p>Every night.</p>")

    html = search(client, "lighthouse")
    links = kind_links(html)
    # Three case studies kept, of eight: a floor, marked "+"; the one recommendation.
    assert list(links) == ["Everything (4+)", "Case studies (3+)", "Recommendations (1)"]
    assert "At least 4 results for “lighthouse”" in html
    assert "only the best 3 of each kind are counted and shown. Add a word to narrow" in html
    assert "More results: Case studies" in html and "All 3 results" not in html
    # The best are the ones kept, however old.
    narrowed = search(client, "lighthouse", type="case-studies")
    assert "At least 3 results for “lighthouse”: Case studies" in narrowed
    assert set(titles(narrowed)[:2]) == {"Lighthouse keepers", "Lighthouse repairs"}

    monkeypatch.setattr(matches, "BEST_PER_TYPE", 200)
    html = search(client, "Lighthouse")  # spelt otherwise: not kept, searched again
    assert list(kind_links(html)) == ["Everything (9)", "Case studies (8)", "Recommendations (1)"]
    assert "9 results for" in html and "At least" not in html


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_sqlite_starts_from_the_full_text_index():
    """With several page types, or one (documents), SQLite reads the FTS index and looks each
    match's entry up by its id. Starting from the content type's index instead, it read the
    FTS index once for every entry of that type: a search's time grew with the content."""
    from wagtail.models import Page

    from search.models import DocumentText

    backend = get_search_backend()
    for model in (Page, DocumentText):
        compiler = backend.query_compiler_class(model.objects.all(), "lighthouse")
        sql, params = matches.best_per_type_sql(backend, compiler, model)
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            steps = [row[3] for row in cursor.fetchall()]
        # The matches are read first (into the CTE that ranks them): from the FTS index, then
        # each entry by its id.
        first = steps.index("MATERIALIZE m") + 1
        assert steps[first].startswith("SCAN wagtailsearch_indexentry_fts"), steps
        assert "USING INTEGER PRIMARY KEY" in steps[first + 1], steps


def test_the_match_step_reads_only_the_readers_language():
    english = Locale.get_default()
    page = StandardPageFactory(title="Compass", introduction="A compass.")
    found = matches.find("compass", StandardPageFactory._meta.model.objects.filter(locale=english))
    assert found.ids == [page.pk] and not found.capped
    arabic, _created = Locale.objects.get_or_create(language_code="ar")
    assert matches.find("compass", page.__class__.objects.filter(locale=arabic)).ids == []


def test_the_editor_guide_explains_which_results_come_first_and_the_plus(client, editor):
    client.force_login(editor)
    guide = client.get("/admin/editor-guide/").content.decode()
    number = matches.BEST_PER_TYPE
    assert f"matches more than {number} items of one type" in guide
    assert f'shows the best {number}, and its count reads "{number}+"' in guide
