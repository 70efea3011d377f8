"""No axe-core violations on the finder, a case study, a report and the news, in both languages."""

import pytest

from tests.support.browser import axe_violations, describe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path",
    [
        "/en-gb/promising-practice/",
        "/en-gb/promising-practice/?sector=astronauts&q=zzz",
        "/ar/promising-practice/",
        "/en-gb/promising-practice/calmer-custody/",
        "/ar/promising-practice/calmer-custody/",
        "/en-gb/research/",
        "/ar/research/",
        "/en-gb/research/final-report/",
    ],
)
def test_case_study_and_research_pages_have_no_accessibility_violations(
    site_server, browser_page, path
):
    response = browser_page.goto(site_server.url + path)
    assert response.status == 200
    violations = axe_violations(browser_page)
    assert violations == [], describe_violations(violations)
