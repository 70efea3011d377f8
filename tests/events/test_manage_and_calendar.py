"""The private manage link, calendar files, the feed and the event's structured data."""

from __future__ import annotations

import json
import re
import time
from datetime import timedelta

import icalendar
import pytest
from django.core import signing
from django.utils import timezone
from freezegun import freeze_time

from events import services
from events.factories import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from events.links import SALT, manage_path
from events.models import EventPage, Registration
from home.factories import home_page, translate

pytestmark = pytest.mark.django_db

ORIGIN = {"HTTP_ORIGIN": "http://localhost"}


@pytest.fixture
def client(client):
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.fixture
def registration():
    event = EventPageFactory(slug="manage-me", mode=EventPage.Mode.ONLINE)
    return services.sign_up(event, {"name": "Mo", "email": "mo@example.org"}, "en-gb").registration


def test_the_manage_page_shows_the_sign_up_and_the_joining_link(client, registration):
    response = client.get(manage_path(registration))
    assert response.status_code == 200
    content = response.content.decode()
    assert "mo@example.org" in content
    assert "https://meet.example.org/private-room" in content
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert not response.cookies


def test_a_waiting_person_does_not_see_the_joining_link(client):
    event = EventPageFactory(slug="no-link-when-waiting", capacity=1, mode=EventPage.Mode.ONLINE)
    services.sign_up(event, {"name": "A", "email": "a@example.org"}, "en-gb")
    waiting = services.sign_up(event, {"name": "B", "email": "b@example.org"}, "en-gb").registration
    content = client.get(manage_path(waiting)).content.decode()
    assert "number 1 on the list" in content
    assert "private-room" not in content


def test_a_tampered_link_gets_a_clear_page(client, registration):
    path = manage_path(registration)
    response = client.get(path.replace("/my-sign-up/", "/my-sign-up/x"))
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert client.get("/en-gb/my-sign-up/nonsense/").status_code == 400


class SignerFromTwoDaysAgo(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 2 * 24 * 60 * 60)


def test_an_expired_link_gets_a_clear_page(client, registration, settings):
    settings.SIGNUP_MANAGE_LINK_MAX_AGE_DAYS = 1
    signed = SignerFromTwoDaysAgo(salt=SALT).sign(registration.manage_token)
    response = client.get(f"/en-gb/my-sign-up/{signed}/")
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


def test_the_link_stops_working_a_month_after_the_event(client, registration):
    EventPage.objects.filter(pk=registration.event_id).update(
        start=timezone.now() - timedelta(days=40), end=timezone.now() - timedelta(days=40)
    )
    assert client.get(manage_path(registration)).status_code == 410


