"""Nothing grows with content: every page type (and every listing, feed, the sitemap, search
and the audience views) costs the same queries and about the same HTML with the demo content
as with 1,000 case studies, 200 events, 500 recommendations and 200 documents (PDFs whose text
site search reads) more. Listings show a bounded number of items and link to the finder or the
next page for the rest. Search is measured for a search made again (from the content cache)
and for new ones (ranked and counted by the database each time): for a word every added item
holds, and for one none does.

The HTML may differ by a small constant (HTML_SLACK): the bounded lists then hold other items,
whose titles and summaries are longer or shorter than the demo's, and pagination links and
"see all N" counts appear (a few digits more)."""

from __future__ import annotations

import re
import statistics
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from home.views import SITEMAP_SIZE
from tests.benchmarks.conftest import record_growth

# Demo-site tests: budgets measured on the demo site.
pytestmark = pytest.mark.usefixtures("demo_site")


CASE_STUDIES = 1000
EVENTS = 200
RECOMMENDATIONS = 500
DOCUMENTS = 200
HTML_SLACK = 8 * 1024
# Every item added says "trauma", the word the search rows look for: a new search then has
# 1,900 matches more to count and rank.
BULK_TEXT = "Trauma-informed content added to measure that pages and search do not grow."


TIMED_REQUESTS = 5


def measure(client, path: str) -> tuple[int, int, float]:
    """Queries (warm) and bytes of one page, and the median milliseconds of a few warm requests
    (printed for comparison within one run, never asserted: the machine may be busy)."""
    first = client.get(path)
    assert first.status_code == 200, f"{path} answered {first.status_code}"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    # Counted now: each later request starts by clearing the connection's query log.
    count = len(queries.captured_queries)
    times = []
    for _request in range(TIMED_REQUESTS):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    return count, len(response.content), statistics.median(times)


def spellings(word: str):
    """The word in every mix of capitals: the same search for the database, a different one
    for the content cache, which keeps searches by their words as typed."""
    for mask in range(2 ** len(word)):
        yield "".join(c.upper() if mask >> i & 1 else c for i, c in enumerate(word))


# One spelling per request of the whole test, so that no search is ever made twice. Every
# added item says "trauma"; none says "practice", which the demo content says in every kind.
SPELLINGS = {word: spellings(word) for word in ("trauma", "practice")}


def measure_new_search(client, path: str, word: str) -> tuple[int, int, float]:
    """As `measure`, for a search no one has made since the last change: each request searches
    for `word` spelt differently, so the database ranks and counts the matches every time."""
    words = SPELLINGS[word]
    assert client.get(path.format(next(words))).status_code == 200  # the page warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path.format(next(words)))
    assert response.status_code == 200
    count = len(queries.captured_queries)
    times = []
    for _request in range(TIMED_REQUESTS):
        started = time.perf_counter()
        client.get(path.format(next(words)))
        times.append((time.perf_counter() - started) * 1000)
    return count, len(response.content), statistics.median(times)


