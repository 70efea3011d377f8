"""Factories for case studies (in home.factories' style), and `create_case_studies`, the fast
way to fill a finder with hundreds of them."""

from __future__ import annotations

import factory
from wagtail.models import Page

from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from home.factories import PageFactory, default_locale

TAG_FIELDS = ("boroughs", "principles", "drivers", "audiences")


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
    for field in TAG_FIELDS:
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


class CaseStudyIndexPageFactory(PageFactory):
    """A case study finder, under the home page unless `parent=` says otherwise."""

    class Meta:
        model = CaseStudyIndexPage

    title = "Test finder"
    slug = factory.Sequence(lambda n: f"test-finder-{n}")


class CaseStudyPageFactory(PageFactory):
    """A published case study under the default language's finder (made if missing). Pass
    `boroughs=[...]`, `principles=[...]`, `drivers=[...]`, `audiences=[...]` to tag it."""

    class Meta:
        model = CaseStudyPage

    title = factory.Sequence(lambda n: f"Test case study {n}")
    summary = "A case study made for tests: what they did and what changed."
    organisation = "Test organisation"

    @classmethod
    def default_parent(cls) -> Page:
        index = CaseStudyIndexPage.objects.filter(locale=default_locale()).first()
        return index or CaseStudyIndexPageFactory(slug="promising-practice")
