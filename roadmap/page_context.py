"""The page-context builders of the roadmap's pages: the journey through the reader's lens
(roadmap/forms.py), each stage's detail, the recommendations listing. Everything is read with
a fixed number of queries. They read stages and recommendations through the page they are given
(roadmap.models.RoadmapContent), so this module does not import the models that call it."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from home.caching import cached
from home.listing import PREVIEW_SIZE, cached_page
from home.models import Audience, DriverOfChange, Sector
from roadmap.forms import Lens, LensForm, RecommendationFilterForm
from roadmap.recommendation_summary import Group, RecommendationSummary, filters_key
from roadmap.roadmap_map import driver_anchor, summaries


@dataclass
class StageDetail:
    """A stage as the roadmap shows it through the reader's lens."""

    page: object
    number: int
    actions: list = field(default_factory=list)  # [(audience term, [action, ...]), ...]
    recommendations: list = field(default_factory=list)  # the first PREVIEW_SIZE
    recommendation_total: int = 0


def stage_details(
    stages: list, audiences: dict, summary: RecommendationSummary | None, lens: Lens
) -> list[StageDetail]:
    """Each stage through the lens; its first recommendations and how many it has come from the
    `summary` (none when the caller fills them in itself)."""
    details = []
    for number, stage in enumerate(stages, start=1):
        if lens.stage and stage.pk != lens.stage.pk:
            continue
        actions = []
        for block in stage.actions:
            slug = block.value["audience"]
            if lens.audience and slug != lens.audience.slug:
                continue
            if slug in audiences and block.value["actions"]:
                actions.append((audiences[slug], list(block.value["actions"])))
        group = summary.stage(stage.translation_key) if summary else Group()
        details.append(
            StageDetail(
                page=stage,
                number=number,
                actions=actions,
                recommendations=group.items,
                recommendation_total=group.total,
            )
        )
    return details


def roadmap_context(page, request) -> dict:
    """The journey through the reader's lens."""
    locale = page.locale_id
    audiences = Audience.terms_in(locale)
    sectors = Sector.terms_in(locale)
    stages = page.journey_stages()
    lens = LensForm(request.GET, audiences, sectors, stages).lens()
    summary = page.recommendation_summary(
        audience=lens.audience.slug if lens.audience else "",
        sector=lens.sector.slug if lens.sector else "",
    )
    audience_map = {audience.slug: audience for audience in audiences}
    return {
        "lens": lens,
        "audiences": audiences,
        "sectors": sectors,
        "stages": stages,
        "stage_details": stage_details(stages, audience_map, summary, lens),
        "self_assessment": page.self_assessment(),
    }


def stage_context(stage, request) -> dict:
    """A stage page: its detail through the lens, its neighbours, its recommendations."""
    locale = stage.locale_id
    audiences = Audience.terms_in(locale)
    sectors = Sector.terms_in(locale)
    stages = stage.journey_stages()
    lens = LensForm(request.GET, audiences, sectors).lens()
    lens.stage = stage
    summary = stage.recommendation_summary(
        audience=lens.audience.slug if lens.audience else "",
        sector=lens.sector.slug if lens.sector else "",
        stage_key=stage.translation_key,
        with_stages=False,
    )
    audience_map = {audience.slug: audience for audience in audiences}
    position = next((i for i, s in enumerate(stages) if s.pk == stage.pk), None)
    previous_stage = next_stage = None
    if position is not None:
        previous_stage = stages[position - 1] if position > 0 else None
        next_stage = stages[position + 1] if position + 1 < len(stages) else None
    details = stage_details(stages, audience_map, None, lens)
    detail = details[0] if details else StageDetail(page=stage, number=0)
    detail.recommendations = summary.first[:PREVIEW_SIZE]
    detail.recommendation_total = summary.total
    case_studies = stage_case_studies(stage)
    events = stage_events(stage)
    return {
        # What the stage means for each driver of change: the map's cells link here.
        "driver_sections": driver_sections(stage, DriverOfChange.terms_in(locale), summary),
        "lens": lens,
        "audiences": audiences,
        "stages": stages,
        "detail": detail,
        # The parent's address, worked out from this page's own, to save a query.
        "roadmap_url": stage.url.rstrip("/").rsplit("/", 1)[0] + "/",
        "previous_stage": previous_stage,
        "next_stage": next_stage,
        # [(audience, first recommendations, how many in all), ...]
        "recommendations_by_audience": [
            (audience_map.get(slug) or group.items[0].audience, group.items, group.total)
            for slug, group in summary.by_audience.items()
        ],
        "stage_case_studies": case_studies["items"],
        "stage_case_study_total": case_studies["total"],
        "finder_url": case_studies["finder_url"],
        "stage_events": events,
        # The events index, worked out from an event's address, to save a query.
        "events_url": events[0]["url"].rstrip("/").rsplit("/", 1)[0] + "/" if events else "",
        "stage_events_more": len(events) == PREVIEW_SIZE,
        # Sections listing content tagged with this stage; each hides itself when empty.
        "tagged_sections": [
            "roadmap/includes/stage_recommendations.html",
            "roadmap/includes/stage_case_studies.html",
            "roadmap/includes/stage_events.html",
        ],
    }