def new_search_paths(page_examples: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Name -> (address, the word searched for): a search the added content matches, and one
    it does not."""
    search = page_examples["SearchPage"]
    return {
        "Search results, new": (search + "?q={}", "trauma"),
        "Search: documents, new": (search + "?q={}&type=documents", "trauma"),
        "Search, new, not added": (search + "?q={}", "practice"),
    }


def measure_all(client, paths: dict[str, str], new_searches: dict[str, tuple[str, str]]) -> dict:
    return {
        **{name: measure(client, path) for name, path in paths.items()},
        **{name: measure_new_search(client, *searched) for name, searched in new_searches.items()},
    }


def listing_paths(page_examples: dict[str, str]) -> dict[str, str]:
    """Every page type, plus the listings that are not pages of their own."""
    from home.models import Audience

    audience = Audience.objects.filter(locale=Locale.get_default()).order_by("pk").first()
    roadmap = page_examples["RoadmapPage"]
    finder = page_examples["CaseStudyIndexPage"]
    return {
        **page_examples,
        "Arabic home": "/ar/",
        "Sitemap": "/sitemap.xml",
        "Search results": page_examples["SearchPage"] + "?q=trauma",
        "Search: case studies": page_examples["SearchPage"] + "?q=trauma&type=case-studies",
        "Search: documents": page_examples["SearchPage"] + "?q=trauma&type=documents",
        "Recommendations": roadmap + "recommendations/",
        "Audience view": f"{roadmap}recommendations/{audience.slug}/",
        "Roadmap print": roadmap + "print/",
        "Finder feed": finder + "feed/",
        "News feed": page_examples["NewsIndexPage"] + "feed/",
        "Events calendar": "/en-gb/event-calendar.ics",
    }


def add_content() -> None:
    """1,000 case studies, 200 events (half past, half upcoming) and 500 recommendations, spread
    over every stage, and 200 PDF documents (their text read for search as they are saved)."""
    from casestudies.documents import make_document, make_pdf
    from casestudies.factories import create_case_studies
    from casestudies.models import CaseStudyIndexPage
    from events.models import EventIndexPage, EventPage
    from home.models import Audience, DriverOfChange
    from roadmap.models import Recommendation, RoadmapStagePage

    english = Locale.get_default()
    stages = list(RoadmapStagePage.objects.filter(locale=english).order_by("path"))
    finder = CaseStudyIndexPage.objects.get(locale=english)
    per_stage = CASE_STUDIES // len(stages)
    for number, stage in enumerate(stages):
        create_case_studies(
            finder, per_stage, start=number * per_stage, stage=stage, summary=BULK_TEXT
        )
    index = EventIndexPage.objects.get(locale=english)
    now = timezone.now()
    for number in range(EVENTS):
        start = now + timedelta(days=number - EVENTS // 2)
        event = EventPage(
            title=f"Bulk event {number}",
            slug=f"bulk-event-{number}",
            summary=BULK_TEXT,
            start=start,
            end=start + timedelta(hours=2),
            mode=EventPage.Mode.ONLINE,
            online_joining_link="https://meet.example.org/bulk",
            capacity=20,
        )
        index.add_child(instance=event)
        event.stages.set([stages[number % len(stages)]])
        event.save()
    audiences = list(Audience.objects.filter(locale=english))
    drivers = list(DriverOfChange.objects.filter(locale=english))
    created = Recommendation.objects.bulk_create(
        Recommendation(
            title=f"Bulk recommendation {number}",
            slug=f"bulk-recommendation-{number}",
            body=f"<p>{BULK_TEXT}</p>",
            audience=audiences[number % len(audiences)],
            driver=drivers[number % len(drivers)],
            locale=english,
            live=True,
        )
        for number in range(RECOMMENDATIONS)
    )
    # As publishing each would, add them to the search index (bulk_create sends no signals).
    get_search_backend().add_bulk(Recommendation, created)
    through = Recommendation.stages.through
    through.objects.bulk_create(
        through(recommendation=recommendation, roadmapstagepage=stages[number % len(stages)])
        for number, recommendation in enumerate(created)
    )
    for number in range(DOCUMENTS):
        make_document(
            f"Bulk document {number}",
            f"bulk-document-{number}.pdf",
            make_pdf(
                f"Bulk document {number}",
                [BULK_TEXT],
            ),
        )
    from home.caching import invalidate

    invalidate()  # bulk_create sends no signals: as an editor's change would, refresh caches
    if connection.vendor == "postgresql":
        # As PostgreSQL's autovacuum does within a minute of so many new rows: the planner's
        # statistics brought up to date, so that it measures the site as it runs, not the
        # minute after a bulk import (for which search/matches.py is built not to fall over).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


@pytest.mark.benchmark
@pytest.mark.slow
@pytest.mark.django_db
def test_no_page_grows_with_content(client, page_examples, subtests):
    paths = listing_paths(page_examples)
    new_searches = new_search_paths(page_examples)
    before = measure_all(client, paths, new_searches)
    add_content()
    after = measure_all(client, paths, new_searches)
    for name, path in sorted({**paths, **new_searches}.items()):
        queries, size, ms = after[name]
        record_growth(
            name,
            queries_demo=before[name][0],
            queries_bulk=queries,
            html_demo=before[name][1],
            html_bulk=size,
            ms_demo=before[name][2],
            ms_bulk=ms,
        )
        with subtests.test(msg=name):
            assert queries <= before[name][0], (
                f"{name} ({path}): {before[name][0]} queries with the demo, {queries} with more content"
            )
            assert size <= before[name][1] + HTML_SLACK, (
                f"{name} ({path}) grew from {before[name][1]} to {size} bytes"
            )
    # The bigger site's sitemap is an index of files of at most SITEMAP_SIZE addresses each.
    index = client.get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in index and "/sitemap-2.xml" in index
    first_file = client.get("/sitemap-1.xml").content.decode()
    # SITEMAP_SIZE pages per file; a roadmap page among them also lists its recommendations
    # listing and audience views (a handful, whatever the content).
    extra = len(re.findall(r"<loc>[^<]*/recommendations/[^<]*</loc>", first_file))
    assert extra <= 20
    assert first_file.count("<url>") - extra == SITEMAP_SIZE
    last = index.count("<sitemap>")
    assert client.get(f"/sitemap-{last}.xml").status_code == 200
    assert client.get(f"/sitemap-{last + 1}.xml").status_code == 404
