"""The shell every page shares: language, landmarks, navigation, footer, headers."""

import pytest

from home.factories import StandardPageFactory, home_page, translate

pytestmark = pytest.mark.django_db


def test_root_sends_readers_to_their_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 302
    assert response["Location"] == "/ar/"


def test_home_page_has_language_direction_and_landmarks(client):
    translate(home_page(), title="الرئيسية")
    english = client.get("/en-gb/").content.decode()
    arabic = client.get("/ar/").content.decode()
    assert "الرئيسية" in arabic, "the Arabic home page, not a page not found"
    assert '<html lang="en-gb" dir="ltr">' in english
    assert '<html lang="ar" dir="rtl">' in arabic
    for html in (english, arabic):
        assert 'href="#main-content"' in html
        assert '<main id="main-content"' in html
        assert "<header" in html and "<footer" in html


def test_language_switcher_links_to_the_same_page_in_the_other_language(client):
    translate(StandardPageFactory(title="About", slug="about"), title="حول")
    html = client.get("/en-gb/about/").content.decode()
    assert 'href="/ar/about/" hreflang="ar"' in html
