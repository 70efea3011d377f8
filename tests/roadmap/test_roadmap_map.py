"""The roadmap as a map (issue 13, point 1): stages against drivers of change, each cell a link to
what the stage means for the driver (a section of the stage page), marked by the reader's lens
and by a self-assessment result, in both languages, with a fixed number of queries."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadmap.blocks import DriverSummariesBlock, RoadmapStoryBlock
from roadmap.factories import CompleteRoadmap, RecommendationFactory
from tests.roadmap.conftest import MIXED
from tests.roadmap.test_roadmap_pages import _add_recommendations, arabic_roadmap, html, in_arabic

pytestmark = pytest.mark.django_db

MAP = ("roadmap_map", {"heading": "The roadmap at a glance", "introduction": "Read across."})
ARABIC_DRIVERS = ["القيادة والثقافة", "رفاه العاملين", "العلاقات والصوت", "الأنظمة والبيئات"]


def with_map(built: CompleteRoadmap, *other_blocks) -> None:
    """The map block placed in the roadmap's body, after any other blocks given."""
    built.page.body = [*other_blocks, MAP]
    built.page.save_revision().publish()
    stage = built.stages[0]
    stage.driver_summaries = [
        ("driver_summary", {"driver": built.drivers[0].slug, "summary": "Leaders say it matters."})
    ]
    stage.save_revision().publish()


def cells(page: str) -> list[dict]:
    """Every cell of the map, in reading order: its link, classes and visible text."""
    found = []
    for classes, body in re.findall(r'<td class="(roadmap-map__cell[^"]*)">(.*?)</td>', page, re.S):
        link = re.search(r'<a class="roadmap-map__link" href="([^"]+)"([^>]*)>', body)
        assert link, body
        found.append(
            {
                "href": link.group(1).replace("&amp;", "&"),
                "attributes": link.group(2),
                "classes": classes,
                "text": " ".join(re.sub(r"<[^>]+>", " ", body).split()),
            }
        )
    return found


def test_every_cell_links_to_the_stage_section_for_its_driver(client, built_roadmap):
    principles = ("principles", {"heading": "The six principles", "introduction": ""})
    with_map(built_roadmap, principles)
    page = html(client, built_roadmap.page.url)
    # The map comes first, above the lens, although the editor put it after another block.
    assert page.index('class="roadmap-map"') < page.index("data-roadmap-lens")
    assert page.index('class="roadmap-map"') < page.index("The six principles")
    assert "<caption>" in page and '<th scope="col">Leadership and culture</th>' in page
    found = cells(page)
    stages, drivers = built_roadmap.stages, built_roadmap.drivers
    assert [cell["href"] for cell in found] == [
        f"{stage.url}#driver-{driver.slug}" for stage in stages for driver in drivers
    ]
    targets = {}
    for cell in found:
        path, anchor = cell["href"].split("#")
        targets.setdefault(path, html(client, path))
        assert f'id="{anchor}"' in targets[path], cell["href"]
    # A cell's text: the stage's sentence for the driver and its number of recommendations
    # (each stage has three, one per audience, under the driver in the stage's position).
    assert found[0]["text"] == (
        "Leadership and culture at Trauma-aware Leaders say it matters. 3 recommendations"
    )
    assert found[1]["text"].endswith("Trauma-aware 0 recommendations")
    assert found[5]["text"].endswith("3 recommendations")  # stage 2, driver 2


def test_the_stage_section_lists_its_recommendations_for_the_driver(client, built_roadmap):
    with_map(built_roadmap)
    page = html(client, built_roadmap.stages[0].url)
    section = page[page.index('id="driver-leadership-and-culture"') :]
    section = section[: section.index('id="driver-workforce-wellbeing"')]
    assert "Leaders say it matters." in section
    assert "The VRU at the trauma-aware stage" in section
    assert (
        "stage=trauma-aware&amp;driver=leadership-and-culture#recommendation-vru-trauma-aware"
        in (section)
    )
    empty = page[page.index('id="driver-workforce-wellbeing"') :]
    assert "No recommendations under this driver at this stage yet." in empty[:600]


def test_the_arabic_map_is_in_arabic_with_arabic_links(client, built_roadmap):
    with_map(built_roadmap)
    for driver, name in zip(built_roadmap.drivers, ARABIC_DRIVERS, strict=True):
        in_arabic(driver, name=name)
    arabic_roadmap(built_roadmap, body=[("roadmap_map", {"heading": "خريطة الطريق في لمحة"})])
    page = html(client, "/ar/roadmap/")
    assert 'dir="rtl"' in page
    assert "خريطة الطريق في لمحة" in page
    assert f'<th scope="col">{ARABIC_DRIVERS[0]}</th>' in page
    assert '<th scope="col">المرحلة</th>' in page  # "Stage", from the interface catalogue
    found = cells(page)
    assert len(found) == 16
    assert all(cell["href"].startswith("/ar/roadmap/") for cell in found)
    assert found[0]["href"] == "/ar/roadmap/trauma-aware/#driver-leadership-and-culture"
    assert "3 توصيات" in found[0]["text"]
    target = html(client, "/ar/roadmap/trauma-aware/")
    assert 'id="driver-leadership-and-culture"' in target
    assert f"<h3>{ARABIC_DRIVERS[0]}</h3>" in target


