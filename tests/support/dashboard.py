"""The admin home (dashboard) as the dashboard tests of every app read it."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

# The whole admin home for a superuser (every panel, events and emails included), once warm:
# the same whatever the content, so a panel that queries per item fails the budget tests.
# The example-content panel makes one query per page type and one per snippet type with an
# example flag, so it grows with the kinds of content, never with how much there is: 45, then
# the glossary page and terms, the form page, the share-your-practice page and the mailing
# lists made it 51.
DASHBOARD_QUERIES = 51


def dashboard(client) -> str:
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def queries_for_dashboard(client) -> int:
    dashboard(client)  # a first visit fills per-process caches (locales, site, permissions)
    cache.clear()  # nothing from the cache: cached sign-up counts would hide a query per event
    with CaptureQueriesContext(connection) as queries:
        dashboard(client)
    return len(queries)
