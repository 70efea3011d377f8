"""Admin screens for the roadmap: recommendations, and the London baseline's aggregate."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from roadmap.models import BaselineEntry, Recommendation


class RecommendationViewSet(SnippetViewSet):
    """Recommendations for implementers, system leaders and the VRU."""

    model = Recommendation
    icon = "tasks"
    menu_label = _("Recommendations")
    menu_order = 290
    add_to_admin_menu = True
    list_display = ["title", "audience", "driver", "live", "is_example_content"]
    list_filter = ["audience", "driver", "stages", "locale", "is_example_content"]
    search_fields = ["title"]
    ordering = ["audience__sort_order", "sort_order", "title"]


register_snippet(RecommendationViewSet)


class BaselineReportView(WagtailAdminTemplateMixin, TemplateView):
    """Every group in the London baseline, however small (editors only)."""

    template_name = "roadmap/admin/baseline_report.html"
    page_title = _("London baseline")
    header_icon = "table"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["baseline"] = BaselineEntry.summary(Locale.get_default(), min_group=0)
        return context


@hooks.register("register_admin_urls")
def register_baseline_url():
    return [path("roadmap/baseline/", BaselineReportView.as_view(), name="roadmap_baseline")]


@hooks.register("register_reports_menu_item")
def register_baseline_menu_item():
    return MenuItem(_("London baseline"), reverse("roadmap_baseline"), icon_name="table", order=900)
