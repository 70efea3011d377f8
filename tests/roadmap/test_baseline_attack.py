"""The London baseline cannot be forged or stuffed to reveal a small group.

The attack as it was run: one organisation's result sits alone in a sector, hidden because the
group is smaller than BASELINE_MIN_GROUP_SIZE. Four posts with made-up 32-character tokens
used to add four entries to that sector, so the group was shown and the attacker, knowing
their own four, read off the organisation's stage. Now tokens are issued by the server for one
result and signed, each adds one entry at most, and entries are throttled per address.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from django.utils.crypto import get_random_string
from freezegun import freeze_time

from home.factories import served_stamp
from roadmap.baseline import BASELINE_THROTTLE, forget_summary
from roadmap.models import BaselineEntry
from roadmap.views import BASELINE_FORM
from tests.roadmap.conftest import ALL_FIRST, MIXED

# The roadmap, its stages and self-assessment, with sectors and boroughs (roadmap.factories).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_roadmap")]

RESULT = "/en-gb/roadmap/self-assessment/result/"
SUMMARY = "/en-gb/roadmap/self-assessment/baseline/"
PER_ADDRESS = BASELINE_THROTTLE.per_address[0].count


def _token(client, query: str = MIXED) -> str:
    page = client.get(f"{RESULT}?{query}").content.decode()
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


def _answers(query: str) -> dict:
    return dict(pair.split("=") for pair in query.split("&"))


def _add(client, assessment, token: str, address: str, query: str = MIXED, sector="policing"):
    data = {**_answers(query), "token": token, "sector": sector, "borough": "camden"}
    data.update(served_stamp(BASELINE_FORM))  # posted by a person, a minute later
    return client.post(
        f"/en-gb/roadmap-baseline/{assessment.pk}/",
        data,
        HTTP_ORIGIN="http://testserver",
        REMOTE_ADDR=address,
    )


def _policing_is_shown(client) -> bool:
    page = client.get(SUMMARY).content.decode()
    return "<caption>Policing</caption>" in page or "<caption>Camden</caption>" in page


def test_forged_tokens_never_reveal_a_small_group(client, assessment):
    assert settings.BASELINE_MIN_GROUP_SIZE == 5
    assert _add(client, assessment, _token(client), "198.51.100.1").status_code == 303
    # Four forged posts, each from its own address so that throttling is not what stops them.
    for n in range(4):
        forged = get_random_string(32)
        response = _add(client, assessment, forged, f"203.0.113.{n + 1}")
        assert response.status_code == 400
        assert "incomplete or had been changed" in response.content.decode()
    assert BaselineEntry.objects.count() == 1
    assert not _policing_is_shown(client)


def test_a_token_adds_one_entry_however_often_it_is_sent(client, assessment):
    token = _token(client)
    statuses = [
        _add(client, assessment, token, f"203.0.113.{n + 10}").status_code for n in range(5)
    ]
    assert statuses == [303] * 5  # a resent form still sees its result
    assert BaselineEntry.objects.count() == 1
    assert not _policing_is_shown(client)


def test_a_token_is_only_good_for_the_result_it_was_issued_for(client, assessment):
    token = _token(client, MIXED)
    assert _add(client, assessment, token, "203.0.113.20", query=ALL_FIRST).status_code == 400
    tampered = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    assert _add(client, assessment, tampered, "203.0.113.21").status_code == 400
    assert BaselineEntry.objects.count() == 0


def test_an_old_token_asks_the_reader_to_open_their_result_again(client, assessment):
    with freeze_time(timezone.now() - timedelta(days=2)):
        token = _token(client)
    response = _add(client, assessment, token, "203.0.113.30")
    assert response.status_code == 400
    assert "opened too long ago" in response.content.decode()
    assert BaselineEntry.objects.count() == 0


def test_stuffing_with_fresh_tokens_from_one_address_is_throttled(client, assessment):
    assert PER_ADDRESS < settings.BASELINE_MIN_GROUP_SIZE - 1
    assert _add(client, assessment, _token(client), "198.51.100.2").status_code == 303
    statuses = [
        _add(client, assessment, _token(client), "203.0.113.40").status_code for _ in range(6)
    ]
    assert statuses == [303] * PER_ADDRESS + [429] * (6 - PER_ADDRESS)
    assert BaselineEntry.objects.count() == 1 + PER_ADDRESS
    assert not _policing_is_shown(client)
    refused = _add(client, assessment, _token(client), "203.0.113.40")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "<h1>Too many attempts</h1>" in refused.content.decode()


def test_the_summary_is_read_once_and_forgotten_when_an_entry_arrives(
    client, assessment, django_assert_num_queries
):
    for n in range(5):
        assert _add(client, assessment, _token(client), f"198.51.100.{n + 50}").status_code == 303
    first = client.get(SUMMARY).content.decode()
    assert "<caption>Policing</caption>" in first
    with django_assert_num_queries(0):  # served from the cache
        cached = BaselineEntry.summary(assessment.locale_id, settings.BASELINE_MIN_GROUP_SIZE)
    assert cached["total"] == 5
    assert _add(client, assessment, _token(client), "198.51.100.60").status_code == 303
    assert (
        BaselineEntry.summary(assessment.locale_id, settings.BASELINE_MIN_GROUP_SIZE)["total"] == 6
    )


def _entries(stage, sector, count: int) -> list[BaselineEntry]:
    return [
        BaselineEntry(overall_stage=stage, sector=sector, submission_key=get_random_string(40))
        for _ in range(count)
    ]


def test_subtracting_the_shown_groups_from_london_never_reveals_a_hidden_few(
    assessment, built_roadmap
):
    first, last = built_roadmap.stages[0], built_roadmap.stages[-1]
    policing, health = built_roadmap.sectors[:2]
    # Five organisations in one sector, and a single one alone in another: before, the
    # "All of London" table minus the shown sector gave away the single one's stage.
    BaselineEntry.objects.bulk_create(_entries(first, policing, 5) + _entries(last, health, 1))
    summary = BaselineEntry.summary(assessment.locale_id, settings.BASELINE_MIN_GROUP_SIZE)
    assert summary["total"] == 6
    assert summary["groups"]["sector"]["shown"] == []
    assert summary["groups"]["sector"]["hidden"] == 2

    # With enough in the second sector too, both are shown and nothing is left to subtract.
    BaselineEntry.objects.bulk_create(_entries(last, health, 4))
    forget_summary()
    summary = BaselineEntry.summary(assessment.locale_id, settings.BASELINE_MIN_GROUP_SIZE)
    assert [group["total"] for group in summary["groups"]["sector"]["shown"]] == [5, 5]
