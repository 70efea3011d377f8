"""Admin-only views of the shared app."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import get_page_models

from home.models import SitePage


def editor_guide(request):
    """How to edit this site: the page tree, blocks, taxonomy, translation and events."""
    return TemplateResponse(
        request, "wagtailadmin/editor_guide.html", {"page_title": _("Editor guide")}
    )


class ExampleContentPanel(Component):
    """Dashboard panel: pages still holding invented demonstration content, to replace or delete."""

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
        return {"pages": sorted(pages, key=lambda page: page.path)[:50], "total": len(pages)}
