"""The case study finder: a plain GET form whose filters combine, validated server-side.

Filter values are slugs, which stay the same in every language, so a shared address works in
English and Arabic alike. The choices come from the taxonomy in the reader's language and are
cached (they change rarely), so the finder costs the same number of queries whatever is chosen.
"""

from __future__ import annotations

from html import escape

from django import forms
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from home.caching import cached
from home.models import Audience, Borough, DriverOfChange, Principle, Sector
from roadmap.models import RoadmapStagePage

# (parameter, label, lookup on CaseStudyPage)
FILTERS = [
    ("sector", _("Sector"), "sector__slug"),
    ("borough", _("Borough"), "boroughs__slug"),
    ("principle", _("Principle"), "principles__slug"),
    ("driver", _("Driver of change"), "drivers__slug"),
    ("stage", _("Roadmap stage"), "stage__slug"),
    ("audience", _("Audience"), "audiences__slug"),
]
FILTER_NAMES = [name for name, _label, _lookup in FILTERS]
TAXONOMIES = {
    "sector": Sector,
    "borough": Borough,
    "principle": Principle,
    "driver": DriverOfChange,
    "audience": Audience,
}


def filter_options(locale_id: int) -> dict[str, list[tuple[str, str]]]:
    """The choices for every filter in this language: the taxonomy's terms (each in the default
    language until translated) and the live roadmap stages (the default language's until the
    roadmap is translated). From the content cache once warm: one read of plain (slug, name)
    pairs, not one read of model instances per filter."""
    return cached(f"finder:options:{locale_id}", lambda: _build_filter_options(locale_id))


def _build_filter_options(locale_id: int) -> dict[str, list[tuple[str, str]]]:
    options = {
        name: [(term.slug, term.name) for term in model.terms_in(locale_id)]
        for name, model in TAXONOMIES.items()
    }
    stages = RoadmapStagePage.live_in(locale_id) or RoadmapStagePage.live_in(Locale.get_default())
    options["stage"] = [(stage.slug, stage.title) for stage in stages]
    return options


def filter_choices(options: dict, name: str) -> list[tuple[str, str]]:
    """A filter's choices: "Any", then its terms."""
    return [("", _("Any")), *options[name]]


class CaseStudyFinderForm(forms.Form):
    """The finder's fields. Unknown values are reported to the reader and ignored."""

    q = forms.CharField(
        required=False,
        max_length=200,
        label=_("Search case studies"),
        help_text=_("Words from the title, summary or organisation."),
    )

    def __init__(self, data, options: dict, **kwargs):
        super().__init__(data, **kwargs)
        for name, label, _lookup in FILTERS:
            choices = filter_choices(options, name)
            self.fields[name] = forms.ChoiceField(
                required=False,
                label=label,
                choices=choices,
                error_messages={
                    "invalid_choice": _(
                        "We could not find that %(label)s. Choose one from the list; "
                        "results below ignore it."
                    )
                    % {"label": str(label).lower()}
                },
            )


class CaseStudyFinder:
    """Reads the query string, validates it and builds the matching case studies."""

    def __init__(self, index_page, data):
        self.index_page = index_page
        self.options = filter_options(index_page.locale_id)
        self.form = CaseStudyFinderForm(data, self.options)
        self.form.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        self.values = {
            name: cleaned.get(name, "")
            for name in [*FILTER_NAMES, "q"]
            if name not in self.form.errors
        }
        self.values = {name: value for name, value in self.values.items() if value}

    def filter_selects(self) -> list[dict]:
        """Each filter's field with its <option>s written out, the chosen one selected. Written
        here, once per page: the template would ask the form for the chosen value once per
        option (some sixty of them)."""
        selects = []
        for name in FILTER_NAMES:
            field = self.form[name]
            choices = filter_choices(self.options, name)
            current = field.value()
            # Escaped as the template's {{ }} would (Django's escape is html.escape of str).
            options = "".join(
                f'<option value="{escape(str(value))}"'
                f"{' selected' if value and value == current else ''}>{escape(str(label))}</option>"
                for value, label in choices
            )
            selects.append({"field": field, "options": mark_safe(options)})  # noqa: S308 (escaped)
        return selects

    @property
    def is_filtered(self) -> bool:
        """True for any query string that narrows or re-orders the list (even an invalid one),
        so that search engines index only the plain finder."""
        return bool(self.values) or bool(self.form.errors) or bool(self.form.data.get("page"))

    @property
    def has_filters(self) -> bool:
        return bool(self.values) or bool(self.form.errors)

    def canonical_query(self) -> str:
        """The query string for the valid filters in a stable order (for feeds and sharing)."""
        return urlencode(
            [(name, self.values[name]) for name in [*FILTER_NAMES, "q"] if name in self.values]
        )

    def describe(self) -> str:
        """The chosen filters in words, e.g. 'Policing, Camden'."""
        parts = []
        for name in FILTER_NAMES:
            if name in self.values:
                parts.append(dict(self.options[name]).get(self.values[name], self.values[name]))
        if "q" in self.values:
            parts.append(f"“{self.values['q']}”")
        return ", ".join(parts)

    def chosen(self) -> list[dict]:
        """The filters in use, each with a link that removes it."""
        labels = {name: label for name, label, _lookup in FILTERS}
        chosen = []
        for name in [*FILTER_NAMES, "q"]:
            if name in self.values:
                value = self.values[name]
                chosen.append(
                    {
                        "name": name,
                        "label": labels.get(name, _("Search")),
                        "value": dict(self.options.get(name, [])).get(value, value),
                    }
                )
        return chosen

    def results(self):
        """The case studies matching every chosen filter, newest first."""
        lookups = {
            lookup: self.values[name] for name, _label, lookup in FILTERS if name in self.values
        }
        return self.index_page.case_studies(lookups, self.values.get("q", ""))
