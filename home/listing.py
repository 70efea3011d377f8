"""Bounded listings: no page lists more than a fixed number of items, whatever the amount of
content. A section that previews a longer list shows its first items and links to where the
rest are (the finder, a filtered listing); a listing of its own shows one page at a time."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator

# Items a section previews (e.g. case studies on a stage page) before "See all N".
PREVIEW_SIZE = 6
# Items on one page of a paginated listing.
PAGE_SIZE = 10


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
