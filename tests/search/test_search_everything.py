"""One search covers pages, recommendations, documents (and the text inside their PDFs),
events, the roadmap stages' actions and questions, and the glossary: readers narrow the
results by type, see their words marked in each excerpt, and get English results when
nothing matched in their language."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from pypdf import PdfReader, PdfWriter
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from casestudies.documents import make_document, make_pdf
from casestudies.factories import ReportDocumentFactory, ReportPageFactory
from events.factories import EventPageFactory
from home.factories import GlossaryTermFactory, StandardPageFactory, home_page, translate
from roadmap.factories import RecommendationFactory, RoadmapStagePageFactory
from search.factories import SearchPageFactory
from search.highlight import excerpt, terms_pattern
from search.models import DocumentText

pytestmark = pytest.mark.django_db


def results_of(html: str) -> str:
    """The part of the page after the search form: counts, filters and results."""
    return html.split('id="search-q"', 1)[1].split("</form>", 1)[1].split("<footer", 1)[0]


def search(client, query: str, language: str = "en-gb", **params) -> str:
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return results_of(response.content.decode())


def listed(html: str) -> str:
    """Only the results' lists (not the heading, which repeats the words searched for)."""
    return "".join(part.split("</ol>", 1)[0] for part in html.split('class="search-results')[1:])


def kind_links(html: str) -> dict[str, str]:
    """The filter's links: label with count -> the link's attributes."""
    nav = html.split('class="search-kinds"', 1)[1].split("</nav>", 1)[0]
    return {
        " ".join(re.sub("<[^>]+>", "", label).split()): attributes
        for attributes, label in re.findall(r"<a ([^>]*)>(.*?)</a>", nav, re.S)
    }


@pytest.fixture
def site():
    translate(home_page(), title="الرئيسية")
    translate(SearchPageFactory(), title="بحث")


def test_every_kind_of_content_is_found_and_counted(client, site):
    RecommendationFactory(
        title="Offer reflective supervision to every frontline worker",
        body="<p>Supervision keeps staff well.</p>",
    )
    RecommendationFactory(title="Something else entirely", body="<p>Nothing to see.</p>")
    report = ReportPageFactory(title="Final report")
    pdf = make_pdf(
        "Champions report",
        ["The thirty champions met in Croydon to compare notes on kaleidoscopic practice."],
    )
    document = make_document("Champions report (full text)", "champions.pdf", pdf)
    ReportDocumentFactory(page=report, document=document)
    EventPageFactory(title="Trauma-informed leadership breakfast")
    GlossaryTermFactory(
        term="Adverse Childhood Experiences",
        abbreviation="ACEs",
        definition="<p>Stressful events in childhood.</p>",
    )
    RoadmapStagePageFactory(
        title="Trauma-aware",
        reflective_questions=[("question", "Where might people feel unsafe in our waiting room?")],
    )

    html = search(client, "reflective supervision")
    assert "Offer reflective supervision to every frontline worker" in html
    assert "Something else entirely" not in html

    html = search(client, "Champions report (full text)")
    assert "Champions report (full text)" in html and 'href="/documents/' in html
    html = search(client, "kaleidoscopic")
    assert "Champions report (full text)" in html, "a phrase only inside the PDF finds it"
    assert "<mark>kaleidoscopic</mark>" in html

    html = search(client, "leadership breakfast")
    assert "Trauma-informed leadership breakfast" in html
    assert kind_links(html)["Events (1)"]

    html = search(client, "childhood")
    assert "Adverse Childhood Experiences (ACEs)" in html
    assert 'href="#term-' not in html  # no glossary page: no broken link target
    assert kind_links(html)["Glossary (1)"]

    html = search(client, "waiting room")
    assert "Trauma-aware" in html
    assert re.search(r'href="/en-gb/[^"]*#question-1"', html), "links to the question itself"
    assert "Question to reflect on" in html
    assert "<mark>waiting</mark> <mark>room</mark>" in html


