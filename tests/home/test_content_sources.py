"""The sources register (docs/content-sources.md) and the demo site agree: every key figure and
date on a page that is not example content comes from a seed listed in the register, and
everything the register lists is still on its page."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from wagtail.models import Page

# Demo-site tests: every demo page's sources and claims.
pytestmark = pytest.mark.usefixtures("demo_site")


ROOT = Path(__file__).resolve().parents[2]
REGISTER = ROOT / "docs" / "content-sources.md"
TABLE_HEADER = "| Page | Figure or date | Statement | Source |"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"\b\d{{1,2}} (?:{MONTHS})(?: \d{{4}})?\b|\b(?:{MONTHS}) \d{{4}}\b")
SEED = re.compile(r"^seed 00[0-4]\b")
LABEL = 'class="example-label"'


def register_rows() -> list[dict]:
    """The rows of the register's key figures and dates table."""
    lines = REGISTER.read_text(encoding="utf-8").splitlines()
    start = lines.index(TABLE_HEADER)
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        page, value, statement, source = (cell.strip() for cell in line.strip("|").split("|"))
        rows.append({"page": page, "value": value, "statement": statement, "source": source})
    return rows


def shown(client, path: str) -> tuple[str, list[str], list[str]]:
    """The page's main HTML, its key figures and the dates in its text."""
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    figures = [unescape(f) for f in re.findall(r'<p class="key-figure__number">(.*?)</p>', main)]
    dates = DATE.findall(unescape(re.sub(r"<[^>]+>", " ", main)))
    return main, figures, dates


def test_the_register_gives_every_row_a_seed_or_marks_it_example():
    rows = register_rows()
    assert len(rows) >= 10
    for row in rows:
        assert SEED.match(row["source"]) or row["source"].startswith("example"), row
        if re.match(r"^seed 00[34]", row["source"]):
            assert "Thames Valley" in row["source"], row  # seeds 003 and 004 are not London's


@pytest.mark.django_db
def test_every_figure_and_date_on_a_real_page_is_in_the_register_with_its_source(client):
    rows = register_rows()
    problems, checked = [], 0
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    for page in pages:
        if page.is_example_content:
            continue
        main, figures, dates = shown(client, page.url)
        for value in figures + dates:
            checked += 1
            row = next((r for r in rows if r["page"] == page.url and r["value"] == value), None)
            if row is None:
                problems.append(f"{page.url}: “{value}” is not in the register")
            elif not SEED.match(row["source"]) and LABEL not in main:
                problems.append(f"{page.url}: “{value}” is example, but the page shows no label")
    assert problems == []
    assert checked >= 15


@pytest.mark.django_db
def test_everything_the_register_lists_is_on_its_page(client):
    rows = register_rows()
    by_page: dict[str, list[str]] = {}
    for row in rows:
        by_page.setdefault(row["page"], []).append(row["value"])
    for path, values in by_page.items():
        _main, figures, dates = shown(client, path)
        for value in values:
            assert value in figures + dates, f"the register lists “{value}” on {path}"


def test_the_check_finds_dates_and_figures_the_way_readers_see_them():
    assert DATE.findall("Met on Thursday 26 January; published 27 January 2023, July 2025.") == [
        "26 January",
        "27 January 2023",
        "July 2025",
    ]
