"""Admin-only views of the shared app."""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

from home.models import SitePage
from home.translations import out_of_date_translations


def editor_guide(request):
    """How to edit this site: the page tree, blocks, taxonomy, translation and events."""
    return TemplateResponse(
        request, "wagtailadmin/editor_guide.html", {"page_title": _("Editor guide")}
    )


def _has_example_flag(model) -> bool:
    try:
        model._meta.get_field("is_example_content")
    except FieldDoesNotExist:
        return False
    return True


class ExampleContentPanel(Component):
    """Dashboard panel: pages and snippets (taxonomy terms, recommendations: every snippet with
    `is_example_content`) still holding invented demonstration content, to replace or delete.
    One query per page type and one per such snippet type, however many items there are."""

    name = "example_content"
    order = 50
    template_name = "wagtailadmin/example_content_panel.html"

    def get_context_data(self, parent_context=None):
        pages = []
        for model in get_page_models():
            if issubclass(model, SitePage) and not model._meta.abstract:
                pages.extend(
                    model.objects.filter(is_example_content=True)
                    .select_related("locale")
                    .order_by("path")[:50]
                )
        snippets = []
        for model in get_snippet_models():
            if not _has_example_flag(model):
                continue
            count = model.objects.filter(is_example_content=True).count()
            if count:
                viewset = model.snippet_viewset
                snippets.append(
                    {
                        "label": model._meta.verbose_name_plural,
                        "count": count,
                        "url": reverse(viewset.get_url_name("list")) + "?is_example_content=true",
                    }
                )
        snippets.sort(key=lambda row: str(row["label"]))
        return {
            "pages": sorted(pages, key=lambda page: page.path)[:50],
            "total": len(pages),
            "snippets": snippets,
            "snippet_total": sum(row["count"] for row in snippets),
        }


OUT_OF_DATE_SHOWN = 20  # the most recently changed; the count says how many in all


class OutOfDateTranslationsPanel(Component):
    """Dashboard panel: translated pages whose source page has been published since they were
    last synced (home/translations.py), each linked to its editor, with "Sync translated pages"
    in reach. Three queries: the count, the latest ones, and their translated pages."""

    name = "out_of_date_translations"
    order = 80
    template_name = "wagtailadmin/out_of_date_translations_panel.html"

    def get_context_data(self, parent_context=None):
        stale = out_of_date_translations()
        total = stale.count()
        if not total:
            return {"total": 0, "rows": []}
        shown = list(stale[:OUT_OF_DATE_SHOWN])
        wanted = Q()
        for translation in shown:
            wanted |= Q(
                translation_key=translation.source.object_id,
                locale_id=translation.target_locale_id,
            )
        pages = {
            (str(page.translation_key), page.locale_id): page
            for page in Page.objects.filter(wanted).only(
                "pk", "title", "translation_key", "locale_id"
            )
        }
        rows = []
        for translation in shown:
            page = pages.get((str(translation.source.object_id), translation.target_locale_id))
            if page is not None:
                rows.append(
                    {
                        "page": page,
                        "language": translation.target_locale.get_display_name(),
                        "source_language": translation.source.locale.get_display_name(),
                        "source_published_at": translation.source_published_at,
                    }
                )
        return {"total": total, "rows": rows}