def test_results_are_narrowed_by_type_with_counts(client, site):
    for number in range(4):
        RecommendationFactory(title=f"Listen to young people, way {number}")
    StandardPageFactory(title="Why we listen to young people")
    EventPageFactory(title="Young people's forum: listen and act")

    html = search(client, "listen young")
    links = kind_links(html)
    assert list(links) == ["Everything (6)", "Events (1)", "Recommendations (4)", "Other pages (1)"]
    assert 'aria-current="true"' in links["Everything (6)"]
    assert "6 results for" in html
    # Everything shows a few of each kind, and a link to all of them.
    assert html.count("Listen to young people, way") == 3
    assert "All 4 results: Recommendations" in html

    href = re.search(r'href="([^"]+)"', links["Recommendations (4)"]).group(1).replace("&amp;", "&")
    narrowed = results_of(client.get(f"/en-gb/search/{href}").content.decode())
    assert 'aria-current="true"' in kind_links(narrowed)["Recommendations (4)"]
    assert narrowed.count("Listen to young people, way") == 4
    assert "Young people's forum" not in narrowed and "Why we listen" not in narrowed
    assert "4 results for “listen young”: Recommendations" in narrowed
    # The search form keeps the chosen type.
    assert (
        'name="type" value="recommendations"'
        in client.get(f"/en-gb/search/{href}").content.decode()
    )


def test_arabic_search_and_the_english_fallback(client, site):
    page = StandardPageFactory(title="Champions", introduction="Champions change practice.")
    translate(page, title="الروّاد", introduction="الروّاد يغيّرون الممارسة.")
    StandardPageFactory(title="Only in English", introduction="Kaleidoscope of practice.")

    arabic = search(client, "الروّاد", language="ar")
    assert "الروّاد" in arabic and "search-fallback" not in arabic

    fallback = search(client, "Kaleidoscope", language="ar")
    assert "لم يطابق" in fallback or "search-fallback" in fallback
    assert "Only in English" in fallback
    english_list = fallback.split('class="search-results"', 1)[1].split(">", 1)[0]
    assert 'lang="en-gb"' in english_list and 'dir="ltr"' in english_list
    # In English nothing is said about another language.
    assert "search-fallback" not in search(client, "Kaleidoscope")


def test_a_promoted_result_comes_first_marked_recommended(client, site):
    StandardPageFactory(title="Support for staff", introduction="Support, support, support.")
    promoted = StandardPageFactory(title="Wellbeing hub", introduction="Where to start.")
    SearchPromotion.objects.create(
        query=Query.get("support"), page=promoted, description="Start here for support."
    )
    html = search(client, "Support")
    assert html.index("Wellbeing hub") < html.index("Support for staff")
    assert "Recommended" in html.split("Wellbeing hub", 1)[0]


def test_highlighting_escapes_html(client, site):
    StandardPageFactory(
        title="Markup test",
        introduction="Use <script>alert(1)</script> & tags carefully when writing.",
    )
    # PostgreSQL's parser skips what looks like a tag, so search the words after it.
    html = search(client, "tags carefully")
    assert "<script>alert" not in html
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>tags</mark> <mark>carefully</mark>"
        in html
    )


def test_an_excerpt_is_escaped_whatever_the_query_and_keeps_arabic_words_whole():
    pattern = terms_pattern('<b onmouseover="x"> الروّاد')
    text = "<p>Before <b>bold</b> and الرواد يغيرون &amp; more.</p>"
    result = excerpt(text, pattern, markup=True)
    assert "<b" not in result.replace("<mark>", "").replace("</mark>", "")
    # Typed with a shadda, the word is found without it, and marked whole.
    assert "<mark>الرواد</mark>" in result
    assert excerpt("x" * 500 + " needle " + "y" * 500, terms_pattern("needle")).startswith("… ")


