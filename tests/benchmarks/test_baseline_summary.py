"""The London baseline's summary with 100,000 entries: read once with one grouped query, then
served from the cache with no query at all, and the page costs what it costs when empty.

(With every entry read into Python, 100,000 rows took 1.4 seconds per view.) Not a timed test:
the numbers of queries are what stays the same however many entries there are."""

from __future__ import annotations

import itertools

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from home.models import Borough, Sector
from roadmap.baseline import forget_summary
from roadmap.models import BaselineEntry, RoadmapStagePage
from tests.benchmarks.conftest import record
from tests.benchmarks.test_page_budgets import MAX_QUERIES

# Demo-site tests: budgets measured on the demo site.
pytestmark = [pytest.mark.benchmark, pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

ENTRIES = 100_000
SUMMARY = "/en-gb/roadmap/self-assessment/baseline/"


def _warm_page_queries(client) -> int:
    client.get(SUMMARY)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SUMMARY)
    assert response.status_code == 200
    return len(queries)


def _bulk_add(count: int) -> None:
    default = Locale.get_default()
    stages = list(RoadmapStagePage.objects.filter(locale=default))
    sectors = [*Sector.objects.filter(locale=default), None]
    boroughs = [*Borough.objects.filter(locale=default), None]
    combinations = itertools.cycle(itertools.product(stages, sectors, boroughs))
    BaselineEntry.objects.bulk_create(
        (
            BaselineEntry(
                overall_stage=stage, sector=sector, borough=borough, submission_key=f"b{n}"
            )
            for n, (stage, sector, borough) in zip(range(count), combinations, strict=False)
        ),
        batch_size=5000,
    )
    forget_summary()  # bulk_create sends no signals; the view's entries do


def test_the_summary_of_100000_entries_is_one_query_then_served_from_cache(client):
    empty_page_queries = _warm_page_queries(client)
    _bulk_add(ENTRIES)
    assert BaselineEntry.objects.count() == ENTRIES
    locale = Locale.get_default()

    with CaptureQueriesContext(connection) as cold:
        summary = BaselineEntry.summary(locale, settings.BASELINE_MIN_GROUP_SIZE)
    entry_queries = [q["sql"] for q in cold if "roadmap_baselineentry" in q["sql"]]
    assert len(entry_queries) == 1, entry_queries
    assert "GROUP BY" in entry_queries[0].upper()
    assert summary["total"] == ENTRIES
    assert sum(row["count"] for row in summary["london"]) == ENTRIES

    with CaptureQueriesContext(connection) as warm:
        again = BaselineEntry.summary(locale, settings.BASELINE_MIN_GROUP_SIZE)
    assert len(warm) == 0
    assert again["total"] == ENTRIES
    assert [g["total"] for g in again["groups"]["sector"]["shown"]] == [
        g["total"] for g in summary["groups"]["sector"]["shown"]
    ]

    full_page_queries = _warm_page_queries(client)
    record("BaselineSummary", path=SUMMARY, queries=full_page_queries)
    assert full_page_queries == empty_page_queries <= MAX_QUERIES
