"""Demo content for site search: the search page, the last section of the site.

Run by the shared app's last demo step (home.demo.site.finish) through the
`demo_closing_pages` hook (search/wagtail_hooks.py), after "Get involved"."""

from __future__ import annotations

from home.demo.builder import Demo
from search.models import SearchPage

ARABIC = {
    "Search": "بحث",
    "Search the whole site.": "ابحث في الموقع كله.",
}


def closing_pages(demo: Demo) -> list[tuple[SearchPage, dict[str, str]]]:
    """The search page under the home page, with the strings that translate it."""
    search = demo.page(
        demo.home, SearchPage, "search", title="Search", introduction="Search the whole site."
    )
    return [(search, ARABIC)]
