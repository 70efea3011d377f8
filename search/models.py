"""Site search: one page per language that searches that language's live, public pages."""

from __future__ import annotations

import re
import unicodedata

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, Page

from home.examples import example_page_ids
from home.models import SitePage

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
# Characters the search engines treat as syntax (SQLite's FTS5 fails on quotes and brackets):
# everything but letters, digits, spaces, apostrophes, hyphens and combining marks becomes a
# space. Combining marks (Unicode category M) belong to the letter before them: Arabic vowel
# signs and the shadda, or an accent typed as a separate character, must not split a word.
QUERY_SYNTAX = re.compile(r"[^\w\s'-]")


def _syntax_to_space(match: re.Match) -> str:
    return match.group() if unicodedata.category(match.group()).startswith("M") else " "


def clean_query(text: str) -> str:
    """The words a reader searched for, without search syntax, at most MAX_QUERY_LENGTH long."""
    return " ".join(QUERY_SYNTAX.sub(_syntax_to_space, text).split())[:MAX_QUERY_LENGTH]


class SearchPage(SitePage):
    """The search page. Editors can change its title and introduction; results are automatic."""

    introduction = models.TextField(max_length=300, blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("introduction")]
    lists_content = True  # purged with every publish (home/purging.py)
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("search page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = clean_query(request.GET.get("q", ""))
        context["query"] = query
        if not query:
            return context
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .exclude(id=self.id)
            # Plain pages, not .specific(): one query for any mix of page types. Results show
            # each page's title and its search description.
            .search(query, operator="and")
        )
        paginator = Paginator(results, RESULTS_PER_PAGE)
        try:
            page_of_results = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_of_results = paginator.page(1)
        except EmptyPage:
            page_of_results = paginator.page(paginator.num_pages)
        # Plain pages do not carry the example flag: read it for this page of results only
        # (a list, so the template shows the same objects the flags were set on).
        page_of_results.object_list = list(page_of_results.object_list)
        examples = example_page_ids(page_of_results.object_list)
        for result in page_of_results.object_list:
            result.is_example_content = result.pk in examples
        context["results"] = page_of_results
        context["result_count"] = paginator.count
        return context
