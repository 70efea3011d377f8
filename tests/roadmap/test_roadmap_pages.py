"""The roadmap as a reader sees it without JavaScript: the journey, the lens, stage pages with
previous/next links, the recommendations listing and the print view."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from home.factories import PrincipleFactory, locale, translate
from roadmap.factories import CompleteRoadmap, RecommendationFactory
from roadmap.models import Recommendation, RoadmapPage, RoadmapStagePage, SelfAssessmentPage

# Tests build the roadmap with roadmap.factories (the `built_roadmap`, `roadmap` and `stages`
# fixtures); one test checks the demo site's own content.
pytestmark = pytest.mark.django_db

ARABIC_STAGES = ["مرحلة الوعي", "مرحلة الحساسية", "مرحلة المعرفة", "مرحلة الاستجابة"]


def html(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def in_arabic(term, **fields):
    """A snippet (a term, a recommendation) copied into Arabic with `fields`, as a translator
    would: published where it has drafts."""
    translated = term.copy_for_translation(locale("ar"))
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    if hasattr(translated, "save_revision"):
        translated.save_revision().publish()
    return translated


def arabic_roadmap(built: CompleteRoadmap, **fields) -> RoadmapPage:
    """The roadmap and its four stages translated into Arabic, each stage with one indicator."""
    page = translate(built.page, "ar", title="خريطة طريق للاختبار", **fields)
    for stage, title in zip(built.stages, ARABIC_STAGES, strict=True):
        translate(stage, "ar", title=title, indicators=[("indicator", f"علامة على {title}.")])
    return page


def test_roadmap_shows_every_stage_in_journey_order(client, roadmap):
    page = html(client, roadmap.url)
    positions = [
        page.index(title)
        for title in ["Trauma-aware", "Trauma-sensitive", "Trauma-informed", "Trauma-responsive"]
    ]
    assert positions == sorted(positions)
    assert "What to do: Implementers" in page and "What to do: The VRU" in page


def test_the_audience_lens_shows_only_that_audiences_actions(client, roadmap):
    page = html(client, f"{roadmap.url}?audience=system-leaders")
    assert "What to do: System leaders" in page
    assert "What to do: Implementers" not in page
    assert "System leaders act at the trauma-aware stage." in page
    assert "Implementers act at the trauma-aware stage." not in page
    assert '<option value="system-leaders" selected>' in page


def test_the_stage_choice_shows_only_that_stage(client, roadmap):
    page = html(client, f"{roadmap.url}?stage=trauma-informed")
    assert 'id="stage-trauma-informed"' in page
    assert 'id="stage-trauma-aware"' not in page
    assert "A sign of a trauma-informed organisation." in page
    assert "A sign of a trauma-aware organisation." not in page


def test_the_sector_lens_hides_recommendations_for_other_sectors(client, built_roadmap):
    policing, education = built_roadmap.sectors[0], built_roadmap.sectors[2]
    assert (policing.slug, education.slug) == ("policing", "education")
    RecommendationFactory(
        title="A recommendation only for schools",
        stages=[built_roadmap.stages[0]],
        sectors=[education],
    )
    url = built_roadmap.page.url
    assert "A recommendation only for schools" in html(client, f"{url}?sector=education")
    assert "A recommendation only for schools" not in html(client, f"{url}?sector=policing")
    # Recommendations with no sectors apply to everyone.
    assert "The VRU at the trauma-aware stage" in html(client, f"{url}?sector=policing")


def test_an_unknown_lens_value_is_explained_not_an_error(client, roadmap):
    page = html(client, f"{roadmap.url}?audience=astronauts&stage=%3Cscript%3E")
    assert "We did not recognise the audience in the address" in page
    assert "<script>" not in page
    assert "Trauma-responsive" in page


def test_stage_pages_link_to_the_previous_and_next_stage(client, stages):
    aware, sensitive, informed, responsive = stages
    assert aware.url == "/en-gb/roadmap/trauma-aware/"
    first = html(client, aware.url)
    assert 'rel="next"' in first and 'rel="prev"' not in first
    assert f'href="{sensitive.url}" rel="next"' in first
    middle = html(client, informed.url)
    assert f'href="{sensitive.url}" rel="prev"' in middle
    assert f'href="{responsive.url}" rel="next"' in middle
    last = html(client, responsive.url)
    assert 'rel="prev"' in last and 'rel="next"' not in last
    assert "Stage 4 of 4" in last


def test_stage_page_shows_indicators_actions_questions_and_its_recommendations(client, stages):
    page = html(client, stages[1].url)
    assert "What it looks like" in page
    assert "A sign of a trauma-sensitive organisation." in page
    assert "Implementers act at the trauma-sensitive stage." in page
    assert "Questions to reflect on" in page
    assert "What does being trauma-sensitive ask of us?" in page
    assert "Recommendations for this stage" in page
    assert "The VRU at the trauma-sensitive stage" in page  # tagged trauma-sensitive
    assert "The VRU at the trauma-aware stage" not in page  # tagged trauma-aware only


def test_stage_page_hides_the_recommendations_section_when_none_are_tagged(client, stages):
    Recommendation.objects.filter(stages=stages[3]).delete()
    page = html(client, stages[3].url)
    assert "Recommendations for this stage" not in page


def test_recommendations_listing_filters_and_audience_views(client, built_roadmap):
    url = f"{built_roadmap.page.url}recommendations/"
    assert url == "/en-gb/roadmap/recommendations/"
    assert "12 recommendations" in html(client, url)
    vru = html(client, f"{url}vru/")
    assert "Recommendations for The VRU" in vru
    assert "The VRU at the trauma-aware stage" in vru
    assert "Implementers at the trauma-aware stage" not in vru
    # Under the workforce driver: the trauma-sensitive stage's, and this one.
    RecommendationFactory(
        title="Workforce wellbeing, when trauma-informed",
        driver=built_roadmap.drivers[1],
        stages=[built_roadmap.stages[2]],
    )
    filtered = html(client, f"{url}?driver=workforce-wellbeing&stage=trauma-informed")
    assert "Workforce wellbeing, when trauma-informed" in filtered
    assert "Implementers at the trauma-sensitive stage" not in filtered  # another stage
    assert "Implementers at the trauma-informed stage" not in filtered  # another driver


def test_an_unknown_audience_view_is_not_found(client, roadmap):
    assert client.get(f"{roadmap.url}recommendations/astronauts/").status_code == 404


def test_each_recommendation_has_a_stable_anchor(client, roadmap):
    page = html(client, f"{roadmap.url}recommendations/")
    assert 'id="recommendation-implementers-trauma-aware"' in page
    assert 'href="#recommendation-implementers-trauma-aware"' in page


def test_print_view_shows_the_whole_roadmap_on_one_page(client, roadmap):
    page = html(client, f"{roadmap.url}print/")
    for indicator in [
        "A sign of a trauma-aware organisation.",
        "A sign of a trauma-responsive organisation.",
    ]:
        assert indicator in page
    assert "Questions to reflect on" in page
    assert "print-view" in page


def test_arabic_roadmap_is_right_to_left_and_translated(client, built_roadmap):
    in_arabic(
        built_roadmap.drivers[0],
        name="القيادة والثقافة",
        description="وصف عربي لمحرك التغيير، كُتب للاختبار.",
    )
    body = [("drivers_of_change", {"heading": "محركات التغيير", "introduction": ""})]
    roadmap = arabic_roadmap(built_roadmap, body=body)
    assert roadmap.url == "/ar/roadmap/"
    page = html(client, roadmap.url)
    assert 'dir="rtl"' in page
    assert "خريطة طريق للاختبار" in page
    assert ARABIC_STAGES[0] in page
    assert "محركات التغيير" in page  # the drivers of change block, with Arabic descriptions
    assert "وصف عربي لمحرك التغيير، كُتب للاختبار." in page
    stage = html(client, "/ar/roadmap/trauma-aware/")
    assert f"علامة على {ARABIC_STAGES[0]}." in stage
    assert 'href="/ar/roadmap/trauma-sensitive/" rel="next"' in stage


def test_roadmap_blocks_render_live_content(client, built_roadmap):
    PrincipleFactory(name="A principle made for a test")
    roadmap = built_roadmap.page
    roadmap.body = [
        ("drivers_of_change", {"heading": "Drivers of change", "introduction": ""}),
        ("principles", {"heading": "The six principles", "introduction": ""}),
    ]
    roadmap.save_revision().publish()
    page = html(client, roadmap.url)
    assert "Drivers of change" in page and "Leadership and culture" in page
    assert "The six principles" in page and "A principle made for a test" in page


def _add_recommendations(count: int, stage) -> None:
    from home.caching import invalidate
    from roadmap.factories import RecommendationFactory

    built = RecommendationFactory.build_batch(count)
    created = Recommendation.objects.bulk_create(built)
    Through = Recommendation.stages.through
    Through.objects.bulk_create(
        [Through(recommendation=item, roadmapstagepage=stage) for item in created]
    )
    invalidate()  # what saving one in the admin does (bulk_create sends no signals)


def _queries(client, url: str) -> tuple[int, int]:
    """Queries for the first (cold) request, and for the next (warm) one."""
    counts = []
    for _attempt in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        assert "Example recommendation" in response.content.decode()
        counts.append(len(captured))
    return counts[0], counts[1]


@pytest.mark.parametrize(
    "url",
    [
        "/en-gb/roadmap/",
        "/en-gb/roadmap/?audience=implementers&sector=policing",
        "/en-gb/roadmap/trauma-aware/",
        "/en-gb/roadmap/recommendations/",
        "/ar/roadmap/",
        "/ar/roadmap/trauma-aware/",
    ],
)
def test_query_count_stays_the_same_with_10_or_500_recommendations(client, built_roadmap, url):
    stages = built_roadmap.stages
    arabic_roadmap(built_roadmap)
    client.get(url)  # fill the site-wide caches (site, navigation), as on a running server
    _add_recommendations(10, stages[0])
    cold_ten, warm_ten = _queries(client, url)
    _add_recommendations(490, stages[0])
    cold_five_hundred, warm_five_hundred = _queries(client, url)
    assert cold_ten == cold_five_hundred
    assert warm_ten == warm_five_hundred
    assert warm_five_hundred <= 12


def test_stage_order_follows_page_order(client, roadmap, stages):
    # Editors reorder stages by moving pages: the journey follows.
    stages[3].move(stages[0], pos="left")
    page = html(client, roadmap.url)
    assert page.index("Trauma-responsive") < page.index("Trauma-aware")
    assert RoadmapStagePage.objects.count() == 4


def test_arabic_pages_show_translated_recommendations(client, built_roadmap):
    arabic_roadmap(built_roadmap)
    vru_aware = built_roadmap.recommendations[2]
    assert vru_aware.title == "The VRU at the trauma-aware stage"
    in_arabic(vru_aware, title="توصية للوحدة في مرحلة الوعي")
    page = html(client, "/ar/roadmap/recommendations/vru/")
    assert "توصية للوحدة في مرحلة الوعي" in page
    assert "The VRU at the trauma-aware stage" not in page
    assert "The VRU at the trauma-sensitive stage" in page  # not translated: in English


def test_untranslated_recommendations_are_marked_as_english_on_arabic_pages(client, built_roadmap):
    arabic_roadmap(built_roadmap)
    RecommendationFactory(title="Not yet translated", stages=[built_roadmap.stages[0]])
    page = html(client, "/ar/roadmap/trauma-aware/")
    # Linked to the listing filtered by its stage and audience, where it is on the first page.
    assert re.search(
        r'<li lang="en-gb"><a href="/ar/roadmap/recommendations/\?audience=[\w-]+&amp;stage=[^"#]+'
        r"#recommendation-",
        page,
    )


# Demo content truth: every string the demo writes has its Arabic translation in the demo.
@pytest.mark.usefixtures("demo_site")
def test_the_demo_translates_every_roadmap_string_into_arabic():
    from home.demo.builder import Demo
    from roadmap.demo import ARABIC, RECOMMENDATIONS_ARABIC, ROADMAP_BODY_STRINGS

    default = Locale.get_default()
    roadmap = RoadmapPage.objects.get(locale=default)
    stages = RoadmapStagePage.objects.filter(locale=default).order_by("path")
    assessment = SelfAssessmentPage.objects.get(locale=default)
    demo = Demo(home=roadmap.get_parent(), report=print)
    strings = {**ARABIC, **ROADMAP_BODY_STRINGS}
    for page in [roadmap, *stages, assessment]:
        assert demo.missing_strings(page, strings) == [], page
    for recommendation in Recommendation.objects.filter(locale=roadmap.locale):
        assert demo.missing_strings(recommendation, RECOMMENDATIONS_ARABIC) == []


def test_every_roadmap_block_renders_its_preview(stages):
    from roadmap.blocks import RoadmapStoryBlock

    roadmap_blocks = [
        "journey",
        "audience_actions",
        "principles",
        "drivers_of_change",
        "recommendations",
        "reflective_questions",
    ]
    stream = RoadmapStoryBlock()
    for name in roadmap_blocks:
        block = stream.child_blocks[name]
        assert block.meta.description and block.meta.icon and block.meta.template, name
        rendered = block.render(block.get_preview_value())
        assert len(rendered.strip()) > 40, name
    journey = stream.child_blocks["journey"]
    assert "<details" in journey.render(journey.get_preview_value())
