"""The case study finder: a plain GET form whose filters combine, validated server-side.

Filter values are slugs, which stay the same in every language, so a shared address works in
English and Arabic alike. The choices come from the taxonomy in the reader's language and are
cached (they change rarely), so the finder costs the same number of queries whatever is chosen.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from home.caching import cached

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


def _terms(model, locale) -> list[tuple[str, str]]:
    rows = list(model.objects.filter(locale=locale).values_list("slug", "name"))
    if not rows:  # not translated yet: offer the source language's terms
        rows = list(model.objects.filter(locale=Locale.get_default()).values_list("slug", "name"))
    return rows


def _stages(locale) -> list[tuple[str, str]]:
    from roadmap.models import RoadmapStagePage

    stages = RoadmapStagePage.objects.live().order_by("path")
    rows = list(stages.filter(locale=locale).values_list("slug", "title"))
    if not rows:
        rows = list(stages.filter(locale=Locale.get_default()).values_list("slug", "title"))
    return rows


def filter_options(language_code: str) -> dict[str, list[tuple[str, str]]]:
    """The choices for every filter in this language (from the content cache once warm, and
    rebuilt after any change to the taxonomy or the roadmap stages)."""
    from home.models import Audience, Borough, DriverOfChange, Principle, Sector

    def build():
        locale = Locale.objects.filter(language_code=language_code).first() or Locale.get_default()
        return {
            "sector": _terms(Sector, locale),
            "borough": _terms(Borough, locale),
            "principle": _terms(Principle, locale),
            "driver": _terms(DriverOfChange, locale),
            "stage": _stages(locale),
            "audience": _terms(Audience, locale),
        }

    return cached(f"casestudies:finder-options:{language_code}", build)


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
            choices = [("", _("Any")), *options[name]]
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
        # The page's language is the request's (the URL prefix), so no query for its locale.
        self.options = filter_options(get_language())
        self.form = CaseStudyFinderForm(data, self.options)
        self.form.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        self.values = {
            name: cleaned.get(name, "")
            for name in [*FILTER_NAMES, "q"]
            if name not in self.form.errors
        }
        self.values = {name: value for name, value in self.values.items() if value}

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
        from casestudies.models import CaseStudyPage

        queryset = self.index_page.case_studies()
        for name, _label, lookup in FILTERS:
            value = self.values.get(name)
            if value:
                # A subquery per filter: filters combine (AND) and a page never appears twice.
                queryset = queryset.filter(
                    pk__in=CaseStudyPage.objects.filter(**{lookup: value}).values("pk")
                )
        text = self.values.get("q")
        if text:
            queryset = queryset.filter(
                Q(title__icontains=text)
                | Q(summary__icontains=text)
                | Q(organisation__icontains=text)
            )
        return queryset.select_related("sector", "listing_image").prefetch_related(
            "listing_image__renditions"
        )
