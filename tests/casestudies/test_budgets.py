"""Budgets: the finder costs the same queries with 1,000 case studies as with 10, and sends one
page of results; case study pages stay within the site's query budget; renditions are reused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Rendition
from wagtail.models import Locale

from casestudies.factories import CaseStudyIndexPageFactory, create_case_studies
from home.caching import invalidate
from home.models import Audience, Borough, DriverOfChange, HomePage, Principle, Sector
from roadmap.models import RoadmapStagePage

# Demo-site tests: query and HTML budgets of the demo's finder and case studies.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

COMBINATIONS = [
    "",
    "?sector=policing",
    "?borough=camden",
    "?principle=safety&driver=workforce-wellbeing",
    "?stage=trauma-informed&audience=implementers",
    "?sector=policing&borough=camden&principle=safety&driver=workforce-wellbeing"
    "&stage=trauma-informed&audience=implementers&q=case",
    "?q=nothing-matches-this",
    "?sector=unknown-sector",
    "?page=2",
]


def measure(client, url):
    client.get(url)  # warm: caches of site roots, filter choices and renditions
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def tags():
    default = Locale.get_default()
    return {
        "sector": Sector.objects.get(slug="policing", locale=default),
        "stage": RoadmapStagePage.objects.get(slug="trauma-informed", locale=default),
        "boroughs": list(Borough.objects.filter(slug="camden", locale=default)),
        "principles": list(Principle.objects.filter(slug="safety", locale=default)),
        "drivers": list(DriverOfChange.objects.filter(slug="workforce-wellbeing", locale=default)),
        "audiences": list(Audience.objects.filter(slug="implementers", locale=default)),
    }


@pytest.mark.slow
def test_finder_queries_and_html_do_not_grow_with_a_thousand_case_studies(client):
    home = HomePage.objects.get(locale=Locale.get_default())
    finder = CaseStudyIndexPageFactory(parent=home)
    url = finder.url
    create_case_studies(finder, 10, **tags())
    small = {combination: measure(client, url + combination) for combination in COMBINATIONS}
    create_case_studies(finder, 990, start=10, **tags())
    invalidate()  # bulk_create sends no signals: as an editor's publish would, refresh caches
    for combination in COMBINATIONS:
        queries, page = measure(client, url + combination)
        assert queries == small[combination][0], combination
        assert queries <= 12, combination
        # One page of results at most, whatever the total.
        assert page.count('class="card case-card"') <= 12
        assert len(page) <= len(small[combination][1]) + 3 * 1024, combination
    assert "1000 case studies" in measure(client, url)[1]


@pytest.mark.parametrize(
    "url,text",
    [
        ("/en-gb/promising-practice/calmer-custody/", "Calmer custody"),
        ("/ar/promising-practice/calmer-custody/", "احتجاز أكثر هدوءًا"),
        ("/en-gb/research/", "Trauma-informed London: final report"),
        ("/en-gb/research/final-report/", "Cite this report"),
        ("/en-gb/news/", "special interest group meets"),
        ("/en-gb/news/survey-launched/", "Trauma-Informed London survey launched"),
    ],
)
def test_pages_stay_within_the_query_budget_once_warm(client, url, text):
    queries, page = measure(client, url)
    assert text in page
    # Every query left is the shared shell's (routing, language links, breadcrumbs); finding
    # the Arabic home page costs the shell one more.
    assert queries <= (13 if url.startswith("/ar/") else 12)


def test_renditions_are_made_once_and_reused(client):
    url = "/en-gb/promising-practice/calmer-custody/"
    client.get(url)
    client.get("/en-gb/promising-practice/")
    before = Rendition.objects.count()
    from django.core.cache import cache

    cache.clear()  # even with a cold cache, existing renditions are found, not made again
    client.get(url)
    client.get("/en-gb/promising-practice/")
    assert Rendition.objects.count() == before
