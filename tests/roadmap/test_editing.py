"""Editors build the roadmap in the Wagtail admin: every page type, and recommendations."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.factories import home_page
from roadmap.models import Recommendation, RoadmapPage, RoadmapStagePage, SelfAssessmentPage

pytestmark = pytest.mark.django_db


def listblock(values: list) -> dict:
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index)}
        for index, value in enumerate(values)
    }
    data["count"] = str(len(values))
    return data


def add_page(client, parent, model, data: dict):
    url = reverse(
        "wagtailadmin_pages:add",
        args=[model._meta.app_label, model._meta.model_name, parent.pk],
    )
    assert client.get(url).status_code == 200
    return client.post(url, nested_form_data({**data, "action-publish": "publish"}))


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


def test_an_editor_creates_a_roadmap_page(signed_in):
    response = add_page(
        signed_in,
        home_page(),
        RoadmapPage,
        {
            "title": "Our roadmap",
            "slug": "our-roadmap",
            "introduction": "The journey.",
            "body": streamfield(
                [
                    ("journey", {"heading": "The journey", "introduction": ""}),
                    (
                        "reflective_questions",
                        {"heading": "Reflect", "questions": listblock(["Why?"])},
                    ),
                ]
            ),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = RoadmapPage.objects.get(slug="our-roadmap")
    assert page.live
    assert [block.block_type for block in page.body] == ["journey", "reflective_questions"]
    assert page.url == "/en-gb/our-roadmap/"
    assert "Why?" in signed_in.get(page.url).content.decode()


def test_an_editor_creates_a_stage_page(signed_in, roadmap):
    response = add_page(
        signed_in,
        roadmap,
        RoadmapStagePage,
        {
            "title": "Trauma-curious",
            "slug": "trauma-curious",
            "introduction": "Before awareness.",
            "indicators": streamfield([("indicator", "People ask questions about trauma.")]),
            "actions": streamfield(
                [
                    (
                        "audience_actions",
                        {"audience": "implementers", "actions": listblock(["Read the definition"])},
                    )
                ]
            ),
            "driver_summaries": streamfield(
                [
                    (
                        "driver_summary",
                        {"driver": "workforce-wellbeing", "summary": "Staff start to talk."},
                    )
                ]
            ),
            "reflective_questions": streamfield([("question", "What do we know?")]),
            "body": streamfield([]),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    stage = RoadmapStagePage.objects.get(slug="trauma-curious")
    assert stage.actions[0].value["audience"] == "implementers"
    page = signed_in.get(stage.url).content.decode()
    assert stage.url == "/en-gb/roadmap/trauma-curious/"
    assert "Read the definition" in page
    # Its summary for a driver of change shows in that driver's part of the page.
    assert 'id="driver-workforce-wellbeing"' in page
    part = page[page.index('id="driver-workforce-wellbeing"') :]
    assert "Staff start to talk." in part[:300]


def test_a_stage_page_takes_one_summary_per_driver(signed_in, roadmap, stages):
    summary = {"driver": "workforce-wellbeing", "summary": "Said once."}
    response = add_page(
        signed_in,
        roadmap,
        RoadmapStagePage,
        {
            "title": "Twice",
            "slug": "twice",
            "introduction": "",
            "indicators": streamfield([]),
            "actions": streamfield([]),
            "driver_summaries": streamfield(
                [("driver_summary", summary), ("driver_summary", summary)]
            ),
            "reflective_questions": streamfield([]),
            "body": streamfield([]),
        },
    )
    assert response.status_code == 200  # the form again, with the message
    assert "Each driver of change can have one summary on a stage." in response.content.decode()
    assert not RoadmapStagePage.objects.filter(slug="twice").exists()


def test_an_editor_creates_a_self_assessment_page(signed_in, roadmap, stages, assessment):
    # One self-assessment per roadmap: an editor replacing it deletes the old one first.
    assessment.delete()
    options = {
        str(index): {
            "value": {"label": f"Answer {index + 1}", "stage": str(stage.pk)},
            "deleted": "",
            "order": str(index),
        }
        for index, stage in enumerate(stages[:2])
    }
    options["count"] = "2"
    response = add_page(
        signed_in,
        roadmap,
        SelfAssessmentPage,
        {
            "title": "Check your progress",
            "slug": "check",
            "introduction": "",
            "result_introduction": "",
            "questions": streamfield(
                [
                    (
                        "question",
                        {
                            "driver": "leadership-and-culture",
                            "question": "Do leaders talk about trauma?",
                            "hint": "",
                            "options": options,
                        },
                    )
                ]
            ),
            "body": streamfield([]),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = signed_in.get("/en-gb/roadmap/check/result/?q1=2").content.decode()
    assert "Your result: Trauma-sensitive" in page


def test_stage_pages_can_only_be_added_under_the_roadmap(signed_in, roadmap):
    home = home_page()
    url = reverse("wagtailadmin_pages:add", args=["roadmap", "roadmapstagepage", home.pk])
    response = signed_in.get(url)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not RoadmapStagePage.can_create_at(home)
    assert RoadmapStagePage.can_create_at(roadmap)
    assert not SelfAssessmentPage.can_create_at(roadmap)  # it already has one


def test_an_editor_creates_a_recommendation(signed_in, built_roadmap):
    implementers, driver = built_roadmap.audiences[0], built_roadmap.drivers[0]
    first, second = built_roadmap.stages[:2]
    url = reverse("wagtailsnippets_roadmap_recommendation:add")
    response = signed_in.post(
        url,
        {
            "title": "Ask young people what safety means",
            "slug": "ask-young-people",
            "body": rich_text("<p>Start with a conversation.</p>"),
            "audience": implementers.pk,
            "driver": driver.pk,
            "stages": [first.pk],
            "sort_order": "0",
            "locale": first.locale_id,
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    recommendation = Recommendation.objects.get(slug="ask-young-people")
    assert recommendation.live
    assert "Ask young people what safety means" in signed_in.get(first.url).content.decode()
    assert "Ask young people what safety means" not in signed_in.get(second.url).content.decode()


def test_the_recommendation_list_filters_by_audience_in_the_admin(signed_in, built_roadmap):
    vru = built_roadmap.audiences[-1]
    assert vru.name == "The VRU"
    url = reverse("wagtailsnippets_roadmap_recommendation:list")
    page = signed_in.get(url, {"audience": vru.pk}).content.decode()
    assert "The VRU at the trauma-aware stage" in page
    assert "Implementers at the trauma-aware stage" not in page
