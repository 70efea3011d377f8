"""The roadmap as a reader sees it without JavaScript: the journey, the lens, stage pages with
previous/next links, the recommendations listing and the print view."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from home.models import Sector
from roadmap.models import Recommendation, RoadmapStagePage

# Demo-site tests: the demo's roadmap, stages and recommendations in both languages.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def html(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_roadmap_shows_every_stage_in_journey_order(client):
    page = html(client, "/en-gb/roadmap/")
    positions = [
        page.index(title)
        for title in ["Trauma-aware", "Trauma-sensitive", "Trauma-informed", "Trauma-responsive"]
    ]
    assert positions == sorted(positions)
    assert "What to do: Implementers" in page and "What to do: The VRU" in page


def test_the_audience_lens_shows_only_that_audiences_actions(client):
    page = html(client, "/en-gb/roadmap/?audience=system-leaders")
    assert "What to do: System leaders" in page
    assert "What to do: Implementers" not in page
    assert "Name trauma-informed practice as a priority in plans." in page
    assert "Learn the six principles together as a team." not in page
    assert '<option value="system-leaders" selected>' in page


def test_the_stage_choice_shows_only_that_stage(client):
    page = html(client, "/en-gb/roadmap/?stage=trauma-informed")
    assert 'id="stage-trauma-informed"' in page
    assert 'id="stage-trauma-aware"' not in page
    assert "Policies are checked against the six principles." in page


def test_the_sector_lens_hides_recommendations_for_other_sectors(client, stages):
    education = Sector.objects.get(locale=Locale.get_default(), slug="education")
    only_education = Recommendation.objects.create(
        locale=Locale.get_default(),
        slug="only-for-schools",
        title="A recommendation only for schools",
        audience=Recommendation.objects.first().audience,
        driver=Recommendation.objects.first().driver,
    )
    only_education.stages.set([stages[0]])
    only_education.sectors.set([education])
    only_education.save()
    assert "A recommendation only for schools" in html(client, "/en-gb/roadmap/?sector=education")
    assert "A recommendation only for schools" not in html(
        client, "/en-gb/roadmap/?sector=policing"
    )
    # Recommendations with no sectors apply to everyone; the demo ones name policing.
    assert "Build a shared language across London" in html(
        client, "/en-gb/roadmap/?sector=policing"
    )


def test_an_unknown_lens_value_is_explained_not_an_error(client):
    page = html(client, "/en-gb/roadmap/?audience=astronauts&stage=%3Cscript%3E")
    assert "We did not recognise the audience in the address" in page
    assert "<script>" not in page
    assert "Trauma-responsive" in page


def test_stage_pages_link_to_the_previous_and_next_stage(client):
    first = html(client, "/en-gb/roadmap/trauma-aware/")
    assert 'rel="next"' in first and 'rel="prev"' not in first
    assert 'href="/en-gb/roadmap/trauma-sensitive/" rel="next"' in first
    middle = html(client, "/en-gb/roadmap/trauma-informed/")
    assert 'href="/en-gb/roadmap/trauma-sensitive/" rel="prev"' in middle
    assert 'href="/en-gb/roadmap/trauma-responsive/" rel="next"' in middle
    last = html(client, "/en-gb/roadmap/trauma-responsive/")
    assert 'rel="prev"' in last and 'rel="next"' not in last
    assert "Stage 4 of 4" in last


def test_stage_page_shows_indicators_actions_questions_and_its_recommendations(client):
    page = html(client, "/en-gb/roadmap/trauma-sensitive/")
    assert "What it looks like" in page
    assert "Teams review letters, waiting areas and first contacts." in page
    assert "Questions to reflect on" in page
    assert "Recommendations for this stage" in page
    assert "Connect champions across sectors" in page  # tagged trauma-sensitive
    assert "Build a shared language across London" not in page  # tagged trauma-aware only


def test_stage_page_hides_the_recommendations_section_when_none_are_tagged(client, stages):
    Recommendation.objects.filter(stages=stages[3]).delete()
    page = html(client, "/en-gb/roadmap/trauma-responsive/")
    assert "Recommendations for this stage" not in page


def test_recommendations_listing_filters_and_audience_views(client):
    everything = html(client, "/en-gb/roadmap/recommendations/")
    assert "12 recommendations" in everything
    vru = html(client, "/en-gb/roadmap/recommendations/vru/")
    assert "Recommendations for The VRU" in vru
    assert "Build a shared language across London" in vru
    assert "Learn the six principles as a team" not in vru
    filtered = html(
        client, "/en-gb/roadmap/recommendations/?driver=workforce-wellbeing&stage=trauma-informed"
    )
    assert "Fund joint learning across borough partnerships" in filtered
    assert "Build a shared language across London" not in filtered


def test_an_unknown_audience_view_is_not_found(client):
    assert client.get("/en-gb/roadmap/recommendations/astronauts/").status_code == 404


def test_each_recommendation_has_a_stable_anchor(client):
    page = html(client, "/en-gb/roadmap/recommendations/")
    assert 'id="recommendation-shared-language"' in page
    assert 'href="#recommendation-shared-language"' in page


def test_print_view_shows_the_whole_roadmap_on_one_page(client):
    page = html(client, "/en-gb/roadmap/print/")
    for indicator in [
        "Staff can explain what trauma is and how common it is.",
        "Young people and communities help judge progress.",
    ]:
        assert indicator in page
    assert "Questions to reflect on" in page
    assert "print-view" in page


def test_arabic_roadmap_is_right_to_left_and_translated(client):
    page = html(client, "/ar/roadmap/")
    assert 'dir="rtl"' in page
    assert "خريطة الطريق" in page
    assert "الوعي بالصدمات" in page
    assert "محركات التغيير" in page  # the drivers of change block, with Arabic descriptions
    assert "يجسّد القادة قيم الممارسة الواعية بالصدمات ويفسحون لها المجال." in page
    stage = html(client, "/ar/roadmap/trauma-aware/")
    assert "يستطيع العاملون شرح معنى الصدمة ومدى شيوعها." in stage
    assert 'href="/ar/roadmap/trauma-sensitive/" rel="next"' in stage


def test_roadmap_blocks_render_live_content(client):
    page = html(client, "/en-gb/roadmap/")
    assert "Drivers of change" in page and "Leadership and culture" in page
    assert "The six principles" in page and "Inclusivity" in page


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
def test_query_count_stays_the_same_with_10_or_500_recommendations(client, stages, url):
    client.get(url)  # fill the site-wide caches (site, navigation), as on a running server
    _add_recommendations(10, stages[0])
    cold_ten, warm_ten = _queries(client, url)
    _add_recommendations(490, stages[0])
    cold_five_hundred, warm_five_hundred = _queries(client, url)
    assert cold_ten == cold_five_hundred
    assert warm_ten == warm_five_hundred
    assert warm_five_hundred <= 12


def test_stage_order_follows_page_order(client, stages):
    # Editors reorder stages by moving pages: the journey follows.
    stages[3].move(stages[0], pos="left")
    page = html(client, "/en-gb/roadmap/")
    assert page.index("Trauma-responsive") < page.index("Trauma-aware")
    assert RoadmapStagePage.objects.count() == 8


def test_arabic_pages_show_translated_recommendations(client):
    page = html(client, "/ar/roadmap/recommendations/vru/")
    assert "ابنوا لغة مشتركة في أنحاء لندن" in page
    assert "Build a shared language across London" not in page


def test_untranslated_recommendations_are_marked_as_english_on_arabic_pages(client, stages):
    from roadmap.factories import RecommendationFactory

    RecommendationFactory(title="Not yet translated", stages=[stages[0]])
    page = html(client, "/ar/roadmap/trauma-aware/")
    # Linked to the listing filtered by its stage and audience, where it is on the first page.
    assert re.search(
        r'<li lang="en-gb"><a href="/ar/roadmap/recommendations/\?audience=[\w-]+&amp;stage=[^"#]+'
        r"#recommendation-",
        page,
    )


def test_the_demo_translates_every_roadmap_string_into_arabic(roadmap, stages, assessment):
    from home.demo.builder import Demo
    from roadmap.demo import ARABIC, RECOMMENDATIONS_ARABIC, ROADMAP_BODY_STRINGS

    demo = Demo(home=roadmap.get_parent(), report=print)
    strings = {**ARABIC, **ROADMAP_BODY_STRINGS}
    for page in [roadmap, *stages, assessment]:
        assert demo.missing_strings(page, strings) == [], page
    for recommendation in Recommendation.objects.filter(locale=roadmap.locale):
        assert demo.missing_strings(recommendation, RECOMMENDATIONS_ARABIC) == []


def test_every_roadmap_block_renders_its_preview():
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
