"""Factories for site search (in home.factories' style): the search page."""

from __future__ import annotations

from home.factories import PageFactory
from search.models import SearchPage


class SearchPageFactory(PageFactory):
    """The search page, under the home page (one per language)."""

    class Meta:
        model = SearchPage

    title = "Search"
    slug = "search"
    introduction = "Search the whole site."
