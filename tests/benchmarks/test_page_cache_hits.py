"""A page served from the full-page cache touches no database and asks the shared cache once,
for every page type."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.benchmarks.conftest import record
from tests.support.cache import CacheRoundTrips

# Demo-site tests: budgets measured on the demo site.
pytestmark = pytest.mark.usefixtures("demo_site")


@pytest.mark.benchmark
@pytest.mark.django_db
def test_a_cached_page_makes_no_database_queries_and_one_cache_round_trip(
    client, page_examples, subtests
):
    assert {"HomePage", "CaseStudyIndexPage", "EventPage"} <= set(page_examples)
    with override_settings(FULL_PAGE_CACHE_SECONDS=300):
        for page_type, path in sorted(page_examples.items()):
            with subtests.test(msg=page_type):
                first = client.get(path)
                assert first.status_code == 200
                with CaptureQueriesContext(connection) as queries, CacheRoundTrips() as trips:
                    hit = client.get(path)
                assert hit.headers.get("X-Page-Cache") == "hit", f"{page_type} ({path})"
                assert hit.content == first.content
                record(page_type, cached_queries=len(queries.captured_queries))
                assert len(queries.captured_queries) == 0, [q["sql"][:120] for q in queries]
                # The generation, the page and the versions of readers' data (places left at
                # events) come back together.
                assert trips.calls == ["get_many"], f"{page_type}: {trips.calls}"
