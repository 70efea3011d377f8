"""Bounded listings: no page lists more than a fixed number of items, whatever the amount of
content. A section that previews a longer list shows its first items and links to where the
rest are (the finder, a filtered listing); a listing of its own shows one page at a time."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator

from home.caching import cached

# Items a section previews (e.g. case studies on a stage page) before "See all N".
PREVIEW_SIZE = 6
# Items on one page of a paginated listing.
PAGE_SIZE = 10
# Page numbers whose pages are kept in the content cache: the ones pagination links give.
CACHED_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,3}")


@dataclass
class Preview:
    """The first items of a longer list, how many there are in all, and where the rest are."""

    items: list
    total: int
    more_url: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def has_more(self) -> bool:
        return self.total > len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __iter__(self):
        return iter(self.items)


def preview(items: list, more_url: str = "", size: int = PREVIEW_SIZE) -> Preview:
    return Preview(items=list(items[:size]), total=len(items), more_url=more_url)


def paginate(request, items, per_page: int = PAGE_SIZE) -> Page:
    """The page of `items` the address asks for (?page=N; the first for anything else)."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def cached_page(
    request,
    key: str | None,
    read_items: Callable[[], Sequence],
    per_page: int = PAGE_SIZE,
    shown: Callable[[Page], list] = list,
) -> Page:
    """The page of a long list the address asks for (?page=N, as `paginate` reads it), kept in
    the content cache under `key` until the next change, so a page reads back its own items
    and the count, never the whole list. `shown` turns the page's items into what is kept (the
    finder keeps its cards' HTML). With no key (a search, say), or a page number no link gives,
    the page is built each time."""
    raw_page = request.GET.get("page")

    def build() -> dict:
        page = Paginator(read_items(), per_page).get_page(raw_page)
        return {"count": page.paginator.count, "number": page.number, "items": shown(page)}

    if key is None or not CACHED_PAGE_NUMBER.fullmatch(raw_page or "1"):
        found = build()
    else:
        found = cached(f"{key}:page:{raw_page or 1}", build)
    return kept_page(found, per_page)


def kept_page(found: dict, per_page: int = PAGE_SIZE) -> Page:
    """A page rebuilt from what was kept of it: the list's length ("count"), its number and
    its items. A paginator over the count alone gives the pagination links what the list's
    would."""
    page = Paginator(range(found["count"]), per_page).page(found["number"])
    page.object_list = found["items"]
    return page
