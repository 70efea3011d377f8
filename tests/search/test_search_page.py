"""Readers search the site in their own language."""

import pytest

from home.factories import FooterTextFactory, StandardPageFactory, home_page, translate
from search.factories import SearchPageFactory

pytestmark = pytest.mark.django_db


def test_search_finds_pages_in_the_readers_language(client):
    translate(home_page(), title="الرئيسية")
    translate(SearchPageFactory(), title="بحث")
    FooterTextFactory(support_text="<p>The Listening Line answers day and night.</p>")
    about = StandardPageFactory(
        title="About the programme", introduction="How champions in Lambeth change practice."
    )
    translate(about, title="عن البرنامج", introduction="كيف يغير الرواد في Lambeth الممارسة.")
    StandardPageFactory(title="Events for schools", introduction="Workshops for teachers.")
    html = client.get("/en-gb/search/", {"q": "Listening"}).content.decode()
    assert "Listening Line" in html, "the footer is on the results page"
    # ... but only pages are results.
    assert "0 results" in html and "Nothing matched" in html
    html = client.get("/en-gb/search/", {"q": "champions"}).content.decode()
    assert "1 result for" in html
    assert "About the programme" in html and "Events for schools" not in html
    arabic = client.get("/ar/search/", {"q": "الرواد"}).content.decode()
    assert "عن البرنامج" in arabic
    # A word both versions hold finds each reader's own language only.
    for language, own, other in (
        ("en-gb", "About the programme", "عن البرنامج"),
        ("ar", "عن البرنامج", "About the programme"),
    ):
        html = client.get(f"/{language}/search/", {"q": "Lambeth"}).content.decode()
        results = html.split("</header>", 1)[1].split("<footer", 1)[0]
        assert own in results and other not in results, language


def test_empty_and_very_long_queries_are_handled(client):
    SearchPageFactory()
    assert client.get("/en-gb/search/").status_code == 200
    response = client.get("/en-gb/search/", {"q": "x" * 900, "page": "not-a-number"})
    assert response.status_code == 200
    assert "Nothing matched" in response.content.decode()
    # Far longer than any query: the site's "could not read that" page (home/input_guard.py).
    refused = client.get("/en-gb/search/", {"q": "x" * 5000})
    assert refused.status_code == 400
    assert "x" * 1001 not in refused.content.decode()


def test_an_arabic_word_with_its_vowel_signs_is_searched_as_one_word(client):
    """A shadda or a vowel sign belongs to its letter: the word is not split where it sits."""
    translate(home_page(), title="الرئيسية")
    translate(SearchPageFactory(), title="بحث")
    about = StandardPageFactory(title="Champions", introduction="Champions change practice.")
    translate(about, title="الروّاد", introduction="الروّاد يغيّرون الممارسة في لندن.")
    StandardPageFactory(title="Other", introduction="Nothing to do with it.")
    html = client.get("/ar/search/", {"q": "الروّاد"}).content.decode()
    results = html.split('<ol class="search-results"', 1)[-1].split("</ol>", 1)[0]
    assert ">الروّاد</a>" in results, "the page holding the word is found"
    assert results.count("<li") == 1
