"""What roadmap pages show: the lens (audience, sector, stage) read from the address, each stage's
detail, the recommendations listing. Everything is read with a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from home.caching import cached as cached_content
from home.listing import PREVIEW_SIZE, paginate
from home.models import Audience, DriverOfChange, Sector
from roadmap.lookups import cached, live_stages, localized_terms, recommendations


@dataclass
class StageDetail:
    """A stage as the roadmap shows it through the reader's lens."""

    page: object
    number: int
    actions: list = field(default_factory=list)  # [(audience term, [action, ...]), ...]
    recommendations: list = field(default_factory=list)  # the first PREVIEW_SIZE
    recommendation_total: int = 0


@dataclass
class Lens:
    """The reader's choices, checked against the taxonomy. Unknown values are dropped with a
    message, never an error."""

    audience: object = None
    sector: object = None
    stage: object = None
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


def read_lens(request, audiences: list, sectors: list, stages: list | None = None) -> Lens:
    lens = Lens()
    choices = [
        ("audience", audiences, _("audience")),
        ("sector", sectors, _("sector")),
    ]
    if stages is not None:
        choices.append(("stage", stages, _("stage")))
    for name, options, label in choices:
        value = request.GET.get(name, "").strip()
        if not value:
            continue
        match = next((option for option in options if option.slug == value), None)
        if match is None:
            lens.messages.append(
                _("We did not recognise the %(label)s in the address, so every %(label)s is shown.")
                % {"label": label}
            )
        setattr(lens, name, match)
    return lens


def stage_details(stages: list, audiences: dict, recs: list, lens: Lens) -> list[StageDetail]:
    by_stage: dict = {}
    for recommendation in recs:
        for stage in recommendation.stages.all():
            by_stage.setdefault(stage.translation_key, []).append(recommendation)
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
        details.append(
            StageDetail(
                page=stage,
                number=number,
                actions=actions,
                recommendations=by_stage.get(stage.translation_key, [])[:PREVIEW_SIZE],
                recommendation_total=len(by_stage.get(stage.translation_key, [])),
            )
        )
    return details


def roadmap_context(page, request) -> dict:
    """The journey through the reader's lens."""
    from roadmap.models import SelfAssessmentPage

    locale = page.locale_id
    audiences = localized_terms(Audience, locale)
    sectors = localized_terms(Sector, locale)
    stages = live_stages(locale)
    lens = read_lens(request, audiences, sectors, stages)
    recs = recommendations(
        locale,
        audience=lens.audience.slug if lens.audience else "",
        sector=lens.sector.slug if lens.sector else "",
    )
    audience_map = {audience.slug: audience for audience in audiences}
    return {
        "lens": lens,
        "audiences": audiences,
        "sectors": sectors,
        "stages": stages,
        "stage_details": stage_details(stages, audience_map, recs, lens),
        "self_assessment": cached(
            f"self-assessment:{page.pk}",
            lambda: SelfAssessmentPage.objects.child_of(page).live().first() or False,
        ),
    }


def stage_context(stage, request) -> dict:
    """A stage page: its detail through the lens, its neighbours, its recommendations."""
    locale = stage.locale_id
    audiences = localized_terms(Audience, locale)
    sectors = localized_terms(Sector, locale)
    stages = live_stages(locale)
    lens = read_lens(request, audiences, sectors)
    lens.stage = stage
    recs = recommendations(
        locale,
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
    details = stage_details(stages, audience_map, [], lens)
    detail = details[0] if details else StageDetail(page=stage, number=0)
    detail.recommendations = recs[:PREVIEW_SIZE]
    detail.recommendation_total = len(recs)
    case_studies = stage_case_studies(stage)
    events = stage_events(stage)
    totals = audience_totals(recs)
    return {
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
            (audience, items, totals[audience.slug])
            for audience, items in group_by_audience(recs, audience_map, PREVIEW_SIZE)
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

    return cached_content(f"stage-case-studies-preview:{stage.pk}", build)


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
    events = cached_content(f"stage-events:{stage.pk}", build)
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


def audience_totals(recs: list) -> dict[str, int]:
    totals: dict[str, int] = {}
    for recommendation in recs:
        totals[recommendation.audience.slug] = totals.get(recommendation.audience.slug, 0) + 1
    return totals


def recommendations_context(page, request, audience_slug: str = "") -> dict:
    """The recommendations listing, filtered by audience, driver, stage and sector."""
    locale = page.locale_id
    audiences = localized_terms(Audience, locale)
    sectors = localized_terms(Sector, locale)
    drivers = localized_terms(DriverOfChange, locale)
    stages = live_stages(locale)
    messages = []
    chosen = {}
    for name, options, value in [
        ("audience", audiences, audience_slug or request.GET.get("audience", "")),
        ("driver", drivers, request.GET.get("driver", "")),
        ("stage", stages, request.GET.get("stage", "")),
        ("sector", sectors, request.GET.get("sector", "")),
    ]:
        value = value.strip()
        match = next((option for option in options if option.slug == value), None)
        if value and match is None:
            messages.append(
                _("We did not recognise one of the filters in the address, so it was not applied.")
            )
        chosen[name] = match
    recs = recommendations(
        locale,
        audience=chosen["audience"].slug if chosen["audience"] else "",
        driver=chosen["driver"].slug if chosen["driver"] else "",
        stage_key=chosen["stage"].translation_key if chosen["stage"] else None,
        sector=chosen["sector"].slug if chosen["sector"] else "",
    )
    audience_map = {audience.slug: audience for audience in audiences}
    driver_map = {driver.slug: driver for driver in drivers}
    stage_map = {stage.translation_key: stage for stage in stages}
    shown = paginate(request, recs)
    for recommendation in shown:
        recommendation.local_driver = driver_map.get(recommendation.driver.slug)
        recommendation.local_stages = [
            stage_map[s.translation_key]
            for s in recommendation.stages.all()
            if s.translation_key in stage_map
        ]
    return {
        "filters": chosen,
        "filter_messages": list(dict.fromkeys(messages)),
        "audiences": audiences,
        "sectors": sectors,
        "drivers": drivers,
        "stages": stages,
        "recommendations_by_audience": group_by_audience(shown, audience_map),
        "recommendation_page": shown,
        "recommendation_count": len(recs),
        "audience_view": audience_slug and chosen["audience"],
    }
