"""The roadmap as a map: every stage (a row) against every driver of change (a column). Each
cell links to the stage page's section for the driver (#driver-<slug>), with the stage's
one-sentence summary for that driver and how many recommendations it has.

The reader's lens (role, sector) marks the cells with recommendations for them; a
self-assessment result marks the stage reached for each driver ("You are here") and the row of
the overall stage. Built from lists the caller already has (the stages, the drivers, the
recommendations' summary, all from the content cache), so it makes no query of its own, and
reads the same whatever the number of recommendations.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def driver_anchor(slug: str) -> str:
    """The id of a driver's section on a stage page, and so the anchor the map links to."""
    return f"driver-{slug}"


@dataclass
class MapCell:
    driver: object
    url: str
    summary: str = ""
    total: int = 0  # recommendations at this stage under this driver
    for_you: int = 0  # of which match the reader's lens
    applies: bool = False  # the lens is set and some recommendations match it
    here: bool = False  # the self-assessment puts this driver at this stage


@dataclass
class MapRow:
    stage: object
    number: int
    url: str
    cells: list[MapCell] = field(default_factory=list)
    here: bool = False  # the self-assessment's overall stage


@dataclass
class RoadmapMap:
    drivers: list
    rows: list[MapRow]
    lens: object = None  # roadmap.forms.Lens when the reader chose a role or sector
    result: object = None  # roadmap.assessment.Result on the result page

    @property
    def lens_set(self) -> bool:
        return self.lens is not None


def summaries(stage) -> dict[str, str]:
    """The stage's one-sentence summary for each driver of change, by driver slug."""
    return {
        block.value["driver"]: block.value["summary"]
        for block in getattr(stage, "driver_summaries", None) or []
    }


def roadmap_map(
    stages: list,
    drivers: list,
    recommendations,
    *,
    request=None,
    lens=None,
    lens_recommendations=None,
    result=None,
) -> RoadmapMap:
    """The map in the stages' language. `recommendations` summarises every live one (a
    roadmap.recommendation_summary.RecommendationSummary, with their stages);
    `lens_recommendations` those matching the reader's role and sector, when chosen."""
    totals = recommendations.by_cell
    lensed = lens_recommendations is not None
    for_you = lens_recommendations.by_cell if lensed else {}
    query = lens.query() if lensed and lens is not None else ""
    here_cells: set[tuple[int, str]] = set()
    overall_pk = None
    if result is not None:
        overall_pk = result.overall.pk
        here_cells = {(stage.pk, driver.slug) for driver, stage, _questions in result.groups}
    rows = []
    for number, stage in enumerate(stages, start=1):
        stage_url = stage.get_url(request) or ""
        notes = summaries(stage)
        row = MapRow(
            stage=stage,
            number=number,
            url=stage_url + (f"?{query}" if query else ""),
            here=stage.pk == overall_pk,
        )
        for driver in drivers:
            key = (str(stage.translation_key), driver.slug)
            mine = for_you.get(key, 0)
            row.cells.append(
                MapCell(
                    driver=driver,
                    url=f"{row.url}#{driver_anchor(driver.slug)}",
                    summary=notes.get(driver.slug, ""),
                    total=totals.get(key, 0),
                    for_you=mine,
                    applies=lensed and mine > 0,
                    here=(stage.pk, driver.slug) in here_cells,
                )
            )
        rows.append(row)
    return RoadmapMap(drivers=drivers, rows=rows, lens=lens if lensed else None, result=result)
