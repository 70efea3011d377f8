"""The roadmap's filter forms, read from the address (GET): the lens (role, sector, stage) and
the recommendations listing's filters (audience, driver of change, stage, sector).

Values are slugs, the same in every language, so a shared address works in English and Arabic
alike. A value that is not one of the choices is dropped with a message, never an error page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from home.models import Audience, Sector
    from roadmap.models import RoadmapStagePage


class SlugChoiceField(forms.ChoiceField):
    """One term (or stage) chosen by its slug; spaces around the value are ignored."""

    def to_python(self, value) -> str:
        return super().to_python(value).strip()


class TermFilterForm(forms.Form):
    """Optional filters, each choosing one of `options[name]` (terms or stages) by slug.

    `chosen()` gives the chosen objects (None where nothing valid was chosen) and
    `unrecognised()` the filters whose value matched nothing."""

    def __init__(self, data, options: dict[str, list]):
        super().__init__(data)
        self.options = options
        for name, items in options.items():
            self.fields[name] = SlugChoiceField(
                required=False, choices=[("", ""), *((item.slug, item.slug) for item in items)]
            )
        self.is_valid()

    def chosen(self) -> dict:
        chosen = {}
        for name, items in self.options.items():
            slug = self.cleaned_data.get(name)
            chosen[name] = (
                next((item for item in items if item.slug == slug), None) if slug else None
            )
        return chosen

    def unrecognised(self) -> list[str]:
        return [name for name in self.options if name in self.errors]


@dataclass
class Lens:
    """The reader's choices, checked against the taxonomy. Unknown values are dropped with a
    message, never an error."""

    audience: Audience | None = None
    sector: Sector | None = None
    stage: RoadmapStagePage | None = None
    messages: list = field(default_factory=list)

    @property
    def is_set(self) -> bool:
        return bool(self.audience or self.sector or self.stage)

    def query(self) -> str:
        parts = []
        if self.audience:
            parts.append(f"audience={self.audience.slug}")
        if self.sector:
            parts.append(f"sector={self.sector.slug}")
        return "&".join(parts)


class LensForm(TermFilterForm):
    """The roadmap's lens: the reader's role (audience), sector and, on the journey page,
    stage (a stage page is its own stage)."""

    def __init__(self, data, audiences: list, sectors: list, stages: list | None = None):
        options = {"audience": audiences, "sector": sectors}
        if stages is not None:
            options["stage"] = stages
        super().__init__(data, options)

    def lens(self) -> Lens:
        labels = {"audience": _("audience"), "sector": _("sector"), "stage": _("stage")}
        return Lens(
            **self.chosen(),
            messages=[
                _("We did not recognise the %(label)s in the address, so every %(label)s is shown.")
                % {"label": labels[name]}
                for name in self.unrecognised()
            ],
        )


class RecommendationFilterForm(TermFilterForm):
    """The recommendations listing's filters. On an audience's own listing
    (recommendations/<audience>/) the audience comes from the address's path."""

    def __init__(self, data, *, audiences, drivers, stages, sectors, audience: str = ""):
        if audience:
            data = data.copy()
            data["audience"] = audience
        super().__init__(
            data, {"audience": audiences, "driver": drivers, "stage": stages, "sector": sectors}
        )

    def recommendation_filters(self) -> dict:
        """The chosen filters as Recommendation.for_reader takes them."""
        chosen = self.chosen()
        return {
            "audience": chosen["audience"].slug if chosen["audience"] else "",
            "driver": chosen["driver"].slug if chosen["driver"] else "",
            "stage_key": chosen["stage"].translation_key if chosen["stage"] else None,
            "sector": chosen["sector"].slug if chosen["sector"] else "",
        }

    def messages(self) -> list[str]:
        if not self.unrecognised():
            return []
        return [_("We did not recognise one of the filters in the address, so it was not applied.")]
