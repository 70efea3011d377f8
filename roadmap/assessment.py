"""The self-assessment: reading answers from the result's address, and working out the stage.

The address holds only the answers, one parameter per question (q1=2 means "question 1,
answer 2"), so a result can be shared, bookmarked, reopened and printed, and nothing about the
reader is stored. Scoring: each answer points to a stage; a group's stage (and the overall
stage) is the average of its answers' stages, rounded down, so that next steps build on what is
already firmly in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _

from home.listing import PREVIEW_SIZE
from home.models import Audience, Borough, DriverOfChange, Sector
from roadmap.baseline_token import issue_token
from roadmap.forms import TermFilterForm
from roadmap.roadmap_map import roadmap_map

if TYPE_CHECKING:
    from roadmap.models import RoadmapStagePage


@dataclass
class Option:
    number: int
    label: str
    stage_position: int | None  # index into the live stages, None if the stage is unpublished


@dataclass
class Question:
    number: int
    driver_slug: str
    text: str
    hint: str
    options: list[Option]
    chosen: int | None = None

    @property
    def name(self) -> str:
        return f"q{self.number}"


@dataclass
class Answers:
    """Answers read from an address, with what was wrong with it, if anything."""

    questions: list[Question]
    missing: list[Question] = field(default_factory=list)
    tampered: bool = False

    @property
    def complete(self) -> bool:
        return not self.missing and not self.tampered

    def query(self) -> str:
        return "&".join(f"{q.name}={q.chosen}" for q in self.questions if q.chosen)


def build_questions(page, stages: list) -> list[Question]:
    positions = {stage.translation_key: index for index, stage in enumerate(stages)}
    questions = []
    for number, block in enumerate(page.questions, start=1):
        value = block.value
        options = []
        for option_number, option in enumerate(value["options"], start=1):
            stage = option["stage"]
            options.append(
                Option(
                    number=option_number,
                    label=option["label"],
                    stage_position=positions.get(stage.translation_key) if stage else None,
                )
            )
        questions.append(
            Question(
                number=number,
                driver_slug=value["driver"],
                text=value["question"],
                hint=value["hint"],
                options=options,
            )
        )
    return questions


def read_answers(data, questions: list[Question]) -> Answers:
    """Answers from GET or POST data. A value that is not one of the question's answers means
    the address was changed or is out of date: that is reported, never raised."""
    answers = Answers(questions=questions)
    for question in questions:
        raw = (data.get(question.name) or "").strip()
        if not raw:
            answers.missing.append(question)
            continue
        # ASCII digits only: "²" is a digit to Python, but not a number int() reads.
        if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= len(question.options):
            answers.tampered = True
            continue
        question.chosen = int(raw)
    return answers


def average_position(positions: list[int]) -> int | None:
    return sum(positions) // len(positions) if positions else None


@dataclass
class Result:
    overall: RoadmapStagePage
    overall_position: int
    groups: list  # [(driver term, stage page, [question, ...]), ...]
    next_stage: RoadmapStagePage | None


def score(answers: Answers, stages: list, drivers: list) -> Result | None:
    chosen_positions: dict[str, list[int]] = {}
    everything = []
    for question in answers.questions:
        option = question.options[question.chosen - 1]
        if option.stage_position is None:
            continue
        chosen_positions.setdefault(question.driver_slug, []).append(option.stage_position)
        everything.append(option.stage_position)
    overall_position = average_position(everything)
    if overall_position is None:
        return None
    groups = []
    for driver in drivers:
        positions = chosen_positions.get(driver.slug)
        if positions:
            group_questions = [q for q in answers.questions if q.driver_slug == driver.slug]
            groups.append((driver, stages[average_position(positions)], group_questions))
    return Result(
        overall=stages[overall_position],
        overall_position=overall_position,
        groups=groups,
        next_stage=stages[overall_position + 1] if overall_position + 1 < len(stages) else None,
    )


def group_questions(questions: list[Question], drivers: list) -> list:
    """Questions under their driver of change, in the drivers' order."""
    groups = []
    for driver in drivers:
        items = [q for q in questions if q.driver_slug == driver.slug]
        if items:
            groups.append((driver, items))
    known = {driver.slug for driver in drivers}
    orphans = [q for q in questions if q.driver_slug not in known]
    if orphans:
        groups.append((None, orphans))
    return groups


