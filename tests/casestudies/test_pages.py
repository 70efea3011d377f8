"""Case study, report and news pages: what readers see, structured data, documents served safely,
uploads checked, and editors able to create each page type in the admin."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Locale
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from casestudies.documents import make_document, make_pdf, make_xlsx
from casestudies.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    ReportDocumentFactory,
    ReportPageFactory,
    ResearchIndexPageFactory,
    listing_image,
    pdf_document,
)
from casestudies.models import CaseStudyPage, ReportPage
from home.factories import (
    BoroughFactory,
    DriverOfChangeFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PrincipleFactory,
    SectorFactory,
    locale,
    translate,
)
from home.models import NewsPage
from roadmap.factories import RoadmapStagePageFactory

pytestmark = pytest.mark.django_db


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def json_ld(page_html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def translated_term(term, name: str, language_code: str = "ar"):
    """`term` (a taxonomy term) as a translator would add it in another language."""
    return type(term).objects.create(
        name=name,
        slug=term.slug,
        locale=locale(language_code),
        translation_key=term.translation_key,
    )


def a_case_study() -> CaseStudyPage:
    return CaseStudyPageFactory(title="Calmer custody", listing_image=listing_image())


def a_report() -> ReportPage:
    return ReportPageFactory(title="A report made for a test", listing_image=listing_image())


def a_news_article() -> NewsPage:
    return NewsPageFactory(title="A group met for a test", listing_image=listing_image())


@pytest.mark.parametrize(
    "make_page", [a_case_study, a_report, a_news_article], ids=["case study", "report", "news"]
)
def test_articles_carry_article_json_ld_and_sharing_tags(client, make_page):
    article = make_page()
    page = html(client, article.url)
    data = json_ld(page)
    assert data["@type"] == "Article"
    assert data["headline"] == article.title
    assert data["url"] == article.full_url
    assert data["image"].startswith("http")
    assert '<meta property="og:type" content="article">' in page
    assert '<meta property="og:image" content="http' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert f'<link rel="canonical" href="{article.full_url}">' in page


def test_case_study_shows_its_facts_story_contact_and_related_case_studies(client):
    safety = PrincipleFactory(name="Safety")
    case_study = CaseStudyPageFactory(
        title="Calmer custody",
        organisation="A London police custody team",
        sector=SectorFactory(name="Policing"),
        boroughs=[BoroughFactory(name="Hackney"), BoroughFactory(name="Tower Hamlets")],
        principles=[safety],
        drivers=[DriverOfChangeFactory(name="Leadership")],
        stage=RoadmapStagePageFactory(title="Noticing trauma"),
        body=[
            ("heading", {"text": "What they did", "level": "h2"}),
            ("paragraph", "<p>They changed how people are booked in.</p>"),
            ("heading", {"text": "What they learned", "level": "h2"}),
            ("paragraph", "<p>Small changes add up.</p>"),
        ],
        contact="Write to the custody team.",
        last_reviewed=datetime.date(2025, 6, 1),
        is_example_content=True,
    )
    CaseStudyPageFactory(title="Safer cells at night", principles=[safety])
    page = html(client, case_study.url)
    for text in (
        "A London police custody team",
        "Policing",
        "Hackney",
        "Tower Hamlets",
        "Noticing trauma",
        "Safety",
        "Leadership",
        "What they did",
        "They changed how people are booked in.",
        "What they learned",
        "Find out more",
        "Write to the custody team.",
        "Last reviewed",
        "1 June 2025",
        "Related case studies",
        "Safer cells at night",
        "Example content",
    ):
        assert text in page, text


def test_related_case_studies_share_tags_and_come_from_one_query(django_assert_num_queries):
    safety, trust, choice = (PrincipleFactory(name=name) for name in ("Safety", "Trust", "Choice"))
    leadership = DriverOfChangeFactory(name="Leadership")
    picture = listing_image()
    case_study = CaseStudyPageFactory(
        principles=[safety, trust], drivers=[leadership], listing_image=picture
    )
    shares_two = CaseStudyPageFactory(
        principles=[safety], drivers=[leadership], listing_image=picture
    )
    shares_a_principle = CaseStudyPageFactory(principles=[trust], listing_image=picture)
    shares_a_driver = CaseStudyPageFactory(drivers=[leadership], listing_image=picture)
    shares_nothing = CaseStudyPageFactory(principles=[choice], listing_image=picture)
    with django_assert_num_queries(2):  # the case studies, and their images' renditions
        related = case_study.related_case_studies()
    assert related[0] == shares_two, "the one sharing most comes first"
    assert set(related[1:]) == {shares_a_principle, shares_a_driver}
    assert shares_nothing not in related and case_study not in related


def test_arabic_case_study_is_translated_with_its_tags_in_arabic(client):
    newham = BoroughFactory(name="Newham", slug="newham")
    trust = PrincipleFactory(name="Trust", slug="trust")
    local_authorities = SectorFactory(name="Local authorities", slug="local-authorities")
    translated_term(newham, "نيوهام")
    translated_term(trust, "الثقة")
    arabic_sector = translated_term(local_authorities, "السلطات المحلية")
    case_study = CaseStudyPageFactory(
        title="Rewriting the letters families receive",
        slug="letters-families-receive",
        sector=local_authorities,
        boroughs=[newham],
        principles=[trust],
    )
    # A translation names the sector's Arabic term, as wagtail-localize's editor sets it.
    translate(
        case_study, "ar", title="إعادة كتابة الرسائل التي تتلقاها الأسر", sector=arabic_sector
    )
    page = html(client, "/ar/promising-practice/letters-families-receive/")
    assert 'dir="rtl"' in page
    assert "إعادة كتابة الرسائل التي تتلقاها الأسر" in page
    assert "نيوهام" in page  # Newham
    assert "الثقة" in page  # Trust
    assert "السلطات المحلية" in page  # Local authorities
    for english in ("Newham", "Trust", "Local authorities"):
        assert f">{english}<" not in page, english


def test_case_study_highlights_block_shows_chosen_or_latest_filtered(rf):
    from roadmap.blocks import CaseStudyHighlightsBlock

    block = CaseStudyHighlightsBlock()
    default = Locale.get_default()
    policing, health = SectorFactory(name="Policing"), SectorFactory(name="Health")
    oldest, older, newest = (
        CaseStudyPageFactory(title=f"Policing case study {number}", sector=policing)
        for number in (1, 2, 3)
    )
    in_health = CaseStudyPageFactory(
        title="Youth workers in the emergency department", sector=health
    )
    value = block.to_python({"heading": "From policing", "sector": policing.pk, "number": 2})
    assert block.get_case_studies(value, default) == [newest, older]
    value = block.to_python({"case_studies": [in_health.pk, oldest.pk], "number": 3})
    assert block.get_case_studies(value, default) == [in_health, oldest]
    rendered = block.render(value, context={"page": oldest, "request": rf.get("/")})
    assert in_health.title in rendered and 'class="cards"' in rendered


def a_report_with_documents() -> ReportPage:
    """A report with four files (three PDFs and a spreadsheet), and a dated correction."""
    report = ReportPageFactory(
        title="A report made for a test",
        authors="A test research team",
        publication_date=datetime.date(2024, 11, 5),
        updates=[
            (
                "update",
                {
                    "date": datetime.date(2025, 9, 1),
                    "kind": "correction",
                    "text": "<p>The data now lists every borough.</p>",
                },
            )
        ],
    )
    for kind, document in [
        ("main", pdf_document("The full report", "full-report.pdf")),
        ("summary", pdf_document("The summary", "summary.pdf")),
        ("case-studies", pdf_document("The case studies", "case-studies.pdf")),
        (
            "data",
            make_document(
                "The data",
                "data.xlsx",
                make_xlsx(
                    "Case studies", ["Case study", "Sector"], [["Calmer custody", "Policing"]]
                ),
            ),
        ),
    ]:
        ReportDocumentFactory(page=report, kind=kind, document=document)
    return report


def test_report_lists_documents_with_type_and_size_citation_and_corrections(client):
    report = a_report_with_documents()
    page = html(client, report.url)
    for kind in ("Main report", "Executive summary", "Case study collection", "Data"):
        assert f'<span class="document-link__kind">{kind}</span>' in page, kind
    for text in ("The full report", "The data", "PDF, ", "XLSX, "):
        assert text in page, text
    assert re.search(r"PDF, \d+(\.\d)?\sKB", page)
    assert "Cite this report" in page
    assert (
        "A test research team (2024). A report made for a test. London Violence Reduction Unit. "
        f"{report.full_url}" in page
    )
    assert "Corrections and updates" in page and "1 September 2025" in page
    assert "The data now lists every borough." in page


def test_report_documents_download_as_real_files(client):
    report = a_report_with_documents()
    assert report.documents.count() == 4
    for item in report.documents.all():
        response = client.get(item.document.url)
        assert response.status_code == 200
        content = b"".join(response.streaming_content)
        if item.document.file_extension == "pdf":
            assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")
        else:
            assert content.startswith(b"PK")  # a zip container: XLSX


def test_private_collection_documents_are_not_served_to_anonymous_readers(client, editor):
    private = Collection.get_first_root_node().add_child(name="Private drafts")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model().objects.create(
        title="Draft report",
        file=SimpleUploadedFile("draft.pdf", make_pdf("Draft", ["Not yet public."])),
        collection=private,
    )
    response = client.get(document.url)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "login" in response["Location"]
    client.force_login(editor)
    assert client.get(document.url).status_code == 200


def news(title: str, date: datetime.date, tags=(), **fields) -> NewsPage:
    """A published news article from `date`, with these tags."""
    article = NewsPageFactory(title=title, date=date, **fields)
    article.tags.add(*tags)
    article.save_revision().publish()
    return article


def test_news_index_lists_articles_newest_first_with_feed(client):
    titles = ["Survey launched", "Research partners appointed", "Special interest group meets"]
    # Added in an order that is neither newest nor oldest first.
    news(titles[1], datetime.date(2024, 3, 4))
    news(titles[2], datetime.date(2023, 1, 27))
    news(titles[0], datetime.date(2024, 5, 1))
    page = html(client, "/en-gb/news/")
    positions = [page.index(title) for title in titles]
    assert positions == sorted(positions)
    assert 'type="application/atom+xml"' in page
    feed = ET.fromstring(client.get("/en-gb/news/feed/").content)  # noqa: S314 (our own feed)
    entries = [
        entry.find("{http://www.w3.org/2005/Atom}title").text
        for entry in feed.iter("{http://www.w3.org/2005/Atom}entry")
    ]
    assert entries == titles


def test_news_article_has_date_author_tags_and_previous_next(client):
    news("Special interest group meets", datetime.date(2023, 1, 27), ["research"])
    article = news(
        "Research partners appointed",
        datetime.date(2024, 3, 4),
        ["research"],
        author="A test news team",
    )
    news("Survey launched", datetime.date(2024, 5, 1), ["survey"])
    page = html(client, article.url)
    assert "4 March 2024" in page
    assert "A test news team" in page
    assert 'href="/en-gb/news/?tag=research"' in page
    assert re.search(r'rel="prev">.*?</span> Special interest group meets</a>', page)
    assert re.search(r'rel="next">.*?</span> Survey launched</a>', page)
    tagged = html(client, "/en-gb/news/?tag=survey")
    assert "Survey launched" in tagged and "Special interest group meets" not in tagged


@pytest.mark.usefixtures("demo_site")
def test_sig_news_is_from_26_january_2023(client):
    # Demo content: the special interest group article's date and wording are the demo's own.
    page = html(client, "/en-gb/news/special-interest-group-meets/")
    assert "27 January 2023" in page and "Thursday 26 January" in page


# --- Uploads --------------------------------------------------------------------------------


def test_document_upload_refuses_other_types_and_big_files(client, editor, settings):
    client.force_login(editor)
    response = client.post(
        "/admin/documents/add/",
        {"title": "Tool", "file": SimpleUploadedFile("tool.exe", b"MZ...."), "collection": 1},
    )
    assert response.status_code == 200
    assert "File extension “exe” is not allowed" in response.content.decode()
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Big",
            "file": SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * 4096),
            "collection": 1,
        },
    )
    assert "This file is too big" in response.content.decode()


def test_image_upload_refuses_svg_and_big_files(client, editor, settings):
    client.force_login(editor)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Logo",
            "file": SimpleUploadedFile("logo.svg", svg, "image/svg+xml"),
            "collection": 1,
        },
    )
    assert response.status_code == 200
    assert "Not a supported image format" in response.content.decode()
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    from home.demo.builder import make_image

    image = make_image("Upload size test", (10, 10, 10), size=(200, 200))
    with image.file.open("rb") as handle:
        data = handle.read()
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Big",
            "file": SimpleUploadedFile("big.jpg", data, "image/jpeg"),
            "collection": 1,
        },
    )
    assert "This file is too big" in response.content.decode()


# --- Editors --------------------------------------------------------------------------------


def add_page(client, model, parent, data, expect_in_form=(), ticked=None):
    """The page an editor adds under `parent` by filling in the form with `data`; `ticked` maps
    checkbox fields to the values ticked (nested_form_data would spread a list into a formset)."""
    url = f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/"
    form = client.get(url)
    assert form.status_code == 200
    for text in expect_in_form:
        assert text in form.content.decode()
    response = client.post(url, nested_form_data(data) | (ticked or {}))
    assert response.status_code == 302, response.content.decode()[:3000]
    return model.objects.get(slug=data["slug"])


def test_an_editor_can_create_a_case_study(client, editor):
    client.force_login(editor)
    index = CaseStudyIndexPageFactory(title="Promising practice")
    health = SectorFactory(name="Health")
    trust = PrincipleFactory(name="Trust")
    translated_term(BoroughFactory(name="Westminster"), "وستمنستر")
    page = add_page(
        client,
        CaseStudyPage,
        index,
        {
            "title": "A new case study",
            "slug": "a-new-case-study",
            "summary": "What they did.",
            "organisation": "A London charity",
            "sector": health.pk,
            "body": streamfield(
                [
                    ("heading", {"text": "Context", "level": "h2"}),
                    ("paragraph", rich_text("<p>Why.</p>")),
                ]
            ),
            "contact": "",
            "contact_url": "",
            "last_reviewed": "2025-06-01",
        },
        expect_in_form=["How readers find it", "Westminster"],
        ticked={"principles": [trust.pk]},
    )
    form = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "وستمنستر" not in form  # only English terms on an English page
    draft = page.get_latest_revision_as_object()
    assert page.sector == health and list(draft.principles.all()) == [trust]
    assert page.body[0].value["text"] == "Context"


def test_an_editor_can_create_a_report_and_a_news_article(client, editor):
    client.force_login(editor)
    research = ResearchIndexPageFactory()
    document = pdf_document("An executive summary")
    report = add_page(
        client,
        ReportPage,
        research,
        {
            "title": "Interim findings",
            "slug": "interim-findings",
            "summary": "What we found so far.",
            "publication_date": "2024-12-01",
            "authors": "",
            "body": streamfield([]),
            "citation": "",
            "updates": streamfield(
                [
                    (
                        "update",
                        {
                            "date": "2025-01-02",
                            "kind": "update",
                            "text": rich_text("<p>Added data.</p>"),
                        },
                    )
                ]
            ),
        }
        | {
            "documents-TOTAL_FORMS": "1",
            "documents-INITIAL_FORMS": "0",
            "documents-MIN_NUM_FORMS": "0",
            "documents-MAX_NUM_FORMS": "1000",
            "documents-0-document": str(document.pk),
            "documents-0-kind": "summary",
            "documents-0-title": "",
            "documents-0-ORDER": "1",
            "documents-0-id": "",
            "documents-0-DELETE": "",
        },
    )
    assert report.documents.get().kind == "summary"
    assert report.documents.get().document == document
    article = add_page(
        client,
        NewsPage,
        NewsIndexPageFactory(),
        {
            "title": "Champions group meets",
            "slug": "champions-group-meets",
            "date": "2025-02-01",
            "author": "VRU",
            "tags": "champions, research",
            "body": streamfield([("paragraph", rich_text("<p>The group met.</p>"))]),
        },
    )
    assert sorted(article.tags.names()) == ["champions", "research"]


QUOTE = "I am the person I needed when I was fifteen."
REPORT_SUMMARY = "What the research found, in a paragraph made for a test."


@pytest.mark.parametrize(
    "make_page,text",
    [
        (
            lambda: CaseStudyPageFactory(
                body=[("quote", {"quote": QUOTE, "attribution": "A peer mentor"})]
            ),
            QUOTE,
        ),
        (lambda: ReportPageFactory(summary=REPORT_SUMMARY), REPORT_SUMMARY),
        (lambda: NewsPageFactory(title="Survey launched"), "Survey launched"),
    ],
    ids=["case study", "report", "news"],
)
def test_translators_see_each_page_types_text(make_page, text):
    from wagtail_localize.models import String, TranslationSource

    source, _created = TranslationSource.get_or_create_from_instance(make_page())
    strings = set(String.objects.filter(segments__source=source).values_list("data", flat=True))
    assert text in strings
