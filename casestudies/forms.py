"""Admin forms for promising practice."""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminPageForm

TAXONOMY_FIELDS = ("boroughs", "principles", "drivers", "audiences")


class CaseStudyPageForm(WagtailAdminPageForm):
    """Offers editors only the taxonomy terms in the page's own language, so each borough or
    principle appears once in the list rather than once per language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        if locale_id is None:
            return
        for name in TAXONOMY_FIELDS:
            if name in self.fields:
                self.fields[name].queryset = self.fields[name].queryset.filter(locale_id=locale_id)