def _common(page, request) -> dict:
    locale = page.locale_id
    stages = page.journey_stages()
    drivers = DriverOfChange.terms_in(locale)
    audiences = Audience.terms_in(locale)
    questions = build_questions(page, stages)
    # The reader's role (optional), read as the roadmap's filters are (roadmap/forms.py).
    audience = TermFilterForm(request.GET, {"audience": audiences}).chosen()["audience"]
    return {
        "stages": stages,
        "drivers": drivers,
        "audiences": audiences,
        "audience": audience,
        "questions": questions,
        "result_url": page.url + page.reverse_subpage("result"),
        "form_url": page.url,
        "summary_url": page.url + page.reverse_subpage("baseline_summary"),
    }


def form_context(page, request, answers: Answers | None = None) -> dict:
    context = _common(page, request) if answers is None else answers.context
    if answers is None:
        # Reopening the form from "change your answers" keeps the reader's choices.
        read_answers(request.GET, context["questions"])
    else:
        context["answers"] = answers
    context["question_groups"] = group_questions(context["questions"], context["drivers"])
    return context


def result_response(page, request):
    context = _common(page, request)
    answers = read_answers(request.GET, context["questions"])
    answers.context = context
    result = score(answers, context["stages"], context["drivers"]) if answers.complete else None
    if result is None:
        if not answers.tampered and not answers.missing:
            answers.tampered = True  # every chosen answer points to an unpublished stage
        response = page.render(request, context_overrides=form_context(page, request, answers))
        response.status_code = 400
        return response
    target = result.next_stage or result.overall
    audience = context["audience"]
    audience_map = {a.slug: a for a in context["audiences"]}
    next_actions = [
        (audience_map[block.value["audience"]], list(block.value["actions"]))
        for block in target.actions
        if block.value["audience"] in audience_map
        and (audience is None or block.value["audience"] == audience.slug)
    ]
    # The first few, and a link to the rest: the page stays the same size however many there are.
    next_recommendations = page.recommendation_summary(
        audience=audience.slug if audience else "",
        stage_key=target.translation_key,
        with_stages=False,
    )
    roadmap_url = page.url.rstrip("/").rsplit("/", 1)[0] + "/"
    # The baseline form's signed, one-time token for this result (roadmap/baseline_token.py).
    token = issue_token(page.pk, answers.query())
    context.update(
        {
            "answers": answers,
            "result": result,
            "next_actions": next_actions,
            "next_recommendations": next_recommendations.first[:PREVIEW_SIZE],
            "next_recommendations_total": next_recommendations.total,
            "next_recommendations_url": f"{roadmap_url}recommendations/?stage={target.slug}"
            + (f"&audience={audience.slug}" if audience else ""),
            "share_url": request.build_absolute_uri(
                f"{context['result_url']}?{answers.query()}"
                + (f"&audience={audience.slug}" if audience else "")
            ),
            "change_url": f"{page.url}?{answers.query()}",
            "answers_query": answers.query(),
            "baseline_token": token,
            "baseline_url": reverse("roadmap:baseline-add", args=[page.pk]),
            "sectors": Sector.terms_in(page.locale_id),
            "boroughs": Borough.terms_in(page.locale_id),
            "added": request.GET.get("added") == "1",
            "send_again": request.GET.get("again") == "1",
            # The roadmap map with "You are here" on the stage reached for each driver.
            "roadmap_map": roadmap_map(
                context["stages"],
                context["drivers"],
                page.recommendation_summary(),
                request=request,
                result=result,
            ),
            "roadmap_map_text": {"heading": _("Where you are on the roadmap")},
        }
    )
    response = page.render(
        request, context_overrides=context, template="roadmap/self_assessment_result.html"
    )
    # The page holds a one-time token for the baseline form, so it must not be shared by caches.
    response["Cache-Control"] = "private, no-store"
    return response
