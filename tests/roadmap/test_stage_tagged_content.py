"""A stage page shows, without editor effort, the case studies and events tagged with it."""

from html import escape

import pytest
from wagtail.models import Locale

from casestudies.models import CaseStudyPage
from events.models import EventPage
from roadmap.models import RoadmapStagePage

# Demo-site tests: the demo's stage-tagged content.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def stage(slug):
    return RoadmapStagePage.objects.get(slug=slug, locale=Locale.get_default())


def test_stage_page_lists_its_case_studies_and_upcoming_events(client):
    html = client.get(stage("trauma-sensitive").url).content.decode()
    tagged_cases = CaseStudyPage.objects.live().filter(
        stage=stage("trauma-sensitive"), locale=Locale.get_default()
    )
    assert tagged_cases.exists()
    assert "Promising practice at this stage" in html
    for case in tagged_cases:
        assert escape(case.title) in html
    assert "Events for this stage" in html
    assert "Trauma-informed supervision: a practitioner workshop" in html


def test_a_newly_tagged_event_appears_on_the_stage_page_once_published(client):
    aware = stage("trauma-aware")
    event = EventPage.objects.get(
        slug="roadmap-round-table-for-system-leaders", locale=Locale.get_default()
    )
    assert event.title not in client.get(aware.url).content.decode()
    event.stages.add(aware)
    event.save_revision().publish()
    assert event.title in client.get(aware.url).content.decode()


def test_sections_with_nothing_tagged_are_hidden(client):
    responsive = stage("trauma-responsive")
    CaseStudyPage.objects.filter(stage=responsive).update(stage=None)
    for event in EventPage.objects.filter(stages=responsive):
        event.stages.remove(responsive)
        event.save_revision().publish()
    html = client.get(responsive.url).content.decode()
    assert "Promising practice at this stage" not in html
    assert "Events for this stage" not in html
