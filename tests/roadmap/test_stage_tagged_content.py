"""A stage page shows, without editor effort, the case studies and events tagged with it."""

from __future__ import annotations

import pytest

from casestudies.factories import CaseStudyPageFactory
from events.factories import EventPageFactory

pytestmark = pytest.mark.django_db


def test_stage_page_lists_its_case_studies_and_upcoming_events(client, stages):
    sensitive, informed = stages[1], stages[2]
    CaseStudyPageFactory(title="Calmer waiting rooms & first letters", stage=sensitive)
    CaseStudyPageFactory(title="A case study at the next stage", stage=informed)
    EventPageFactory(title="A supervision workshop for this stage", stages=[sensitive])
    EventPageFactory(title="A workshop that has happened", stages=[sensitive], days_ahead=-3)
    EventPageFactory(title="A workshop for the next stage", stages=[informed])
    html = client.get(sensitive.url).content.decode()
    assert "Promising practice at this stage" in html
    assert "Calmer waiting rooms &amp; first letters" in html
    assert "A case study at the next stage" not in html
    assert "Events for this stage" in html
    assert "A supervision workshop for this stage" in html
    assert "A workshop that has happened" not in html
    assert "A workshop for the next stage" not in html


def test_a_newly_tagged_event_appears_on_the_stage_page_once_published(client, stages):
    aware = stages[0]
    event = EventPageFactory(title="A round table for system leaders")
    assert event.title not in client.get(aware.url).content.decode()
    event.stages.add(aware)
    event.save_revision().publish()
    assert event.title in client.get(aware.url).content.decode()


def test_sections_with_nothing_tagged_are_hidden(client, stages):
    responsive = stages[3]
    case = CaseStudyPageFactory(title="Learning across the partnership", stage=responsive)
    event = EventPageFactory(title="A partnership learning day", stages=[responsive])
    html = client.get(responsive.url).content.decode()
    assert "Promising practice at this stage" in html and "Events for this stage" in html
    # Editors untag them.
    case.stage = None
    case.save_revision().publish()
    event.stages.remove(responsive)
    event.save_revision().publish()
    html = client.get(responsive.url).content.decode()
    assert "Promising practice at this stage" not in html
    assert "Events for this stage" not in html
