"""Factories the tests (and anyone building bulk content) share."""

from __future__ import annotations

import factory
from wagtail.models import Locale

from home.models import Audience, DriverOfChange
from roadmap.models import Recommendation


class RecommendationFactory(factory.django.DjangoModelFactory):
    """A live recommendation in the default language, for the first audience and driver unless
    told otherwise. Pass `stages=[...]` and `sectors=[...]` to tag it."""

    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    locale = factory.LazyFunction(Locale.get_default)
    title = factory.Sequence(lambda n: f"Example recommendation {n}")
    slug = factory.Sequence(lambda n: f"example-recommendation-{n}")
    body = "<p>An example recommendation made for a test.</p>"
    audience = factory.LazyFunction(
        lambda: Audience.objects.filter(locale=Locale.get_default()).first()
    )
    driver = factory.LazyFunction(
        lambda: DriverOfChange.objects.filter(locale=Locale.get_default()).first()
    )
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
