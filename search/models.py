"""Site search: one page per language that searches that language's live, public pages."""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, Page

from home.models import SitePage

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


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
        query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
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
        context["results"] = page_of_results
        context["result_count"] = paginator.count
        return context
