"""The case study finder: filters that combine, a count, pages, a feed and search-engine rules."""

import re
import xml.etree.ElementTree as ET
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from casestudies.factories import create_case_studies
from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from home.models import Sector

# The finder's tests read the demo's case studies (their titles, sectors and translations).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

FINDER = "/en-gb/promising-practice/"
ATOM = "{http://www.w3.org/2005/Atom}"


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def english_case_studies():
    return CaseStudyPage.objects.live().filter(locale__language_code="en-gb")


def test_unfiltered_finder_lists_every_case_study_and_is_indexable(client):
    page = html(client, FINDER)
    count = english_case_studies().count()
    assert count >= 12
    assert f"{count} case studies" in page
    assert 'name="robots"' not in page
    finder = CaseStudyIndexPage.objects.get(locale__language_code="en-gb")
    assert f'<link rel="canonical" href="{finder.full_url}">' in page
    assert finder.full_url.endswith("/en-gb/promising-practice/")


def test_filters_combine_and_the_count_matches(client):
    policing = english_case_studies().filter(sector__slug="policing")
    both = policing.filter(principles__slug="safety")
    assert 0 < both.count() < policing.count()
    page = html(client, f"{FINDER}?sector=policing&principle=safety")
    assert f"{both.count()} case stud" in page
    for case_study in both:
        assert case_study.title in page
    for other in policing.exclude(pk__in=both.values("pk")):
        assert other.title not in page


def test_every_sector_has_case_studies_and_boroughs_filter(client):
    for sector in (
        "policing",
        "health",
        "local-authorities",
        "education",
        "voluntary-and-community",
    ):
        assert english_case_studies().filter(sector__slug=sector).exists(), sector
    page = html(client, f"{FINDER}?borough=newham")
    assert "Rewriting the letters families receive" in page
    assert "1 case study" in page


def test_free_text_search_combines_with_filters(client):
    page = html(client, f"{FINDER}?q=custody&sector=policing")
    assert "Calmer custody" in page
    assert "After a stop" not in page


def test_the_form_is_a_plain_get_form_that_works_without_javascript(client):
    page = html(client, FINDER)
    assert '<form class="finder__form" method="get" action="/en-gb/promising-practice/"' in page
    for name in ("sector", "borough", "principle", "driver", "stage", "audience"):
        assert f'<select name="{name}" id="id_{name}"' in page
        assert f'<label for="id_{name}">' in page
    assert 'type="submit"' in page
    # Submitting the form is just following a shareable URL.
    assert "Calmer custody" in html(client, f"{FINDER}?sector=policing&borough=&principle=&q=")


def test_filtered_urls_are_not_indexed_and_canonicalise_to_the_finder(client):
    page = html(client, f"{FINDER}?sector=health")
    assert '<meta name="robots" content="noindex, follow">' in page
    assert 'rel="canonical" href="http://' in page
    assert '/en-gb/promising-practice/">' in page.split('rel="canonical"')[1][:120]


def test_empty_results_say_so_and_offer_to_clear_filters(client):
    page = html(client, f"{FINDER}?sector=education&q=zzzznothing")
    assert "No case studies match these filters" in page
    assert f'<a href="{FINDER}">Clear filters and see all case studies</a>' in page


def test_an_unknown_filter_value_is_explained_not_an_error(client):
    response = client.get(f"{FINDER}?sector=astronauts&borough=camden")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Some filters could not be used" in page
    assert 'href="#id_sector"' in page
    assert "We could not find that sector" in page
    # The valid filter still applies.
    assert "Youth workers in the emergency department" in page


def pagination_link(page: str, rel: str) -> dict:
    """The query of the page's "next" or "previous" pagination link, parsed."""
    match = re.search(rf'<a href="([^"]*)" rel="{rel}">', page)
    assert match, f"no {rel} link"
    return parse_qs(urlsplit(unescape(match.group(1))).query)


def test_results_come_in_pages_and_keep_the_filters(client):
    finder = CaseStudyIndexPage.objects.get(locale__language_code="en-gb")
    health = Sector.objects.get(slug="health", locale=finder.locale)
    create_case_studies(finder, 30, sector=health)
    count = english_case_studies().filter(sector=health).count()
    assert count > 24, "three pages of health case studies"

    page = html(client, f"{FINDER}?sector=health")
    assert 'aria-label="Pages of results"' in page
    assert pagination_link(page, "next") == {"sector": ["health"], "page": ["2"]}
    second = html(client, f"{FINDER}?sector=health&page=2")
    assert "Page 2 of 3" in second
    assert f"{count} case studies" in second, "the count is of the filtered results"
    assert pagination_link(second, "prev") == {"sector": ["health"], "page": ["1"]}
    assert pagination_link(second, "next") == {"sector": ["health"], "page": ["3"]}
    assert "Calmer custody" not in second, "a policing case study is not among them"
    assert html(client, f"{FINDER}?page=999")  # out of range: the last page, not an error


def test_feed_for_a_filter_combination_lists_only_matching_case_studies(client):
    page = html(client, f"{FINDER}?sector=local-authorities&driver=relationships-and-voice")
    assert (
        'href="/en-gb/promising-practice/feed/?sector=local-authorities&amp;driver=relationships-and-voice"'
        in page
    )
    response = client.get(f"{FINDER}feed/?sector=local-authorities&driver=relationships-and-voice")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    titles = sorted(entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry"))
    # Example case studies carry the label in feeds (home/examples.py).
    expected = sorted(
        f"[Example] {title}" if example else title
        for title, example in english_case_studies()
        .filter(sector__slug="local-authorities", drivers__slug="relationships-and-voice")
        .values_list("title", "is_example_content")
    )
    assert titles == expected and len(titles) >= 2


def test_arabic_finder_is_right_to_left_and_lists_translated_case_studies(client):
    page = html(client, "/ar/promising-practice/")
    assert 'dir="rtl"' in page
    assert "الممارسات الواعدة" in page
    assert "احتجاز أكثر هدوءًا" in page


def test_renaming_a_sector_shows_in_the_finder_straight_away(client):
    client.get(FINDER)  # the choices are now cached
    sector = Sector.objects.get(slug="education", locale__language_code="en-gb")
    sector.name = "Schools and colleges"
    sector.save()
    assert '<option value="education">Schools and colleges</option>' in html(client, FINDER)
