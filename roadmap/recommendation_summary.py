"""What the roadmap's pages show of a list of recommendations, in a size that does not grow with
it: how many there are for each stage, driver of change, audience and map cell, and the first
few of each.

The roadmap page, a stage page, the roadmap map and the Recommendations block read a summary
(kept in the content cache, see Recommendation.summary), never the whole list, so however many
recommendations editors add, a page reads back the same few items and counts."""

from __future__ import annotations

from dataclasses import dataclass, field

from home.listing import PREVIEW_SIZE

# The most a Recommendations block may show (its `limit`), so the summary keeps this many first.
MAX_SHOWN = 30


@dataclass
class Group:
    """The first recommendations of one group and how many it has in all."""

    items: list = field(default_factory=list)
    total: int = 0

    def add(self, recommendation, keep: int = PREVIEW_SIZE) -> None:
        if len(self.items) < keep:
            self.items.append(recommendation)
        self.total += 1


@dataclass
class RecommendationSummary:
    total: int = 0
    first: list = field(default_factory=list)  # the first MAX_SHOWN, in the list's order
    by_stage: dict[str, Group] = field(default_factory=dict)  # stage translation key
    by_driver: dict[str, Group] = field(default_factory=dict)  # driver slug
    by_audience: dict[str, Group] = field(default_factory=dict)  # audience slug, in order
    by_cell: dict[tuple[str, str], int] = field(default_factory=dict)  # (stage key, driver)

    def stage(self, translation_key) -> Group:
        return self.by_stage.get(str(translation_key), Group())

    def driver(self, slug: str) -> Group:
        return self.by_driver.get(slug, Group())


def filters_key(locale_id: int, filters: dict) -> str:
    """The part of a cache key that names one language's recommendations under `filters`."""
    return f"{locale_id}:" + ":".join(f"{name}={value}" for name, value in sorted(filters.items()))


def summarise(recommendations: list, with_stages: bool = True) -> RecommendationSummary:
    """The summary of a list from Recommendation.for_reader (by stage and map cell only when the
    list was read `with_stages`)."""
    summary = RecommendationSummary(total=len(recommendations))
    summary.first = list(recommendations[:MAX_SHOWN])
    for recommendation in recommendations:
        driver = recommendation.driver.slug
        summary.by_driver.setdefault(driver, Group()).add(recommendation)
        summary.by_audience.setdefault(recommendation.audience.slug, Group()).add(recommendation)
        if not with_stages:
            continue
        for stage in recommendation.stages.all():
            key = str(stage.translation_key)
            summary.by_stage.setdefault(key, Group()).add(recommendation)
            summary.by_cell[(key, driver)] = summary.by_cell.get((key, driver), 0) + 1
    return summary