def test_updating_needs_and_cancelling_from_the_manage_page(client, registration):
    path = manage_path(registration)
    response = client.post(path, {"action": "needs", "dietary_needs": "Halal"}, **ORIGIN)
    assert response.status_code == 200
    assert "Tick the box to let us store your dietary needs" in response.content.decode()
    response = client.post(
        path, {"action": "needs", "dietary_needs": "Halal", "dietary_needs_consent": "on"}, **ORIGIN
    )
    assert response.status_code == 303
    registration.refresh_from_db()
    assert registration.dietary_needs == "Halal"
    response = client.post(path, {"action": "cancel", "confirm": "on"}, **ORIGIN)
    assert response.status_code == 303
    assert "Your sign-up is cancelled" in client.get(response["Location"]).content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_a_cross_origin_cancel_is_refused(client, registration):
    response = client.post(
        manage_path(registration),
        {"action": "cancel", "confirm": "on"},
        HTTP_ORIGIN="https://attacker.example",
    )
    assert response.status_code == 403
    assert (
        "only accept this form when it is sent from a page of this website"
        in response.content.decode()
    )
    no_origin = client.post(manage_path(registration), {"action": "cancel", "confirm": "on"})
    assert no_origin.status_code == 403
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_each_event_has_a_calendar_file(client):
    event = EventPageFactory(slug="ics")
    response = client.get(f"/en-gb/event-calendar/{event.pk}.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["SUMMARY"]) == event.title
    assert entry.decoded("DTSTART") == event.start.replace(microsecond=0)
    assert "private-room" not in response.content.decode(), "the public file has no joining link"


def test_the_calendar_feed_lists_upcoming_and_latest_past_events(client):
    EventPageFactory(title="A coming workshop", days_ahead=10, is_example_content=True)
    EventPageFactory(title="A launch that happened", days_ahead=-10, is_example_content=True)
    EventPageFactory(title="A real meeting", days_ahead=5)
    response = client.get("/en-gb/event-calendar.ics")
    calendar = icalendar.Calendar.from_ical(response.content)
    titles = {str(entry["SUMMARY"]) for entry in calendar.walk("VEVENT")}
    # Example events carry the label in calendars too; real ones do not.
    assert titles == {
        "[Example] A coming workshop",
        "[Example] A launch that happened",
        "A real meeting",
    }


def test_event_pages_carry_schema_org_event_data(client):
    event = EventPageFactory(slug="schema-org", mode=EventPage.Mode.HYBRID)
    content = client.get(event.url).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    )
    assert data["@type"] == "Event"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {place["@type"] for place in data["location"]} == {"Place", "VirtualLocation"}
    assert "meet.example.org" not in json.dumps(data)


def test_the_index_lists_upcoming_then_past_events_in_both_languages(client):
    translate(home_page(), title="الرئيسية")
    translate(EventIndexPageFactory(), title="الفعاليات")
    launch = EventPageFactory(title="A launch that happened", days_ahead=-30)
    round_table = EventPageFactory(title="A round table in a small room", days_ahead=15, capacity=1)
    RegistrationFactory(event=round_table)
    workshop = EventPageFactory(title="A supervision workshop", days_ahead=10)
    translate(workshop, title="ورشة عن الإشراف")
    content = client.get("/en-gb/events/").content.decode()
    upcoming = content.index("Upcoming events")
    assert upcoming < content.index(workshop.title) < content.index(round_table.title)
    assert content.index(round_table.title) < content.index("Past events")
    assert content.index("Past events") < content.index(launch.title)
    assert "Full – join the waiting list" in content  # noqa: RUF001
    arabic = client.get("/ar/events/").content.decode()
    assert "الفعاليات القادمة" in arabic
    assert "ورشة عن الإشراف" in arabic, "translated events in Arabic"
    assert workshop.title not in arabic
    assert '<article class="card event-card" lang="en-gb" dir="ltr">' in arabic
    assert round_table.title in arabic, "untranslated events still listed"


def test_an_event_that_ends_moves_to_past_events_with_no_publish(client):
    EventIndexPageFactory()
    EventPageFactory(title="A later conference", days_ahead=20)
    soon = EventPageFactory(title="A webinar ending soon", days_ahead=0)
    content = client.get("/en-gb/events/").content.decode()
    assert soon.title in content and "Past events" not in content
    # The listing is kept in the content cache; the clock, not an editor, makes it stale.
    with freeze_time(soon.end + timedelta(minutes=1)):
        content = client.get("/en-gb/events/").content.decode()
    assert "Past events" in content
    assert content.index("Past events") < content.index(soon.title)


# Budgets are measured on the demo's events (agenda, speakers, sign-ups, translations), as the
# other page budgets are (tests/benchmarks).
@pytest.mark.usefixtures("demo_site")
@pytest.mark.parametrize(
    "url",
    [
        "/ar/events/",
        "/en-gb/events/",
        "/en-gb/events/trauma-informed-supervision-workshop/",
        "/ar/events/trauma-informed-supervision-workshop/",
    ],
)
def test_event_pages_stay_within_the_query_budget(client, url, django_assert_max_num_queries):
    client.get(url)  # warm the caches
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
