"""Invented content is labelled wherever it travels: finder cards, feeds, search results, the
home page's featured cards, the roadmap, its stages and print view, recommendation listings and
structured data. (Emails: tests/events/test_example_emails.py.)

Every test finds the label on an example item and not on a real one, so a place that drops the
label, or labels everything, fails.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Locale

from casestudies.models import CaseStudyPage
from events.models import EventPage
from home.models import NewsPage
from roadmap.models import Recommendation, RoadmapStagePage

# Demo-site tests: the demo's example content labels on every page type.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

LABEL = 'class="example-label"'
ATOM = "{http://www.w3.org/2005/Atom}"


def html(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def blocks(page: str, pattern: str) -> list[str]:
    """Every match of `pattern` (a regular expression with DOTALL) in the page."""
    found = re.findall(pattern, page, flags=re.DOTALL)
    assert found, f"nothing matched {pattern!r}"
    return found


def make_real(page) -> None:
    """Turn an example page into real content, as an editor would, and publish it."""
    page.is_example_content = False
    page.save_revision().publish()


def english(model, slug: str):
    return model.objects.get(slug=slug, locale=Locale.get_default())


def test_finder_cards_label_example_case_studies_and_only_those(client):
    make_real(english(CaseStudyPage, "peer-mentors"))
    cards = blocks(
        html(client, "/en-gb/promising-practice/"), r'<article class="card case-card">.*?</article>'
    )
    real = [card for card in cards if "Peer mentors with lived experience" in card]
    examples = [card for card in cards if card not in real]
    assert len(real) == 1 and LABEL not in real[0]
    assert len(examples) >= 10
    assert all(LABEL in card for card in examples)


def test_the_case_study_feed_labels_example_entries(client):
    make_real(english(CaseStudyPage, "peer-mentors"))
    feed = ET.fromstring(client.get("/en-gb/promising-practice/feed/").content)  # noqa: S314
    entries = {entry.find(f"{ATOM}link").get("href"): entry for entry in feed.iter(f"{ATOM}entry")}
    assert len(entries) >= 10
    for link, entry in entries.items():
        title = entry.find(f"{ATOM}title").text
        summary = entry.find(f"{ATOM}summary").text
        if link.endswith("/peer-mentors/"):
            assert not title.startswith("[Example]") and not summary.startswith("[Example]")
        else:
            assert title.startswith("[Example] "), title
            assert summary.startswith("[Example] "), summary


def test_the_news_feed_labels_example_articles_but_not_the_sourced_one(client):
    feed = ET.fromstring(client.get("/en-gb/news/feed/").content)  # noqa: S314
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert "[Example] Final report and roadmap published" in titles
    assert "Thames Valley VRU: trauma-informed special interest group meets" in titles


def test_search_results_label_example_pages(client):
    results = blocks(
        html(client, "/en-gb/search/?q=custody+suite"), r'<ol class="search-results".*?</ol>'
    )[0]
    items = blocks(results, r"<li>.*?</li>")
    custody = [item for item in items if "Calmer custody" in item]
    assert custody and LABEL in custody[0]
    news = html(client, "/en-gb/search/?q=special+interest+group")
    sig = [item for item in blocks(news, r"<li>.*?</li>") if "Thames Valley VRU:" in item]
    assert sig and LABEL not in sig[0]


def test_the_home_page_features_cards_labelled_when_they_are_examples(client):
    for path in ("/en-gb/", "/ar/"):
        page = html(client, path)
        featured = blocks(page, r'<section class="featured".*?</section>')[0]
        cards = blocks(featured, r'<article class="card">.*?</article>')
        assert len(cards) == 3
        about, definition, get_involved = cards
        assert LABEL not in about and LABEL not in get_involved
        assert LABEL in definition
    # The featured example case study and event, first in their sections, are labelled too.
    page = html(client, "/en-gb/")
    case = blocks(page, r'<article class="card case-card">.*?</article>')[0]
    event = blocks(page, r'<article class="card event-card">.*?</article>')[0]
    assert "Calmer custody" in case and LABEL in case
    assert "round table" in event.lower() and LABEL in event


def test_roadmap_stages_and_print_view_label_example_stages_and_recommendations(client):
    for path in ("/en-gb/roadmap/", "/en-gb/roadmap/print/"):
        page = html(client, path)
        stages = blocks(
            page, r'<li class="stage-detail".*?</li>\s*(?=<li class="stage-detail"|</ol>)'
        )
        assert len(stages) == 4
        for stage in stages:
            title = blocks(stage, r'<h3 class="stage-detail__title">.*?</h3>')[0]
            assert LABEL in title
        recommendations = blocks(page, r'<ul class="stage-detail__recommendations">.*?</ul>')
        assert all(LABEL in item for item in blocks("".join(recommendations), r"<li.*?</li>"))


def test_a_real_stage_loses_its_label_on_the_roadmap(client):
    stage = english(RoadmapStagePage, "trauma-aware")
    make_real(stage)
    page = html(client, "/en-gb/roadmap/print/")
    titles = blocks(page, r'<h3 class="stage-detail__title">.*?</h3>')
    aware = [title for title in titles if ">Trauma-aware<" in title or "Trauma-aware" in title]
    assert len(aware) == 1 and LABEL not in aware[0]
    assert sum(LABEL in title for title in titles) == 3


def test_a_stage_page_labels_its_example_neighbours_and_recommendations(client):
    page = html(client, "/en-gb/roadmap/trauma-sensitive/")
    steps = blocks(page, r'<nav class="stage-steps".*?</nav>')[0]
    assert steps.count(LABEL) == 4
    section = blocks(
        page,
        r'<section class="stage-section" aria-labelledby="stage-recommendations-heading">.*?</section>',
    )[0]
    items = blocks(section, r"<li.*?</li>")
    assert all(LABEL in item for item in items)
    case_studies = blocks(page, r'<ul class="stage-case-studies">.*?</ul>')[0]
    assert LABEL in case_studies


def test_recommendation_listings_label_example_recommendations_only(client):
    real = Recommendation.objects.filter(locale=Locale.get_default()).order_by("sort_order").first()
    real.is_example_content = False
    real.save()
    page = html(client, "/en-gb/roadmap/recommendations/")
    titles = blocks(page, r'<h3 class="recommendation__title">.*?</h3>')
    assert len(titles) >= 6
    unlabelled = [title for title in titles if LABEL not in title]
    assert len(unlabelled) == 1 and real.title in unlabelled[0]


def test_the_arabic_recommendations_carry_the_arabic_label(client):
    page = html(client, "/ar/roadmap/recommendations/")
    titles = blocks(page, r'<h3 class="recommendation__title">.*?</h3>')
    assert all("مثال" in title for title in titles)


def test_json_ld_descriptions_of_examples_say_so(client):
    case_study = html(client, "/en-gb/promising-practice/calmer-custody/")
    data = json.loads(blocks(case_study, r'<script type="application/ld\+json">(.*?)</script>')[0])
    assert data["description"].startswith("[Example] A custody team changed")
    event = english(EventPage, "roadmap-round-table-for-system-leaders")
    page = html(client, event.url)
    data = json.loads(blocks(page, r'<script type="application/ld\+json">(.*?)</script>')[0])
    assert data["description"].startswith("[Example] ")
    sig = html(client, "/en-gb/news/special-interest-group-meets/")
    data = json.loads(blocks(sig, r'<script type="application/ld\+json">(.*?)</script>')[0])
    assert data["description"].startswith("News from the Thames Valley VRU")


def test_news_listing_labels_example_articles(client):
    items = blocks(html(client, "/en-gb/news/"), r'<h2 class="news-item__title">.*?</h2>')
    labelled = {("Thames Valley" in item, LABEL in item) for item in items}
    assert labelled == {(True, False), (False, True)}
    assert (
        NewsPage.objects.filter(locale=Locale.get_default(), is_example_content=True).count() == 3
    )


def test_shared_link_descriptions_of_examples_say_so(client):
    case_study = html(client, "/en-gb/promising-practice/calmer-custody/")
    assert '<meta property="og:description" content="[Example] A custody team' in case_study
    assert '<meta name="description" content="[Example] A custody team' in case_study
    about = html(client, "/en-gb/about/")
    assert '<meta property="og:description" content="Why the programme exists' in about
