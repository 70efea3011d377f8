"""Content truth: borrowed material names its source, and no real body carries invented results.

The six principles and the special interest group news come from the Thames Valley Violence
Reduction Unit's documents; the London definition is example wording; example case studies
describe generic organisations, never the Metropolitan Police or a borough's own service.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from wagtail.models import Locale, Page

from casestudies.models import CaseStudyPage
from home.models import Borough, Principle, StandardPage

# Demo-site tests: the demo's published text.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

SOURCE = "Thames Valley"
SOURCE_ARABIC = "وادي التايمز"


def main_text(client, path: str) -> str:
    """The page's main content as text, without form controls (a filter's options list the
    principles as choices, not as the principles themselves)."""
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    main = re.sub(r"<select.*?</select>", " ", main, flags=re.DOTALL)
    return unescape(re.sub(r"<[^>]+>", " ", main))


def shows_all_principles(text: str, names: list[str]) -> bool:
    # Plain substrings: Arabic joins prefixes to words, and a false alarm is safer than a miss.
    lowered = text.lower()
    return all(name.lower() in lowered for name in names)


def test_every_page_showing_the_six_principles_names_their_source(client):
    pages_with_principles = []
    for language, source in (("en-gb", SOURCE), ("ar", SOURCE_ARABIC)):
        locale = Locale.objects.get(language_code=language)
        names = list(Principle.objects.filter(locale=locale).values_list("name", flat=True))
        assert len(names) == 6
        for page in Page.objects.live().public().filter(locale=locale, depth__gt=1).specific():
            text = main_text(client, page.url)
            if shows_all_principles(text, names):
                pages_with_principles.append(page.url)
                assert source in text, f"{page.url} shows the six principles without their source"
    # The definition and the roadmap, in both languages, at least.
    assert {"/en-gb/about/definition/", "/en-gb/roadmap/", "/ar/roadmap/"} <= set(
        pages_with_principles
    )


def test_the_principles_grid_names_the_source_editors_set(client):
    for principle in Principle.objects.filter(locale=Locale.get_default()):
        principle.source = "A named document, 2024"
        principle.save()
    assert "Source: A named document, 2024" in main_text(client, "/en-gb/roadmap/")
    for principle in Principle.objects.filter(locale=Locale.get_default()):
        principle.source = ""
        principle.save()
    assert "Source:" not in main_text(client, "/en-gb/roadmap/")


def test_the_london_definition_is_marked_as_example_wording(client):
    definition = StandardPage.objects.get(slug="definition", locale=Locale.get_default())
    assert definition.is_example_content
    text = main_text(client, definition.url)
    assert "Example content" in text
    assert "example written for the demonstration site" in text


def test_the_special_interest_group_news_is_attributed_to_thames_valley(client):
    for path in ("/en-gb/news/special-interest-group-meets/", "/en-gb/get-involved/"):
        text = main_text(client, path)
        assert "Thames Valley VRU" in text
        assert "not the London VRU" in text
        assert "The VRU's Trauma" not in text


def test_unconfirmed_claims_are_gone_from_every_page(client):
    claims = ["shaped the case studies", "within 5 working days", "is the data controller"]
    pages = Page.objects.live().public().filter(locale=Locale.get_default(), depth__gt=1)
    checked = 0
    for page in pages:
        text = main_text(client, page.url)
        checked += 1
        for claim in claims:
            assert claim not in text, f"{page.url} says “{claim}”"
    assert checked >= 20


# --- Example case studies name no real body -------------------------------------------------

REAL_BODIES = [r"\bMetropolitan Police\b", r"\bMet\b", r"\bMPS\b", "شرطة العاصمة"]


def names_a_real_body(text: str, boroughs: list[str]) -> list[str]:
    """The real bodies `text` names: the Met, or a borough (whose council or service that is)."""
    patterns = REAL_BODIES + [rf"\b{re.escape(name)}\b" for name in boroughs]
    return [pattern for pattern in patterns if re.search(pattern, text)]


def test_the_check_recognises_real_bodies():
    boroughs = ["Newham", "City of London"]
    assert names_a_real_body("Newham children's services", boroughs)
    assert names_a_real_body("Metropolitan Police Service custody team", boroughs)
    assert names_a_real_body("The Met's wellbeing team", boroughs)
    assert names_a_real_body("A City of London team", boroughs)
    assert not names_a_real_body("An east London council's children's services", boroughs)
    assert not names_a_real_body("A London police custody team", boroughs)


def test_example_case_studies_name_no_real_body_in_their_organisation_or_title():
    english = Borough.objects.filter(locale=Locale.get_default())
    assert english.count() == 33  # the 32 boroughs and the City
    boroughs = list(Borough.objects.values_list("name", flat=True))  # in every language
    examples = CaseStudyPage.objects.filter(is_example_content=True)
    assert examples.count() >= 14  # every demo case study, in every language
    for case_study in examples:
        for text in (case_study.organisation, case_study.title):
            assert names_a_real_body(text, boroughs) == [], f"{case_study.slug}: {text}"
