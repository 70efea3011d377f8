"""Event page types: where editors can create them, what editors must fill in, and that
translators get the text."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.segments.extract import extract_segments

from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import EventIndexPage, EventPage
from home.factories import home_page

pytestmark = pytest.mark.django_db


def test_events_live_under_the_events_index_only():
    assert EventPage.parent_page_types == ["events.EventIndexPage"]
    assert EventIndexPage.subpage_types == ["events.EventPage"]
    assert EventPage.can_create_at(EventIndexPageFactory())
    assert not EventPage.can_create_at(home_page())


def test_an_event_must_end_after_it_starts_and_have_a_venue_in_person():
    start = timezone.now() + timedelta(days=3)
    event = EventPage(
        title="Bad", slug="bad", summary="x", start=start, end=start, mode="in_person"
    )
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "The end must be after the start." in str(error.value)
    assert "Give the venue" in str(error.value)


@pytest.mark.usefixtures("demo_site")  # demo content: the events the demo itself publishes
def test_the_demo_has_the_celebration_and_upcoming_events_in_two_languages():
    english = EventPage.objects.filter(locale=Locale.get_default()).live()
    celebration = english.get(slug="celebrating-the-roadmap")
    assert celebration.start.date().isoformat() == "2025-08-28"
    assert celebration.highlights
    upcoming = [event for event in english if event.status not in ("past", "cancelled")]
    assert len(upcoming) >= 2
    assert any(event.status == "full" and event.counts["waiting"] for event in upcoming)
    arabic = EventPage.objects.filter(locale__language_code="ar").live()
    assert arabic.filter(slug="trauma-informed-supervision-workshop").exists()


def test_translators_get_the_event_text_but_not_the_private_link():
    event = EventPageFactory(summary="A practitioner workshop on supervision.")
    segments = extract_segments(event)
    texts = {
        getattr(segment, "source", None) or getattr(segment, "string", None) for segment in segments
    }
    flat = " ".join(str(text) for text in texts)
    assert "practitioner workshop" in flat
    assert "meet.example.org" not in flat


def test_editors_can_open_the_event_editor_and_preview_it(client, editor):
    client.force_login(editor)
    event = EventPageFactory()
    assert client.get(f"/admin/pages/{event.pk}/edit/").status_code == 200
    index = EventIndexPage.objects.get(locale=Locale.get_default())
    assert client.get(f"/admin/pages/add/events/eventpage/{index.pk}/").status_code == 200
    preview = client.get(f"/admin/pages/{event.pk}/edit/preview/")
    assert preview.status_code == 200


def test_every_event_block_has_an_icon_template_description_and_preview():
    from events import blocks

    for block_class in (blocks.AgendaItemBlock, blocks.SpeakerBlock):
        block = block_class()
        assert block.meta.icon and block.meta.template and block.meta.description
        assert block.meta.preview_value
        assert block.render(block.to_python(block.meta.preview_value)).strip()
