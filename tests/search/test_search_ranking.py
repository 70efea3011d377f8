"""A search ranks its results best first, as Wagtail's database backend ranks them (a title
that holds the words before a body that does), and reads at most search.matches.CANDIDATES
matches of each source: a search that matches more says its counts are "at least", and tells
readers how to narrow it."""

import re

import pytest
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


def test_a_search_that_matches_more_than_is_ranked_says_at_least(client, site, monkeypatch):
    monkeypatch.setattr(matches, "CANDIDATES", 5)
    for number in range(8):
        CaseStudyPageFactory(title=f"Lighthouse case study {number}", summary="A lighthouse.")
    RecommendationFactory(title="Keep the lighthouse lit", body="<p>Every night.</p>")

    html = search(client, "lighthouse")
    links = kind_links(html)
    # Five case studies read and ranked, of eight: a floor, marked "+"; one recommendation.
    assert list(links) == ["Everything (6+)", "Case studies (5+)", "Recommendations (1)"]
    assert "At least 6 results for “lighthouse”" in html
    assert "only the newest 5 of each kind were ranked. Add a word to narrow the search." in html
    assert "More results: Case studies" in html and "All 5 results" not in html
    # The newest are the ones read.
    narrowed = search(client, "lighthouse", type="case-studies")
    assert "At least 5 results for “lighthouse”: Case studies" in narrowed
    assert sorted(titles(narrowed)) == [f"Lighthouse case study {n}" for n in range(3, 8)]

    monkeypatch.setattr(matches, "CANDIDATES", 2_000)
    html = search(client, "Lighthouse")  # spelt otherwise: not kept, searched again
    assert list(kind_links(html)) == ["Everything (9)", "Case studies (8)", "Recommendations (1)"]
    assert "9 results for" in html and "At least" not in html


def test_the_match_step_reads_only_the_readers_language():
    english = Locale.get_default()
    page = StandardPageFactory(title="Compass", introduction="A compass.")
    found = matches.find("compass", StandardPageFactory._meta.model.objects.filter(locale=english))
    assert found.ids == [page.pk] and found.complete
    arabic, _created = Locale.objects.get_or_create(language_code="ar")
    assert matches.find("compass", page.__class__.objects.filter(locale=arabic)).ids == []
