"""Page budgets: database queries per page type, and bytes a reader downloads.

A well-known Wagtail demo site needs 19 to 48 queries a page; ours stays at 12 or fewer
(most pages: 1), whatever the amount of content. The numbers are pinned exactly, so a change that adds a query
fails here and has to update (and justify) the number.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.benchmarks.conftest import record

# Demo-site tests: budgets measured on the demo site.
pytestmark = pytest.mark.usefixtures("demo_site")


MAX_QUERIES = 12
MAX_TEXT_PAGE_BYTES = 100 * 1024
MAX_JS_BYTES = 20 * 1024

# Every page, once warm, makes one query: its own row (with its page type's). The site chrome
# (navigation, footer, notice), the language switcher's translations and the breadcrumbs come
# from the content cache (home/caching.py), and so does Wagtail's routing (home/routing.py):
# which Site the host name belongs to, the Locale, the language's root page, the child per
# path level and the view restrictions on the page and its ancestors (a private page reads
# its restrictions afresh: one query more). Without that they cost 3 + 2 per level + 2.
PAGE = 1
SHARING_IMAGE = 1  # the og:image's Image row (its rendition comes from Wagtail's cache)
EXPECTED_QUERIES = {
    "HomePage": PAGE,
    "StandardPage": PAGE,
    # under About the programme; its terms come from the content cache (GlossaryTerm.glossary_in)
    "GlossaryPage": PAGE,
    "SearchPage": PAGE,
    "FormPage": PAGE + 1,  # + its questions
    "RoadmapPage": PAGE,  # stages, terms, recommendations: content cache
    "RoadmapStagePage": PAGE,  # tagged case studies, events: cache
    # + the stage pages its answers point to, in one query
    "SelfAssessmentPage": PAGE + 1,
    # its filter choices, result count and page of cards: content cache (searches make 3 more:
    # the count, one page of cards, their renditions)
    "CaseStudyIndexPage": PAGE + SHARING_IMAGE,
    # tags and related case studies: cached fragment per revision and content generation
    "CaseStudyPage": PAGE + SHARING_IMAGE,
    # + the report count and one page of reports, newest first (home/listing.py)
    "ResearchIndexPage": PAGE + SHARING_IMAGE + 2,
    "ReportPage": PAGE + SHARING_IMAGE,  # documents: cached fragment
    # + article count and one page of articles
    "NewsIndexPage": PAGE + SHARING_IMAGE + 2,
    "NewsPage": PAGE + SHARING_IMAGE,  # tags, previous/next: cached
    # + the shown events' sign-up counts in one grouped query (the page of events itself comes
    # from the content cache until the next change or the next event's end)
    "EventIndexPage": PAGE + 1,
    "EventPage": PAGE,  # places left: cached until a sign-up changes
    "SharePracticePage": PAGE,
}
# The page a "text page" budget is measured on: prose, headings, no listing.
TEXT_PAGE_TYPE = "StandardPage"


def warm_query_count(client, path: str) -> tuple[int, list[str]]:
    first = client.get(path)
    assert first.status_code == 200, f"{path} answered {first.status_code}"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries.captured_queries), [query["sql"][:160] for query in queries]


@pytest.mark.benchmark
@pytest.mark.django_db
def test_each_page_type_makes_its_pinned_number_of_queries_once_warm(
    client, page_examples, subtests
):
    assert {"HomePage", "StandardPage", "SearchPage"} <= set(page_examples)
    for page_type, path in sorted(page_examples.items()):
        with subtests.test(msg=page_type):
            count, sql = warm_query_count(client, path)
            record(page_type, path=path, queries=count)
            listing = "\n".join(sql)
            assert count <= MAX_QUERIES, f"{page_type} ({path}) makes {count} queries:\n{listing}"
            if page_type in EXPECTED_QUERIES:
                assert count == EXPECTED_QUERIES[page_type], (
                    f"{page_type} ({path}) now makes {count} queries, pinned at "
                    f"{EXPECTED_QUERIES[page_type]}: update EXPECTED_QUERIES with the reason, "
                    f"or remove the new query.\n{listing}"
                )


@pytest.mark.benchmark
@pytest.mark.django_db
def test_query_count_does_not_grow_with_content(client, page_examples):
    """More pages in the tree (and so in navigation and listings) cost no more queries."""
    from home.models import HomePage, StandardPage

    home = HomePage.objects.get(locale__language_code="en-gb")
    before, _sql = warm_query_count(client, page_examples["HomePage"])
    about = home.get_children().get(slug="about").specific
    for number in range(5):
        page = StandardPage(
            title=f"Extra page {number}", slug=f"extra-{number}", show_in_menus=True
        )
        about.add_child(instance=page)
        page.save_revision().publish()
    after, sql = warm_query_count(client, page_examples["HomePage"])
    assert after == before, "\n".join(sql)
    deeper, _sql = warm_query_count(client, "/en-gb/about/extra-0/")
    assert deeper <= MAX_QUERIES


@pytest.mark.benchmark
@pytest.mark.browser
def test_each_page_type_stays_within_its_download_budget(
    served_page_examples, site_server, chromium, subtests
):
    """Measured in Chromium with an empty cache: the HTML and everything it loads."""
    assert TEXT_PAGE_TYPE in served_page_examples
    for page_type, path in sorted(served_page_examples.items()):
        context = chromium.new_context(viewport={"width": 375, "height": 800})
        page = context.new_page()
        responses = []

        def keep(request, found=responses):
            found.append(request)

        page.on("requestfinished", keep)
        page.goto(site_server.url + path, wait_until="networkidle")
        total = js = html = 0
        for request in responses:
            sizes = request.sizes()
            size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
            total += size
            if request.resource_type == "script":
                js += size
            if request.resource_type == "document":
                html += size
        context.close()
        record(page_type, path=path, total_bytes=total, js_bytes=js, html_bytes=html)
        with subtests.test(msg=page_type):
            assert js <= MAX_JS_BYTES, f"{page_type} ({path}) loads {js} bytes of JavaScript"
            if page_type == TEXT_PAGE_TYPE:
                assert total <= MAX_TEXT_PAGE_BYTES, f"{page_type} ({path}) transfers {total} bytes"


@pytest.mark.benchmark
@pytest.mark.django_db
def test_arabic_pages_stay_within_the_query_budget(client, subtests):
    """Arabic pages (under /ar/) cost what English ones do: the router's way to the Arabic
    home page comes from the content cache too."""
    from wagtail.models import Page

    examples: dict[str, str] = {}
    for page in (
        Page.objects.live().public().filter(depth__gt=1, locale__language_code="ar").specific()
    ):
        examples.setdefault(type(page).__name__, page.url)
    assert {
        "HomePage",
        "StandardPage",
        "RoadmapStagePage",
        "CaseStudyIndexPage",
        "EventPage",
    } <= set(examples)
    for page_type, path in sorted(examples.items()):
        with subtests.test(msg=page_type):
            count, sql = warm_query_count(client, path)
            listing = "\n".join(sql)
            assert count <= MAX_QUERIES, f"{page_type} ({path}) makes {count} queries:\n{listing}"
            if page_type in EXPECTED_QUERIES:
                # at most: some Arabic pages have fewer items (no sharing image, no reports)
                assert count <= EXPECTED_QUERIES[page_type], (
                    f"{page_type} ({path}) makes {count} queries, English ones "
                    f"{EXPECTED_QUERIES[page_type]}:\n{listing}"
                )
