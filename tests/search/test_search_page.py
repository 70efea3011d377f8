"""Readers search the site in their own language."""

import pytest

# Demo-site tests: searching the demo's pages.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def test_search_finds_pages_in_the_readers_language(client):
    html = client.get("/en-gb/search/", {"q": "Samaritans"}).content.decode()
    # The footer mentions Samaritans on every page, but only pages are results.
    assert "0 results" in html or "Nothing matched" in html
    html = client.get("/en-gb/search/", {"q": "champions"}).content.decode()
    assert "About the programme" in html
    arabic = client.get("/ar/search/", {"q": "الروّاد"}).content.decode()
    assert "عن البرنامج" in arabic
    assert "About the programme" not in arabic.split("</header>", 1)[1].split("<footer", 1)[0]


def test_empty_and_very_long_queries_are_handled(client):
    assert client.get("/en-gb/search/").status_code == 200
    response = client.get("/en-gb/search/", {"q": "x" * 900, "page": "not-a-number"})
    assert response.status_code == 200
    assert "Nothing matched" in response.content.decode()
    # Far longer than any query: the site's "could not read that" page (home/input_guard.py).
    refused = client.get("/en-gb/search/", {"q": "x" * 5000})
    assert refused.status_code == 400
    assert "x" * 1001 not in refused.content.decode()
