"""The self-assessment: the result from the answers in the address, bad links explained, the
anonymous London baseline and what editors see of it."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from wagtail.models import Locale

from home.factories import served_stamp
from home.models import Borough, Sector
from roadmap.factories import RecommendationFactory
from roadmap.models import BaselineEntry
from roadmap.views import BASELINE_FORM
from tests.roadmap.conftest import ALL_FIRST, MIXED

# The eight-question self-assessment of roadmap.factories.complete_roadmap().
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_roadmap")]

FORM = "/en-gb/roadmap/self-assessment/"
RESULT = "/en-gb/roadmap/self-assessment/result/"


def test_form_groups_questions_by_driver_with_fieldsets(client):
    page = client.get(FORM).content.decode()
    assert page.count("<fieldset") == 8
    assert page.count('type="radio"') == 32
    assert "<h2" in page and "Leadership and culture" in page
    assert f'action="{RESULT}"' in page and 'method="get"' in page


def test_result_gives_the_stage_overall_and_by_driver_with_next_steps(client):
    response = client.get(f"{RESULT}?{MIXED}&audience=implementers")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your result: Trauma-sensitive" in page
    assert "Next steps: towards Trauma-informed" in page
    # Next stage's actions for the chosen audience only.
    assert "Implementers act at the trauma-informed stage." in page
    assert "System leaders act at the trauma-informed stage." not in page
    assert "Implementers act at the trauma-sensitive stage." not in page
    # Next stage's recommendations for that audience only.
    assert "Implementers at the trauma-informed stage" in page
    assert "The VRU at the trauma-informed stage" not in page
    assert "Implementers at the trauma-sensitive stage" not in page
    # Stage per driver: workforce answers 3 and 2 average to stage 2 (rounded down).
    assert re.search(r"Workforce wellbeing</th><td>Trauma-sensitive", page)


def test_result_at_the_first_and_last_stage(client):
    assert "Your result: Trauma-aware" in client.get(f"{RESULT}?{ALL_FIRST}").content.decode()
    last = "&".join(f"q{n}=4" for n in range(1, 9))
    page = client.get(f"{RESULT}?{last}").content.decode()
    assert "Your result: Trauma-responsive" in page
    assert "Next steps: keep going" in page


def test_the_result_link_holds_only_the_answers(client):
    page = client.get(f"{RESULT}?{MIXED}").content.decode()
    assert f'value="http://testserver{RESULT}?{MIXED.replace("&", "&amp;")}"' in page
    assert client.get(f"{RESULT}?{MIXED}").cookies == {}


@pytest.mark.parametrize(
    "query",
    [
        "q1=9&q2=1&q3=1&q4=1&q5=1&q6=1&q7=1&q8=1",
        "q1=abc&q2=1&q3=1&q4=1&q5=1&q6=1&q7=1&q8=1",
        "q1=-1&q2=1&q3=1&q4=1&q5=1&q6=1&q7=1&q8=1",
        "q1=1%27%3B--&q2=1",
        "q1=" + "9" * 400,
    ],
)
def test_a_tampered_result_link_gets_a_clear_message_not_an_error(client, query):
    response = client.get(f"{RESULT}?{query}")
    assert response.status_code == 400
    page = response.content.decode()
    assert "This result link has been changed or is out of date" in page
    assert 'type="radio"' in page  # the form, to answer again


def test_unanswered_questions_are_listed_and_linked(client):
    response = client.get(f"{RESULT}?q1=2&q2=3")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Some questions have no answer" in page
    assert 'href="#q3-1"' in page and 'href="#q8-1"' in page
    assert 'id="q1-2" name="q1" value="2" checked' in page  # answers kept


def test_change_your_answers_reopens_the_form_with_them(client):
    page = client.get(f"{FORM}?{MIXED}").content.decode()
    assert 'id="q3-3" name="q3" value="3" checked' in page


def _token(client, query: str = MIXED) -> str:
    page = client.get(f"{RESULT}?{query}").content.decode()
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


def _post(client, assessment, data, origin="http://testserver"):
    headers = {"HTTP_ORIGIN": origin} if origin else {}
    data = {**served_stamp(BASELINE_FORM), **data}  # posted by a person, a minute later
    return client.post(f"/en-gb/roadmap-baseline/{assessment.pk}/", data, **headers)


def _answers(query: str) -> dict:
    return dict(pair.split("=") for pair in query.split("&"))


def test_adding_a_result_to_the_baseline_stores_only_stages_sector_and_borough(client, assessment):
    data = {**_answers(MIXED), "token": _token(client), "sector": "health", "borough": "lambeth"}
    response = _post(client, assessment, data)
    assert response.status_code == 303
    assert response["Location"].endswith("added=1#baseline")
    entry = BaselineEntry.objects.get()
    assert entry.overall_stage.slug == "trauma-sensitive"
    assert entry.sector.slug == "health" and entry.borough.slug == "lambeth"
    assert entry.driver_stages["workforce-wellbeing"] == "trauma-sensitive"
    assert "Your result has been added" in client.get(response["Location"]).content.decode()


def test_a_double_submitted_result_is_added_once(client, assessment):
    data = {**_answers(MIXED), "token": _token(client), "sector": "health"}
    assert _post(client, assessment, data).status_code == 303
    assert _post(client, assessment, data).status_code == 303
    assert BaselineEntry.objects.count() == 1


def test_a_post_from_another_site_is_refused(client, assessment):
    data = {**_answers(MIXED), "token": _token(client)}
    refused = _post(client, assessment, data, origin="https://evil.example")
    assert refused.status_code == 403
    assert "This form must be sent from our website" in refused.content.decode()
    assert _post(client, assessment, data, origin=None).status_code == 403
    assert BaselineEntry.objects.count() == 0


def test_a_tampered_baseline_post_is_refused_with_a_message(client, assessment):
    data = {**_answers(MIXED), "q1": "7", "token": _token(client)}
    response = _post(client, assessment, data)
    assert response.status_code == 400
    assert "incomplete or had been changed" in response.content.decode()
    forged = {**_answers(MIXED), "token": "forged"}
    assert _post(client, assessment, forged).status_code == 400
    assert BaselineEntry.objects.count() == 0


def _add_entries(count: int, sector_slug: str, borough_slug: str, stage) -> None:
    default = Locale.get_default()
    sector = Sector.objects.get(locale=default, slug=sector_slug)
    borough = Borough.objects.get(locale=default, slug=borough_slug)
    for _n in range(count):
        BaselineEntry.objects.create(
            overall_stage=stage,
            sector=sector,
            borough=borough,
            submission_key=f"{sector_slug}-{borough_slug}-{_n}",
        )


def test_public_summary_shows_only_groups_of_at_least_five(client, stages):
    assert settings.BASELINE_MIN_GROUP_SIZE == 5
    _add_entries(5, "health", "lambeth", stages[1])
    _add_entries(3, "policing", "camden", stages[0])
    _add_entries(2, "education", "hackney", stages[0])
    page = client.get("/en-gb/roadmap/self-assessment/baseline/").content.decode()
    assert "<caption>Health</caption>" in page
    assert "<caption>Lambeth</caption>" in page
    assert "Policing" not in page.split("By sector")[1]
    assert "<caption>Camden</caption>" not in page
    assert "2 sectors are not shown because they have too few results." in page
    assert "<caption>All of London</caption>" in page


def test_a_shown_group_is_hidden_too_when_london_minus_it_would_reveal_a_few(client, stages):
    # All of London (9) minus Health (5) would give away the 4 in Policing.
    _add_entries(5, "health", "lambeth", stages[1])
    _add_entries(4, "policing", "camden", stages[0])
    page = client.get("/en-gb/roadmap/self-assessment/baseline/").content.decode()
    assert "<caption>All of London</caption>" in page
    assert "<caption>Health</caption>" not in page
    assert "<caption>Lambeth</caption>" not in page
    assert "2 sectors are not shown because they have too few results." in page


def test_public_summary_hides_everything_below_five(client, stages):
    _add_entries(4, "health", "lambeth", stages[1])
    page = client.get("/en-gb/roadmap/self-assessment/baseline/").content.decode()
    assert "Not enough results have been added yet" in page
    assert "<caption>Lambeth</caption>" not in page


def test_editors_see_the_whole_aggregate_in_the_admin(client, editor, stages):
    _add_entries(2, "policing", "camden", stages[0])
    client.force_login(editor)
    response = client.get("/admin/roadmap/baseline/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "London baseline" in page
    assert "Policing (2)" in page and "Camden (2)" in page
    reports = client.get("/admin/").content.decode()
    assert "/admin/roadmap/baseline/" in reports


def test_readers_cannot_see_the_admin_aggregate(client):
    response = client.get("/admin/roadmap/baseline/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_next_stage_lists_its_first_recommendations_and_links_to_the_rest(
    client, built_roadmap
):
    informed = built_roadmap.stages[2]
    implementers = built_roadmap.audiences[0]
    for number in range(12):
        RecommendationFactory(
            title=f"Next-stage recommendation {number:02}", audience=implementers, stages=[informed]
        )
    page = client.get(f"{RESULT}?{MIXED}&audience={implementers.slug}").content.decode()
    shown = re.findall(r"Next-stage recommendation \d\d", page)
    assert 0 < len(shown) <= 6, "a bounded number, whatever the stage has"
    link = re.search(r'<a href="([^"]+)">See all (\d+) recommendations for this stage</a>', page)
    assert link, "the rest are a link away"
    assert int(link.group(2)) >= 12
    listing = client.get(link.group(1).replace("&amp;", "&"))
    assert listing.status_code == 200
    assert f"{link.group(2)} recommendations" in listing.content.decode()
