"""Demo content for site search: the search page, the last section of the site.

Run by the shared app's last demo step (home.demo.site.finish) through the
`demo_closing_pages` hook (search/wagtail_hooks.py), after "Get involved"."""

from __future__ import annotations

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from home.demo.builder import Demo
from search.models import SearchPage

# A result editors promote (Settings > Promoted search results): a search for "report" shows
# the final report first, whatever else matches.
PROMOTIONS = [
    (
        "report",
        "final-report",
        "The research behind Trauma-Informed London, with its documents to download.",
    ),
]

ARABIC = {
    "Search": "بحث",
    "Search the whole site.": "ابحث في الموقع كله.",
}


def closing_pages(demo: Demo) -> list[tuple[SearchPage, dict[str, str]]]:
    """The search page under the home page, with the strings that translate it."""
    search = demo.page(
        demo.home, SearchPage, "search", title="Search", introduction="Search the whole site."
    )
    promote(demo)
    return [(search, ARABIC)]


def promote(demo: Demo) -> None:
    """The demo's promoted search results, added once (an editor's changes are kept)."""
    for query_string, slug, description in PROMOTIONS:
        query = Query.get(query_string)
        page = Page.objects.filter(locale_id=demo.home.locale_id, slug=slug).first()
        if page is None or SearchPromotion.objects.filter(query=query).exists():
            continue
        SearchPromotion.objects.create(query=query, page=page, description=description)
