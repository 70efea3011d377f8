"""Search on the demo site: its documents' text is read as the demo is built, and its
promoted result comes first."""

import pytest

from search.models import DocumentText

pytestmark = [pytest.mark.usefixtures("demo_site"), pytest.mark.django_db]


def test_the_demo_documents_text_is_searchable(client):
    pdfs = DocumentText.objects.filter(document__file__endswith=".pdf")
    assert pdfs.exists() and all(record.text for record in pdfs)
    html = client.get("/en-gb/search/", {"q": "Integrated Care Boards", "type": "documents"})
    assert "Trauma-informed London: final report (example)" in html.content.decode()


def test_the_demo_promotion_comes_first_in_both_languages(client):
    english = client.get("/en-gb/search/", {"q": "report"}).content.decode()
    first = english.split('class="search-results', 1)[1]
    assert "Recommended" in first.split("</li>", 1)[0]
    assert "final report" in first.split("</li>", 1)[0]
    arabic = client.get("/ar/search/", {"q": "report"}).content.decode()
    assert "مُوصى به" in arabic
