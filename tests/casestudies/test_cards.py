"""No empty boxes: a case-study card shows its picture, or, without one (none chosen, or its
file gone missing), a decorative block in its sector's colour naming the sector; a case study
with neither picture nor sector has a card without an image area."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from wagtail.images.rect import Rect

from casestudies.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    listing_image,
)
from home.factories import PrincipleFactory, SectorFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
FINDER = "/en-gb/stories/"


@pytest.fixture
def finder():
    return CaseStudyIndexPageFactory(title="Stories", slug="stories")


@pytest.fixture
def policing():
    return SectorFactory(name="Policing", slug="policing", icon="shield")


def card(client, title: str, path: str = FINDER) -> str:
    """The HTML of the card titled `title` on the page at `path`."""
    response = client.get(path)
    assert response.status_code == 200
    cards = re.findall(r'<article class="card case-card">.*?</article>', response.text, re.S)
    found = [html for html in cards if f">{title}</a>" in html]
    assert len(found) == 1, f"no single card for {title!r} on {path}"
    return found[0]


def assert_no_empty_box(html: str) -> None:
    assert not re.search(r"<img(?![^>]*\bsrc=\"[^\"]+\")", html), "an <img> without a source"
    assert "<figure" not in html
    # No element left with nothing inside it (a box drawn around nothing).
    assert not re.search(r"<(div|span|figure|picture)\b[^>]*>\s*</\1>", html)
    assert "style=" not in html  # the site's CSP allows no inline styles


def assert_placeholder(html: str, sector_name: str, colour: str) -> None:
    placeholder = re.search(
        r'<div class="card__placeholder ([^"]*)" aria-hidden="true">(.*?)</div>', html, re.S
    )
    assert placeholder, "no placeholder where the picture would be"
    assert placeholder.group(1) == f"card__placeholder--{colour}"
    assert sector_name in placeholder.group(2)
    assert "<img" not in html


def test_a_case_study_without_a_picture_shows_its_sector_in_colour(client, finder, policing):
    CaseStudyPageFactory(parent=finder, title="Calmer custody", sector=policing)
    html = card(client, "Calmer custody")
    assert_no_empty_box(html)
    assert_placeholder(html, "Policing", "shield")


def test_a_case_study_whose_picture_file_is_missing_shows_the_placeholder(client, finder, policing):
    image = listing_image("A picture whose file went missing")
    image.file.storage.delete(image.file.name)
    CaseStudyPageFactory(
        parent=finder, title="Calmer custody", sector=policing, listing_image=image
    )
    html = card(client, "Calmer custody")
    assert_no_empty_box(html)
    assert_placeholder(html, "Policing", "shield")


def test_a_case_study_with_a_picture_shows_the_picture(client, finder, policing):
    CaseStudyPageFactory(
        parent=finder, title="Calmer custody", sector=policing, listing_image=listing_image()
    )
    html = card(client, "Calmer custody")
    assert_no_empty_box(html)
    assert re.search(r'<img src="[^"]+\.webp"[^>]*class="card__image">', html)
    assert "card__placeholder" not in html


def test_moving_a_pictures_focal_point_shows_on_the_finder_straight_away(client, finder, policing):
    """The finder's cards are cached until the next change: an edited image is one."""
    image = listing_image("A picture whose focal point moves")
    CaseStudyPageFactory(
        parent=finder, title="Calmer custody", sector=policing, listing_image=image
    )
    before = re.search(r'<img src="([^"]+)"', card(client, "Calmer custody")).group(1)
    image.set_focal_point(Rect(0, 0, 40, 40))
    image.save()
    after = re.search(r'<img src="([^"]+)"', card(client, "Calmer custody")).group(1)
    assert after != before, "the card shows the rendition for the new focal point"


def test_a_sector_without_an_icon_gets_the_plain_colour(client, finder):
    sector = SectorFactory(name="Voluntary sector", slug="voluntary")
    CaseStudyPageFactory(parent=finder, title="Calmer custody", sector=sector)
    assert_placeholder(card(client, "Calmer custody"), "Voluntary sector", "plain")


def test_a_case_study_with_neither_picture_nor_sector_has_no_image_area(client, finder):
    CaseStudyPageFactory(parent=finder, title="Calmer custody")
    html = card(client, "Calmer custody")
    assert_no_empty_box(html)
    assert "card__placeholder" not in html and "<img" not in html


def test_related_case_studies_get_the_placeholder_too(client, finder, policing):
    safety = PrincipleFactory(name="Safety", slug="safety")
    CaseStudyPageFactory(
        parent=finder, title="Calmer custody", sector=policing, principles=[safety]
    )
    other = CaseStudyPageFactory(
        parent=finder, title="Safer cells", sector=policing, principles=[safety]
    )
    html = card(client, "Calmer custody", path=other.url)
    assert_no_empty_box(html)
    assert_placeholder(html, "Policing", "shield")


def test_the_placeholder_styles_mirror_in_right_to_left_languages():
    css = (ROOT / "home/static/tilondon/css/site.css").read_text()
    rules = re.findall(r"^\.card__placeholder[^{]*\{[^}]*\}", css, re.M)
    assert len(rules) >= 11  # the block, and a colour for each of the ten icons
    for rule in rules:
        assert not re.search(r"\b(left|right)\b", rule), rule
