"""Factories for case studies and research (in home.factories' style), `create_case_studies`,
the fast way to fill a finder with hundreds of case studies, and small real files (an image
for cards and sharing tags, a PDF for reports) made on the spot."""

from __future__ import annotations

import datetime

import factory
from wagtail.models import Page

from casestudies.documents import make_document, make_pdf
from casestudies.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    ReportDocument,
    ReportPage,
    ResearchIndexPage,
    SharePracticePage,
)
from home.demo.builder import make_image
from home.factories import PageFactory, default_locale

TAG_FIELDS = ("boroughs", "principles", "drivers", "audiences")


def listing_image(title: str = "A picture made for a test"):
    """A small real JPEG image (made with Pillow, reused if one has this title), for a page's
    `listing_image`: cards, Open Graph tags and structured data show it."""
    return make_image(title, (75, 42, 123), size=(320, 200))


def pdf_document(title: str = "A document made for a test", filename: str = "test-document.pdf"):
    """A Wagtail document holding a real one-page PDF of a little over a kilobyte (reused if one
    has this title), with its size recorded as an upload's would be."""
    paragraphs = ["A document made for a test."] + [
        "It holds a few paragraphs of text, as a real report would, so that readers are told "
        "its size in kilobytes."
    ] * 6
    return make_document(title, filename, make_pdf(title, paragraphs))


def create_case_studies(
    index: CaseStudyIndexPage,
    number: int,
    start: int = 0,
    summary: str = "A case study made for tests: what they did and what changed.",
    **tags,
) -> list:
    """`number` live case studies under `index`, with the same `summary`, tagged alike: tags
    maps 'sector' to a Sector and 'boroughs', 'principles', 'drivers', 'audiences' to lists of
    terms.

    Pages are added with treebeard's add_child but without revisions or publishing signals, and
    their tags are written with one bulk insert per taxonomy, so a thousand take seconds."""
    pages = []
    for number_ in range(start, start + number):
        page = CaseStudyPage(
            title=f"Test case study {number_:04d}",
            slug=f"test-case-study-{number_:04d}",
            summary=summary,
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


class ResearchIndexPageFactory(PageFactory):
    """The research section, under the home page unless `parent=` says otherwise."""

    class Meta:
        model = ResearchIndexPage

    title = "Research"
    slug = "research"


class ReportPageFactory(PageFactory):
    """A published report under the default language's research section (made if missing).
    Add its files with `ReportDocumentFactory(page=report, ...)`."""

    class Meta:
        model = ReportPage

    title = factory.Sequence(lambda n: f"Test report {n}")
    summary = "A report made for a test: what the research found."
    publication_date = datetime.date(2025, 7, 15)
    authors = "A test research team"

    @classmethod
    def default_parent(cls) -> Page:
        research = ResearchIndexPage.objects.filter(locale=default_locale()).first()
        return research or ResearchIndexPageFactory()


class ReportDocumentFactory(factory.django.DjangoModelFactory):
    """One file of a report (a real PDF unless `document=` says otherwise), listed after the
    report's other files."""

    class Meta:
        model = ReportDocument

    page = factory.SubFactory(ReportPageFactory)
    document = factory.LazyFunction(pdf_document)
    kind = "main"
    sort_order = factory.Sequence(lambda n: n)


class SharePracticePageFactory(PageFactory):
    """The "share your practice" form page, under the case study finder (made if missing)."""

    class Meta:
        model = SharePracticePage

    title = "Share your practice"
    slug = "share-your-practice"
    introduction = "<p>Tell us what your organisation did and what changed.</p>"

    @classmethod
    def default_parent(cls) -> Page:
        return CaseStudyPageFactory.default_parent()
