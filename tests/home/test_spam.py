"""Spam protection without a CAPTCHA (home/spam.py), on the public forms that exist: the event
sign-up and the London baseline. A bot that fills the hidden box, or posts sooner than a person
could, saves nothing and gets an ordinary-looking answer; a person who is slow, or who comes
back to a form left open, is let through, and a person who was quick sends again with nothing
lost. (A keyboard and screen-reader journey past the hidden box is in
tests/events/test_journey.py.)"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

import pytest
from django.core import signing
from django.test import override_settings
from freezegun import freeze_time

from events.factories import EventPageFactory, form_data
from events.models import OutboundEmail, Registration
from events.views import SIGN_UP
from home import spam
from home.factories import served_stamp
from roadmap.factories import complete_roadmap
from roadmap.models import BaselineEntry
from roadmap.views import BASELINE_FORM
from tests.roadmap.conftest import MIXED

pytestmark = pytest.mark.django_db

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}
STAMP_IN_PAGE = re.compile(r'name="form_started" value="([^"]+)"')


def at(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)


def sign_up(client, event, **data):
    return client.post(f"/en-gb/sign-up/{event.pk}/", form_data(**data), **ORIGIN)


def nothing_saved(event) -> bool:
    return not Registration.objects.filter(event=event).exists() and not (
        OutboundEmail.objects.exists()
    )


def test_the_sign_up_form_carries_a_hidden_box_and_a_signed_stamp(client):
    event = EventPageFactory(slug="spam-form")
    page = client.get(event.url).content.decode()
    honeypot = re.search(r'<div class="form-honeypot" aria-hidden="true">(.*?)</div>', page, re.S)
    assert honeypot, "the hidden box is hidden from screen readers"
    assert 'tabindex="-1"' in honeypot.group(1), "and left out of the keyboard order"
    assert 'autocomplete="off"' in honeypot.group(1), "and browsers are asked not to fill it"
    assert '<label for="website_address-sign-up">' in honeypot.group(1)
    stamp = STAMP_IN_PAGE.search(page).group(1)
    assert spam.check({spam.STAMP_FIELD: stamp}, SIGN_UP.name) is spam.Verdict.TOO_QUICK
    with freeze_time(at(time.time() + 5)):
        assert spam.check({spam.STAMP_FIELD: stamp}, SIGN_UP.name) is spam.Verdict.PERSON


def test_a_bot_that_fills_the_hidden_box_is_told_it_signed_up_and_nothing_is_kept(client):
    event = EventPageFactory(slug="spam-honeypot")
    response = sign_up(client, event, **{spam.HONEYPOT_FIELD: "https://spam.example"})
    assert response.status_code == 303
    assert response["Location"].endswith(f"/sign-up/{event.pk}/confirmed/"), (
        "the same answer a person gets"
    )
    assert nothing_saved(event)


@pytest.mark.parametrize(
    "stamp",
    [
        pytest.param(lambda: {}, id="no stamp"),
        pytest.param(lambda: served_stamp(SIGN_UP.name, seconds_ago=1), id="sent after 1 second"),
        pytest.param(lambda: {spam.STAMP_FIELD: "sign-up:1:forged"}, id="forged stamp"),
        pytest.param(lambda: served_stamp(BASELINE_FORM), id="another form's stamp"),
    ],
)
def test_a_post_sooner_than_a_person_could_saves_nothing_and_shows_the_form_again(client, stamp):
    event = EventPageFactory(slug="spam-quick")
    data = form_data(name="Quick Quentin", email="quentin@example.org")
    del data[spam.STAMP_FIELD]
    response = client.post(f"/en-gb/sign-up/{event.pk}/", {**data, **stamp()}, **ORIGIN)
    assert response.status_code == 200, "an ordinary page, not an error"
    content = response.content.decode()
    assert "Please check your answers and send the form again." in content
    assert 'value="Quick Quentin"' in content and 'value="quentin@example.org"' in content
    assert response["Cache-Control"] == "private, no-store", "one reader's answers, never cached"
    assert nothing_saved(event)


def test_a_person_who_was_quick_sends_again_and_nothing_is_lost(client):
    event = EventPageFactory(slug="spam-again")
    first_served = time.time()
    with freeze_time(at(first_served)):
        page = client.get(event.url).content.decode()
    stamp = STAMP_IN_PAGE.search(page).group(1)
    data = {**form_data(name="Fast Fatima", email="fatima@example.org"), spam.STAMP_FIELD: stamp}
    with freeze_time(at(first_served + 1)):  # autofill and a quick click
        again = client.post(f"/en-gb/sign-up/{event.pk}/", data, **ORIGIN).content.decode()
    assert "send the form again" in again and not Registration.objects.exists()
    assert STAMP_IN_PAGE.search(again).group(1) == stamp, (
        "the form shown again keeps the time it was first served"
    )
    with freeze_time(at(first_served + 4)):  # she checks her answers and sends again
        response = client.post(f"/en-gb/sign-up/{event.pk}/", data, **ORIGIN)
    assert response.status_code == 303
    assert Registration.objects.get(event=event).name == "Fast Fatima"


@pytest.mark.parametrize("minutes", [2, 60, 23 * 60])
def test_a_slow_person_is_let_through(client, minutes):
    event = EventPageFactory(slug=f"spam-slow-{minutes}")
    response = sign_up(client, event, **served_stamp(SIGN_UP.name, seconds_ago=minutes * 60))
    assert response.status_code == 303
    assert Registration.objects.filter(event=event).count() == 1


def test_a_form_left_open_for_days_is_sent_again_with_a_fresh_stamp(client):
    event = EventPageFactory(slug="spam-stale")
    old = served_stamp(SIGN_UP.name, seconds_ago=3 * 24 * 60 * 60)
    response = sign_up(client, event, name="Sleepy Sol", **old)
    content = response.content.decode()
    assert response.status_code == 200 and "send the form again" in content
    assert 'value="Sleepy Sol"' in content
    fresh = STAMP_IN_PAGE.search(content).group(1)
    assert fresh != old[spam.STAMP_FIELD]
    with freeze_time(at(time.time() + 10)):
        assert spam.check({spam.STAMP_FIELD: fresh}, SIGN_UP.name) is spam.Verdict.PERSON
    assert nothing_saved(event)


def test_the_minimum_time_is_a_setting(client):
    event = EventPageFactory(slug="spam-setting")
    with override_settings(FORM_MIN_FILL_SECONDS=120):
        response = sign_up(client, event, **served_stamp(SIGN_UP.name, seconds_ago=60))
    assert response.status_code == 200 and nothing_saved(event)


def test_a_cached_event_page_hands_out_a_fresh_stamp(client, settings):
    settings.FULL_PAGE_CACHE_SECONDS = 300
    event = EventPageFactory(slug="spam-cached")
    with freeze_time(at(time.time() - 120)):
        first = client.get(event.url)
    assert first.headers["X-Page-Cache"] == "miss"
    second = client.get(event.url)
    assert second.headers["X-Page-Cache"] == "hit"
    kept = STAMP_IN_PAGE.search(first.content.decode()).group(1)
    served = STAMP_IN_PAGE.search(second.content.decode()).group(1)
    assert served != kept
    signer = signing.TimestampSigner(salt=spam.SALT)
    assert signer.unsign(served, max_age=5) == SIGN_UP.name, "stamped when the reader got it"
    assert len(second.content) == len(first.content)


# --- The London baseline -------------------------------------------------------------------


@pytest.fixture
def assessment():
    return complete_roadmap().assessment


def _result_page(client) -> str:
    return client.get(f"/en-gb/roadmap/self-assessment/result/?{MIXED}").content.decode()


def _add(client, assessment, page: str, **extra):
    data = dict(pair.split("=") for pair in MIXED.split("&"))
    data["token"] = re.search(r'name="token" value="([^"]+)"', page).group(1)
    data["sector"] = "health"
    data.update(extra)
    return client.post(f"/en-gb/roadmap-baseline/{assessment.pk}/", data, **ORIGIN)


def test_the_baseline_asks_a_quick_reader_to_add_their_result_again(client, assessment):
    page = _result_page(client)
    assert '<div class="form-honeypot" aria-hidden="true">' in page
    response = _add(client, assessment, page, **{spam.STAMP_FIELD: STAMP_IN_PAGE.search(page)[1]})
    assert response.status_code == 303 and "again=1" in response["Location"]
    assert not BaselineEntry.objects.exists()
    shown = client.get(response["Location"]).content.decode()
    assert "Please check your choices and add your result again." in shown

    response = _add(client, assessment, shown, **served_stamp(BASELINE_FORM, seconds_ago=30))
    assert "added=1" in response["Location"]
    assert BaselineEntry.objects.count() == 1


def test_the_baseline_tells_a_bot_it_worked_and_keeps_nothing(client, assessment):
    page = _result_page(client)
    response = _add(
        client,
        assessment,
        page,
        **served_stamp(BASELINE_FORM),
        **{spam.HONEYPOT_FIELD: "buy now"},
    )
    assert response.status_code == 303 and "added=1" in response["Location"]
    assert not BaselineEntry.objects.exists()