def test_drafts_and_restricted_documents_are_never_found(client, site):
    draft = RecommendationFactory(title="Hidden draft recommendation", live=False)
    assert not draft.live
    term = GlossaryTermFactory(term="Hiddenword", definition="<p>Published.</p>")
    term.definition = "<p>A later draft.</p>"
    term.save_revision()
    unpublished = GlossaryTermFactory(term="Secretterm")
    unpublished.unpublish()

    private = Collection.get_first_root_node().add_child(name="Private")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    hidden_pdf = make_pdf("Board minutes", ["Confidential xylophone minutes."])
    document = get_document_model()(
        title="Board minutes", file=ContentFile(hidden_pdf, name="minutes.pdf"), collection=private
    )
    document._set_document_file_metadata()
    document.save()
    assert DocumentText.objects.get(document=document).text  # read, but never shown

    assert "Hidden draft" not in listed(search(client, "Hidden draft recommendation"))
    assert "Secretterm" not in listed(search(client, "Secretterm"))
    assert "Hiddenword" in listed(search(client, "Hiddenword"))
    assert "Board minutes" not in listed(search(client, "xylophone"))
    assert "Board minutes" not in listed(search(client, "Board minutes"))


def test_a_broken_or_encrypted_pdf_is_saved_without_text(caplog):
    document = make_document("Broken", "broken.pdf", b"%PDF-1.4 this is not really a pdf")
    record = DocumentText.objects.get(document=document)
    assert record.text == "" and record.problem == "unreadable"
    assert "Could not read the text of document" in caplog.text
    caplog.clear()
    reader = PdfReader(io.BytesIO(make_pdf("Locked", ["Words behind a password."])))
    writer = PdfWriter(clone_from=reader)
    writer.encrypt(user_password="a-password", algorithm="RC4-128")
    locked = io.BytesIO()
    writer.write(locked)
    encrypted = make_document("Locked", "locked.pdf", locked.getvalue())
    assert encrypted.pk, "the upload is kept"
    record = DocumentText.objects.get(document=encrypted)
    assert record.text == "" and record.problem == "unreadable"
    assert "Could not read the text of document" in caplog.text
    spreadsheet = make_document("Numbers", "numbers.csv", b"a,b\n1,2\n")
    assert DocumentText.objects.get(document=spreadsheet).problem == ""


def test_the_command_reads_existing_documents_with_a_progress_report():
    document = make_document(
        "Older report", "older.pdf", make_pdf("Older report", ["Quintessential findings."])
    )
    DocumentText.objects.all().delete()  # as on a site that had documents before search read them
    out = io.StringIO()
    call_command("extract_document_text", stdout=out)
    assert "Reading the text of 1 document(s)" in out.getvalue()
    assert "1 of 1" in out.getvalue() and "1 with text" in out.getvalue()
    assert "Quintessential" in DocumentText.objects.get(document=document).text
    out = io.StringIO()
    call_command("extract_document_text", stdout=out)
    assert "Reading the text of 0 document(s)" in out.getvalue()  # nothing left to read


def test_a_replaced_file_is_read_again_and_a_renamed_document_found_by_its_new_title(client, site):
    document = make_document("First title", "first.pdf", make_pdf("First", ["Original words."]))
    document.title = "Second title"
    document.save()
    assert "Second title" in listed(search(client, "Second title"))
    # The same search made again is kept (search/models.py) until the next change: this one.
    assert "Second title" in listed(search(client, "Original"))
    assert "Second title" in listed(search(client, "Original"))
    document.file = ContentFile(make_pdf("New", ["Replacement words."]), name="new.pdf")
    document._set_document_file_metadata()
    document.save()
    assert "Replacement words" in DocumentText.objects.get(document=document).text
    assert "Second title" not in listed(search(client, "Original"))


def test_editors_and_moderators_may_promote_results():
    from django.contrib.auth.models import Group

    for name in ("Editors", "Moderators"):
        codenames = set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__app_label="wagtailsearchpromotions")
            .values_list("codename", flat=True)
        )
        assert {
            "add_searchpromotion",
            "change_searchpromotion",
            "delete_searchpromotion",
        } <= codenames
