"""Collects what the budget tests measure and prints it as a table at the end of the run
(`make benchmarks` shows it on its own)."""

from __future__ import annotations

import pytest

MEASURED: dict[str, dict[str, object]] = {}
GROWTH: dict[str, dict[str, int]] = {}


def record(page_type: str, **values) -> None:
    MEASURED.setdefault(page_type, {}).update(values)


def record_growth(name: str, **values) -> None:
    GROWTH.setdefault(name, {}).update(values)


def pytest_terminal_summary(terminalreporter):
    _growth_table(terminalreporter.write_line)
    if not MEASURED:
        return
    write = terminalreporter.write_line
    write("")
    write(
        "Page budgets (queries once warm: at most 12; from the full-page cache ('cached'): 0; "
        "text page: at most 100 KB, JS 20 KB)"
    )
    header = (
        f"{'page type':<22} {'example':<34} {'queries':>7} {'cached':>6} "
        f"{'HTML':>8} {'total':>9} {'JS':>8}"
    )
    write(header)
    write("-" * len(header))

    def kb(value) -> str:
        return f"{value / 1024:.1f} KB" if isinstance(value, int) else "-"

    for page_type, values in sorted(MEASURED.items()):
        write(
            f"{page_type:<22} {values.get('path', '')!s:<34} "
            f"{values.get('queries', '-')!s:>7} {values.get('cached_queries', '-')!s:>6} "
            f"{kb(values.get('html_bytes')):>8} "
            f"{kb(values.get('total_bytes')):>9} {kb(values.get('js_bytes')):>8}"
        )


def _growth_table(write) -> None:
    if not GROWTH:
        return
    write("")
    write(
        "With the demo, then with 1,000 case studies, 200 events, 500 recommendations and "
        "200 documents more"
    )
    header = (
        f"{'page':<22} {'queries':>7} {'more':>5} {'HTML':>9} {'more':>9} {'ms':>6} {'more':>6}"
    )
    write(header)
    write("-" * len(header))
    for name, values in sorted(GROWTH.items()):
        write(
            f"{name:<22} {values['queries_demo']:>7} {values['queries_bulk']:>5} "
            f"{values['html_demo'] / 1024:>6.1f} KB {values['html_bulk'] / 1024:>6.1f} KB "
            f"{values['ms_demo']:>6.1f} {values['ms_bulk']:>6.1f}"
        )


@pytest.fixture(scope="session")
def page_examples(demo_site, django_db_blocker) -> dict[str, str]:
    """One live English page per page type in the test database's demo site: {type: path}."""
    from wagtail.models import Locale, Page

    with django_db_blocker.unblock():
        examples: dict[str, str] = {}
        english = Locale.get_default()
        for page in (
            Page.objects.live()
            .public()
            .filter(depth__gt=1, locale=english)
            .specific()
            .order_by("path")
        ):
            examples.setdefault(type(page).__name__, page.url)
    return examples


EXAMPLES_IN_THE_SERVER = """
import json
from wagtail.models import Locale, Page
examples = {}
pages = Page.objects.live().public().filter(depth__gt=1, locale=Locale.get_default())
for page in pages.specific().order_by("path"):
    examples.setdefault(type(page).__name__, page.url)
print(json.dumps(examples))
"""


@pytest.fixture(scope="session")
def served_page_examples(site_server) -> dict[str, str]:
    """The same, read from the live server's own database (browser tests keep out of the test
    database: a query from inside Playwright's event loop opens a connection that outlives the
    run and stops PostgreSQL dropping the test database)."""
    import json

    result = site_server.manage("shell", "-v", "0", "-c", EXAMPLES_IN_THE_SERVER)
    return json.loads(result.stdout.strip().splitlines()[-1])
