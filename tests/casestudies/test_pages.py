"""Case study, report and news pages: what readers see, structured data, documents served safely,
uploads checked, and editors able to create each page type in the admin."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Locale
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from casestudies.demo import REPORT_SUMMARY
from casestudies.documents import make_pdf
from casestudies.models import CaseStudyIndexPage, CaseStudyPage, ReportPage, ResearchIndexPage
from home.models import NewsIndexPage, NewsPage, Principle, Sector

# Demo-site tests: the demo's case studies, research reports and their translations.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def json_ld(page_html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


@pytest.mark.parametrize(
    "url",
    [
        "/en-gb/promising-practice/calmer-custody/",
        "/en-gb/research/final-report/",
        "/en-gb/news/special-interest-group-meets/",
    ],
)
def test_articles_carry_article_json_ld_and_sharing_tags(client, url):
    page = html(client, url)
    data = json_ld(page)
    assert data["@type"] == "Article"
    assert data["headline"] and data["url"].endswith(url)
    assert data["image"].startswith("http")
    assert '<meta property="og:type" content="article">' in page
    assert '<meta property="og:image" content="http' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert '<link rel="canonical" href="http://' in page


def test_case_study_shows_its_facts_story_contact_and_related_case_studies(client):
    page = html(client, "/en-gb/promising-practice/calmer-custody/")
    for text in (
        "A London police custody team",
        "Policing",
        "Hackney",
        "Tower Hamlets",
        "Trauma-sensitive",
        "Safety",
        "What they did",
        "What they learned",
        "Find out more",
        "Last reviewed",
        "Related case studies",
        "Example content",
    ):
        assert text in page, text


def test_related_case_studies_share_tags_and_come_from_one_query(django_assert_num_queries):
    case_study = CaseStudyPage.objects.get(slug="calmer-custody", locale=Locale.get_default())
    with django_assert_num_queries(2):  # the case studies, and their images' renditions
        related = case_study.related_case_studies()
    assert related
    mine = set(case_study.principles.values_list("slug", flat=True)) | set(
        case_study.drivers.values_list("slug", flat=True)
    )
    for other in related:
        theirs = set(other.principles.values_list("slug", flat=True)) | set(
            other.drivers.values_list("slug", flat=True)
        )
        assert mine & theirs


def test_arabic_case_study_is_translated_with_its_tags_in_arabic(client):
    page = html(client, "/ar/promising-practice/letters-families-receive/")
    assert 'dir="rtl"' in page
    assert "إعادة كتابة الرسائل التي تتلقاها الأسر" in page
    assert "نيوهام" in page  # Newham
    assert "الثقة" in page  # Trust
    assert "السلطات المحلية" in page  # Local authorities


def test_case_study_highlights_block_shows_chosen_or_latest_filtered(rf):
    from roadmap.blocks import CaseStudyHighlightsBlock

    block = CaseStudyHighlightsBlock()
    default = Locale.get_default()
    policing = Sector.objects.get(slug="policing", locale=default)
    value = block.to_python({"heading": "From policing", "sector": policing.pk, "number": 2})
    shown = block.get_case_studies(value, default)
    assert len(shown) == 2 and all(page.sector.slug == "policing" for page in shown)
    chosen = list(CaseStudyPage.objects.filter(locale=default).order_by("title")[:2])
    value = block.to_python({"case_studies": [chosen[1].pk, chosen[0].pk], "number": 3})
    assert block.get_case_studies(value, default) == [chosen[1], chosen[0]]
    rendered = block.render(value, context={"page": chosen[0], "request": rf.get("/")})
    assert chosen[1].title in rendered and 'class="cards"' in rendered


def test_report_lists_documents_with_type_and_size_citation_and_corrections(client):
    page = html(client, "/en-gb/research/final-report/")
    for text in ("Main report", "Executive summary", "Case study collection", "PDF, ", "XLSX, "):
        assert text in page, text
    assert re.search(r"PDF, \d+(\.\d)?\sKB", page)
    assert "Cite this report" in page
    assert (
        "Dartington Service Design Lab and Friendship (2025). Trauma-informed London: final report."
        in page
    )
    assert "Corrections and updates" in page and "1 September 2025" in page


def test_report_documents_download_as_real_files(client):
    report = ReportPage.objects.get(slug="final-report", locale=Locale.get_default())
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


def test_news_index_lists_articles_newest_first_with_feed(client):
    page = html(client, "/en-gb/news/")
    assert page.index("Final report and roadmap published") < page.index(
        "Thames Valley VRU: trauma-informed special interest group meets"
    )
    assert 'type="application/atom+xml"' in page
    import xml.etree.ElementTree as ET

    feed = ET.fromstring(client.get("/en-gb/news/feed/").content)  # noqa: S314 (our own feed)
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Thames Valley VRU: trauma-informed special interest group meets" in titles


def test_news_article_has_date_author_tags_and_previous_next(client):
    page = html(client, "/en-gb/news/research-partners-appointed/")
    assert "4 March 2024" in page
    assert "VRU Trauma Informed Practice team" in page
    assert 'href="/en-gb/news/?tag=research"' in page
    assert 'rel="prev"' in page and "special interest group meets" in page
    assert 'rel="next"' in page and "Trauma-Informed London survey launched" in page
    tagged = html(client, "/en-gb/news/?tag=survey")
    assert "survey launched" in tagged and "special interest group meets" not in tagged


def test_sig_news_is_from_26_january_2023(client):
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


def add_page(client, model, parent, data, expect_in_form=()):
    url = f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/"
    form = client.get(url)
    assert form.status_code == 200
    for text in expect_in_form:
        assert text in form.content.decode()
    response = client.post(url, nested_form_data(data))
    assert response.status_code == 302, response.content.decode()[:3000]
    return model.objects.get(slug=data["slug"])


def test_an_editor_can_create_a_case_study(client, editor):
    client.force_login(editor)
    index = CaseStudyIndexPage.objects.get(locale=Locale.get_default())
    default = Locale.get_default()
    page = add_page(
        client,
        CaseStudyPage,
        index,
        {
            "title": "A new case study",
            "slug": "a-new-case-study",
            "summary": "What they did.",
            "organisation": "A London charity",
            "sector": Sector.objects.get(slug="health", locale=default).pk,
            "principles": [Principle.objects.get(slug="trust", locale=default).pk],
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
    )
    form = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "وستمنستر" not in form  # only English terms on an English page
    assert page.sector.slug == "health" and page.body[0].value["text"] == "Context"


def test_an_editor_can_create_a_report_and_a_news_article(client, editor):
    client.force_login(editor)
    research = ResearchIndexPage.objects.get(locale=Locale.get_default())
    document = get_document_model().objects.first()
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
    news = NewsIndexPage.objects.get(locale=Locale.get_default())
    article = add_page(
        client,
        NewsPage,
        news,
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


@pytest.mark.parametrize(
    "model,slug,text",
    [
        (CaseStudyPage, "peer-mentors", "I am the person I needed when I was fifteen."),
        (ReportPage, "final-report", REPORT_SUMMARY),
        (NewsPage, "survey-launched", "Trauma-Informed London survey launched"),
    ],
)
def test_translators_see_each_page_types_text(model, slug, text):
    from wagtail_localize.models import String, TranslationSource

    page = model.objects.get(slug=slug, locale=Locale.get_default())
    source, _created = TranslationSource.get_or_create_from_instance(page)
    strings = set(String.objects.filter(segments__source=source).values_list("data", flat=True))
    assert text in strings
