"""Admin-only views of the shared app."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _


def editor_guide(request):
    """How to edit this site: the page tree, blocks, taxonomy, translation and events."""
    return TemplateResponse(
        request, "wagtailadmin/editor_guide.html", {"page_title": _("Editor guide")}
    )
