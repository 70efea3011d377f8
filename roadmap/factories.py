"""Factories for the roadmap (in home.factories' style): the roadmap, its stages, the
self-assessment and recommendations."""

from __future__ import annotations

import factory
from wagtail.models import Page

from home.factories import AudienceFactory, DriverOfChangeFactory, PageFactory, default_locale
from home.models import Audience, DriverOfChange
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
