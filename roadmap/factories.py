"""Factories for the roadmap (in home.factories' style): the roadmap, its stages, the
self-assessment and recommendations, and `complete_roadmap()`, a small but whole roadmap for
tests that need every part of it."""

from __future__ import annotations

from dataclasses import dataclass

import factory
from wagtail.models import Page

from home.factories import (
    AudienceFactory,
    BoroughFactory,
    DriverOfChangeFactory,
    PageFactory,
    SectorFactory,
    default_locale,
)
from home.models import Audience, Borough, DriverOfChange, Sector
from roadmap.models import Recommendation, RoadmapPage, RoadmapStagePage, SelfAssessmentPage


def default_roadmap() -> RoadmapPage:
    """The default language's roadmap, made under the home page if it is missing."""
    return RoadmapPage.objects.filter(locale=default_locale()).first() or RoadmapPageFactory()


class RoadmapPageFactory(PageFactory):
    class Meta:
        model = RoadmapPage

    title = "Roadmap"
    slug = "roadmap"
    introduction = "The journey towards trauma-informed practice, made for a test."


class RoadmapStagePageFactory(PageFactory):
    """A stage of the journey, under the default roadmap; stages come in tree order."""

    class Meta:
        model = RoadmapStagePage

    title = factory.Sequence(lambda n: f"Test stage {n}")
    introduction = "A stage made for a test."

    @classmethod
    def default_parent(cls) -> Page:
        return default_roadmap()


class SelfAssessmentPageFactory(PageFactory):
    class Meta:
        model = SelfAssessmentPage

    title = "Self-assessment"
    slug = "self-assessment"

    @classmethod
    def default_parent(cls) -> Page:
        return default_roadmap()


def first_or_new(model, factory_class):
    """The default language's first term of a taxonomy, or a new one if it has none."""
    return model.objects.filter(locale=default_locale()).first() or factory_class()


class RecommendationFactory(factory.django.DjangoModelFactory):
    """A live recommendation in the default language, for the first audience and driver (made
    if there are none) unless told otherwise. Pass `stages=[...]` and `sectors=[...]` to tag it."""

    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    locale = factory.LazyFunction(default_locale)
    title = factory.Sequence(lambda n: f"Example recommendation {n}")
    slug = factory.Sequence(lambda n: f"example-recommendation-{n}")
    body = "<p>An example recommendation made for a test.</p>"
    audience = factory.LazyFunction(lambda: first_or_new(Audience, AudienceFactory))
    driver = factory.LazyFunction(lambda: first_or_new(DriverOfChange, DriverOfChangeFactory))
    is_example_content = True
    live = True

    @factory.post_generation
    def stages(self, create, extracted, **kwargs):
        if create and extracted:
            self.stages.set(extracted)
            self.save()

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)
            self.save()


# What `complete_roadmap()` builds: the stages in journey order and the terms in their order, as
# (slug, name). The slugs are the programme's; every other text is written for tests.
STAGES = [
    ("trauma-aware", "Trauma-aware"),
    ("trauma-sensitive", "Trauma-sensitive"),
    ("trauma-informed", "Trauma-informed"),
    ("trauma-responsive", "Trauma-responsive"),
]
AUDIENCES = [
    ("implementers", "Implementers"),
    ("system-leaders", "System leaders"),
    ("vru", "The VRU"),
]
DRIVERS = [
    ("leadership-and-culture", "Leadership and culture"),
    ("workforce-wellbeing", "Workforce wellbeing"),
    ("relationships-and-voice", "Relationships and voice"),
    ("systems-and-environments", "Systems and environments"),
]
SECTORS = [("policing", "Policing"), ("health", "Health"), ("education", "Education")]
BOROUGHS = [("camden", "Camden"), ("hackney", "Hackney"), ("lambeth", "Lambeth")]


@dataclass
class CompleteRoadmap:
    """What `complete_roadmap()` made, each list in order."""

    page: RoadmapPage
    stages: list[RoadmapStagePage]
    assessment: SelfAssessmentPage
    audiences: list[Audience]
    drivers: list[DriverOfChange]
    sectors: list[Sector]
    boroughs: list[Borough]
    recommendations: list[Recommendation]


def terms(factory_class, names: list[tuple[str, str]]) -> list:
    """A taxonomy's terms in the default language, in the order given: [(slug, name), ...]."""
    return [
        factory_class(slug=slug, name=name, sort_order=order)
        for order, (slug, name) in enumerate(names)
    ]


def complete_roadmap() -> CompleteRoadmap:
    """A small but whole roadmap in the default language, under the home page, as an editor
    would build it:

    - the audiences, drivers of change, sectors and boroughs above;
    - the roadmap page ("Roadmap", /roadmap/) and its four stages in journey order, each with
      one indicator ("A sign of a trauma-aware organisation."), one action per audience
      ("System leaders act at the trauma-aware stage.") and one reflective question ("What
      does being trauma-aware ask of us?");
    - the self-assessment ("Self-assessment", /roadmap/self-assessment/): two questions per
      driver, in the drivers' order (q1 and q2 about the first driver, and so on), each with
      four answers pointing to stages 1 to 4 in order;
    - one live recommendation for each audience at each stage (12, listed stage by stage in
      the audiences' order), for every sector, under the driver in the stage's position (the
      first stage's under the first driver, ...): e.g. "The VRU at the trauma-aware stage",
      slug `vru-trauma-aware`."""
    audiences = terms(AudienceFactory, AUDIENCES)
    drivers = terms(DriverOfChangeFactory, DRIVERS)
    sectors = terms(SectorFactory, SECTORS)
    boroughs = terms(BoroughFactory, BOROUGHS)
    # `.create()` rather than a call: the type checker takes a call for the factory itself.
    page = RoadmapPageFactory.create()
    stages = [
        RoadmapStagePageFactory.create(
            parent=page,
            title=title,
            slug=slug,
            introduction=f"What being {slug} means, in a sentence written for a test.",
            indicators=[("indicator", f"A sign of a {slug} organisation.")],
            actions=[
                (
                    "audience_actions",
                    {
                        "audience": audience.slug,
                        "actions": [f"{audience.name} act at the {slug} stage."],
                    },
                )
                for audience in audiences
            ],
            reflective_questions=[("question", f"What does being {slug} ask of us?")],
        )
        for slug, title in STAGES
    ]
    questions = [
        (
            "question",
            {
                "driver": driver.slug,
                "question": f"Question {2 * index + part}: where does {driver.name.lower()} stand?",
                "hint": "",
                "options": [
                    {"label": f"As a {stage.slug} organisation would answer.", "stage": stage}
                    for stage in stages
                ],
            },
        )
        for index, driver in enumerate(drivers)
        for part in (1, 2)
    ]
    assessment = SelfAssessmentPageFactory.create(
        parent=page,
        introduction="Eight questions, written for a test.",
        questions=questions,
        result_introduction="A result introduction written for a test.",
    )
    recommendations = [
        RecommendationFactory.create(
            title=f"{audience.name} at the {stage.slug} stage",
            slug=f"{audience.slug}-{stage.slug}",
            audience=audience,
            driver=driver,
            stages=[stage],
        )
        for stage, driver in zip(stages, drivers, strict=True)
        for audience in audiences
    ]
    return CompleteRoadmap(
        page, stages, assessment, audiences, drivers, sectors, boroughs, recommendations
    )
