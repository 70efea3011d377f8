"""Factories for case studies, shared by tests and anyone filling a site with test content."""

from __future__ import annotations

import factory
from wagtail.models import Locale

from casestudies.models import CaseStudyIndexPage, CaseStudyPage


def create_case_studies(index: CaseStudyIndexPage, number: int, start: int = 0, **tags) -> list:
    """`number` live case studies under `index`, tagged alike: tags maps 'sector' to a Sector and
    'boroughs', 'principles', 'drivers', 'audiences' to lists of terms.

    Pages are added with treebeard's add_child but without revisions or publishing signals, and
    their tags are written with one bulk insert per taxonomy, so a thousand take seconds."""
    pages = []
    for number_ in range(start, start + number):
        page = CaseStudyPage(
            title=f"Test case study {number_:04d}",
            slug=f"test-case-study-{number_:04d}",
            summary="A case study made for tests: what they did and what changed.",
            organisation="Test organisation",
            sector=tags.get("sector"),
            stage=tags.get("stage"),
            locale=index.locale,
            live=True,
        )
        index.add_child(instance=page)
        index.refresh_from_db(fields=["numchild"])
        pages.append(page)
    for field in ("boroughs", "principles", "drivers", "audiences"):
        terms = tags.get(field) or []
        through = getattr(CaseStudyPage, field).through
        target = getattr(CaseStudyPage, field).field.m2m_reverse_field_name()
        through.objects.bulk_create(
            [
                through(casestudypage_id=page.pk, **{f"{target}_id": term.pk})
                for page in pages
                for term in terms
            ]
        )
    return pages


class CaseStudyIndexPageFactory(factory.Factory):
    """An extra finder page for tests, added under `parent`."""

    class Meta:
        model = CaseStudyIndexPage

    title = "Test finder"
    slug = factory.Sequence(lambda n: f"test-finder-{n}")
    locale = factory.LazyFunction(Locale.get_default)
    live = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        return page