@dataclass
class DriverSection:
    """What a stage means for one driver of change: its summary and recommendations."""

    driver: object
    anchor: str
    summary: str
    recommendations: list  # the first PREVIEW_SIZE
    total: int


def driver_sections(stage, drivers: list, summary: RecommendationSummary) -> list[DriverSection]:
    """One section per driver of change, in the drivers' order, even when it is empty, so that
    every cell of the roadmap map has its target."""
    notes = summaries(stage)
    return [
        DriverSection(
            driver=driver,
            anchor=driver_anchor(driver.slug),
            summary=notes.get(driver.slug, ""),
            recommendations=summary.driver(driver.slug).items,
            total=summary.driver(driver.slug).total,
        )
        for driver in drivers
    ]


def stage_case_studies(stage) -> dict:
    """The first live case studies in the stage's language that are tagged with it, how many
    there are, and the finder that lists them all (until the next publish)."""

    def build():
        tagged = stage.case_studies.live().filter(locale_id=stage.locale_id)
        items = [
            {
                "title": case.title,
                "url": case.url,
                "organisation": case.organisation,
                "summary": case.summary,
                "is_example_content": case.is_example_content,
            }
            for case in tagged.order_by("title")[:PREVIEW_SIZE]
        ]
        total = len(items) if len(items) < PREVIEW_SIZE else tagged.count()
        # The finder is the case studies' parent page: worked out from an address, to save a query.
        finder_url = items[0]["url"].rstrip("/").rsplit("/", 1)[0] + "/" if items else ""
        return {"items": items, "total": total, "finder_url": finder_url}

    return cached(f"stage-case-studies-preview:{stage.pk}", build)


def stage_events(stage) -> list[dict]:
    """Upcoming live events in the stage's language that are tagged with it."""

    def build():
        # Upcoming when built, and a few more in case some end before the next publish.
        upcoming = (
            stage.events.live()
            .filter(locale_id=stage.locale_id, end__gte=timezone.now())
            .order_by("start")
        )
        return [
            {
                "title": event.title,
                "url": event.url,
                "start": event.start,
                "end": event.end,
                "is_example_content": event.is_example_content,
            }
            for event in upcoming[: PREVIEW_SIZE * 2]
        ]

    # Cached until the next publish; events that have ended since are dropped here.
    now = timezone.now()
    events = cached(f"stage-events:{stage.pk}", build)
    return [event for event in events if event["end"] >= now][:PREVIEW_SIZE]


def group_by_audience(recs, audience_map: dict, limit: int | None = None) -> list:
    """[(audience, [recommendation, ...]), ...], at most `limit` for each audience."""
    groups: dict = {}
    for recommendation in recs:
        groups.setdefault(recommendation.audience.slug, []).append(recommendation)
    return [
        (audience_map.get(slug) or items[0].audience, items[:limit])
        for slug, items in groups.items()
        if items
    ]


def recommendations_context(page, request, audience_slug: str = "") -> dict:
    """The recommendations listing, filtered by audience, driver, stage and sector."""
    locale = page.locale_id
    audiences = Audience.terms_in(locale)
    sectors = Sector.terms_in(locale)
    drivers = DriverOfChange.terms_in(locale)
    stages = page.journey_stages()
    form = RecommendationFilterForm(
        request.GET,
        audiences=audiences,
        drivers=drivers,
        stages=stages,
        sectors=sectors,
        audience=audience_slug,
    )
    chosen = form.chosen()
    filters = form.recommendation_filters()
    audience_map = {audience.slug: audience for audience in audiences}
    driver_map = {driver.slug: driver for driver in drivers}
    stage_map = {stage.translation_key: stage for stage in stages}
    # Only this page's recommendations are read back, however many there are (the filters are
    # chosen from lists, so the addresses are few).
    key = f"roadmap:recommendation-list:{filters_key(page.locale_id, filters)}"
    shown = cached_page(request, key, lambda: page.find_recommendations(**filters))
    for recommendation in shown:
        recommendation.local_driver = driver_map.get(recommendation.driver.slug)
        recommendation.local_stages = [
            stage_map[s.translation_key]
            for s in recommendation.stages.all()
            if s.translation_key in stage_map
        ]
    return {
        "filters": chosen,
        "filter_messages": form.messages(),
        "audiences": audiences,
        "sectors": sectors,
        "drivers": drivers,
        "stages": stages,
        "recommendations_by_audience": group_by_audience(shown, audience_map),
        "recommendation_page": shown,
        "recommendation_count": shown.paginator.count,
        "audience_view": audience_slug and chosen["audience"],
    }