def test_the_lens_marks_the_cells_with_recommendations_for_the_reader(client, built_roadmap):
    with_map(built_roadmap)
    stages, drivers, sectors = built_roadmap.stages, built_roadmap.drivers, built_roadmap.sectors
    vru = built_roadmap.audiences[2]
    # One more for the VRU, at the first stage under the last driver, for policing only.
    RecommendationFactory(
        title="Policing only",
        audience=vru,
        driver=drivers[3],
        stages=[stages[0]],
        sectors=[sectors[0]],
    )
    whole = cells(html(client, built_roadmap.page.url))
    assert not any("Applies to you" in cell["text"] for cell in whole)

    policing = cells(html(client, f"{built_roadmap.page.url}?audience=vru&sector=policing"))
    applies = [index for index, cell in enumerate(policing) if "Applies to you" in cell["text"]]
    # The diagonal (every stage's VRU recommendation) and the policing-only one.
    assert applies == [0, 3, 5, 10, 15]
    assert all("roadmap-map__cell--applies" in policing[i]["classes"] for i in applies)
    assert "1 recommendation for you" in policing[3]["text"]
    assert "0 recommendations for you" in policing[1]["text"]
    # The links keep the lens, so the stage page shows the same recommendations.
    assert (
        policing[3]["href"]
        == f"{stages[0].url}?audience=vru&sector=policing#driver-{drivers[3].slug}"
    )
    target = html(client, policing[3]["href"].split("#")[0])
    assert "Policing only" in target

    health = cells(html(client, f"{built_roadmap.page.url}?audience=vru&sector=health"))
    assert [i for i, cell in enumerate(health) if "Applies to you" in cell["text"]] == [
        0,
        5,
        10,
        15,
    ]


def test_the_self_assessment_result_shows_you_are_here_on_the_map(client, built_roadmap):
    result_url = f"{built_roadmap.assessment.url}result/?{MIXED}"
    page = html(client, result_url)
    assert "Where you are on the roadmap" in page
    found = cells(page)
    here = [index for index, cell in enumerate(found) if "You are here" in cell["text"]]
    # MIXED: leadership, wellbeing and systems at trauma-sensitive (row 2), relationships and
    # voice at trauma-aware (row 1).
    assert here == [2, 4, 5, 7]
    assert all('aria-current="location"' in found[i]["attributes"] for i in here)
    assert all("roadmap-map__cell--here" in found[i]["classes"] for i in here)
    assert sum('aria-current="location"' in cell["attributes"] for cell in found) == 4
    overall = page[page.index('roadmap-map__row--here"') :]
    assert "Trauma-sensitive" in overall[:600] and "Your overall stage" in overall[:900]


def test_the_map_block_renders_its_preview_and_the_stream_offers_it(stages):
    stream = RoadmapStoryBlock()
    block = stream.child_blocks["roadmap_map"]
    assert block.meta.description and block.meta.icon
    rendered = block.render(block.get_preview_value())
    assert "roadmap-map__table" in rendered
    assert rendered.count('class="roadmap-map__link"') == 16


def test_a_driver_can_have_one_summary_on_a_stage(built_roadmap):
    block = DriverSummariesBlock()
    value = block.to_python(
        [
            {"type": "driver_summary", "value": {"driver": "workforce-wellbeing", "summary": "A."}},
            {"type": "driver_summary", "value": {"driver": "workforce-wellbeing", "summary": "B."}},
        ]
    )
    with pytest.raises(ValidationError, match="one summary on a stage"):
        block.clean(value)


def _warm_queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert "roadmap-map__table" in response.content.decode()
    return len(captured)


@pytest.mark.parametrize(
    "path",
    ["", "?audience=implementers&sector=policing", f"self-assessment/result/?{MIXED}"],
)
def test_the_map_costs_no_query_per_recommendation(client, built_roadmap, path):
    with_map(built_roadmap)
    url = f"{built_roadmap.page.url}{path}"
    client.get(url)  # the site-wide caches, as on a running server
    _add_recommendations(10, built_roadmap.stages[0])
    ten = _warm_queries(client, url)
    _add_recommendations(490, built_roadmap.stages[1])
    assert _warm_queries(client, url) == ten
    assert ten <= 12


def test_the_map_adds_no_query_to_the_roadmap_page(client, built_roadmap):
    """Its stages, drivers and recommendations come from the content cache, which the page
    fills anyway: with the map the page makes as many queries as without it."""
    url = built_roadmap.page.url
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    without = len(captured)
    with_map(built_roadmap)
    assert _warm_queries(client, url) == without


def test_the_print_view_has_the_map(client, built_roadmap):
    with_map(built_roadmap)
    page = html(client, f"{built_roadmap.page.url}print/")
    assert len(cells(page)) == 16
    assert page.index('class="roadmap-map"') < page.index("journey-list--print")
