"""Degrade, don't fail: an image whose original file is missing or unreadable is left out of
page bodies, cards, listings, JSON-LD and Open Graph tags, with one log line, and the page
still answers 200. Every template and module goes through one helper (home/images.py).

(A hung storage endpoint is tested against the real server in test_dependency_deadlines.py.)
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from casestudies.factories import CaseStudyPageFactory
from home.demo.builder import make_image
from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def broken_image(title: str, how: str):
    """A new image (no renditions yet) whose original is missing, or is not an image."""
    image = make_image(title, (120, 40, 40))
    if how == "missing":
        image.file.storage.delete(image.file.name)
    else:
        name = image.file.name
        image.file.storage.delete(name)
        image.file.storage.save(name, ContentFile(b"this is not an image at all"))
    return image


def left_out_lines(caplog, image) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "home.images" and r.getMessage().startswith(f"Image {image.pk} left out")
    ]


@pytest.mark.parametrize("how", ["missing", "unreadable"])
def test_a_case_study_with_a_broken_image_answers_200_without_it(client, caplog, how):
    image = broken_image(f"Broken case study photo {how}", how)
    page = CaseStudyPageFactory(title="A case study whose photo broke", listing_image=image)
    index = page.get_parent()
    caplog.set_level(logging.WARNING, logger="home.images")

    response = client.get(page.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'property="og:image"' not in content
    assert '<meta name="twitter:card" content="summary">' in content
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    assert ld is not None
    data = json.loads(ld.group(1))
    assert data["@type"] == "Article" and "image" not in data
    assert len(left_out_lines(caplog, image)) == 1, "one log line per image"
    assert "Traceback" not in caplog.text

    # The finder lists the case study as a card, without its image.
    listing = client.get(index.url)
    assert listing.status_code == 200
    assert page.title in listing.content.decode()
    assert f"/images/{Path(image.file.name).stem}" not in listing.content.decode()


def test_a_broken_image_in_a_page_body_leaves_the_figure_out(client, caplog):
    good = make_image("A photo that works", (40, 120, 40))
    broken = broken_image("A photo whose file went missing", "missing")
    page = StandardPageFactory(
        body=[
            ("image", {"image": broken, "alt_text": "A missing photo", "caption": "Gone"}),
            ("image", {"image": good, "alt_text": "A photo of a workshop", "caption": "Kept"}),
        ]
    )
    caplog.set_level(logging.WARNING, logger="home.images")

    response = client.get(page.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'alt="A photo of a workshop"' in content
    assert "A missing photo" not in content and "Gone" not in content
    assert len(left_out_lines(caplog, broken)) == 1


def test_every_image_in_templates_and_code_goes_through_the_one_helper():
    """`{% image %}`, `{% picture %}`, `{% srcset_image %}` and `get_rendition` outside
    home/images.py would let a broken file or a storage error take a page down: templates use
    `{% rendition %}` and `{% srcset_rendition %}` (srcset_image through the helper)."""
    offenders = []
    for path in list((ROOT / "templates").rglob("*.html")) + [
        p
        for app in ("home", "roadmap", "casestudies", "events", "search")
        for p in (ROOT / app).rglob("*.py")
    ]:
        if path == ROOT / "home" / "images.py" or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(
            r"\{%\s*(image|picture|srcset_image)\s|get_rendition\(|wagtailimages_tags", text
        ):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
    templates = [p.read_text(encoding="utf-8") for p in (ROOT / "templates").rglob("*.html")]
    uses = sum(re.search(r"\{% (srcset_)?rendition ", text) is not None for text in templates)
    assert uses >= 7, "the helper is what they use"


def test_a_page_without_an_image_variable_renders_without_one(rf):
    """Views outside the page tree render the shared head without a `page` at all."""
    from django.template import engines

    template = engines["django"].from_string(
        '{% rendition page.sharing_image "fill-1200x630" as share %}[{{ share|default:"none" }}]'
    )
    assert template.render({}, rf.get("/")) == "[none]"
