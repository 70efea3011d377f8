"""The demo-content command builds a complete, believable site, and can be run again."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page

from home.demo.builder import Demo
from home.demo.site import ARABIC
from home.models import DriverOfChange, FooterText, HomePage, Principle, StandardPage

# Demo-site tests: the demo content itself.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def test_a_second_run_creates_nothing_and_keeps_editors_changes():
    about = StandardPage.objects.get(slug="about", locale=Locale.get_default())
    about.title = "About us (edited)"
    about.save_revision().publish()
    pages_before = Page.objects.count()
    output = io.StringIO()

    call_command("load_demo_content", stdout=output)

    assert Page.objects.count() == pages_before
    assert "0 items created" in output.getvalue()
    about.refresh_from_db()
    assert about.title == "About us (edited)"


def test_if_empty_leaves_an_existing_site_alone():
    output = io.StringIO()
    call_command("load_demo_content", "--if-empty", stdout=output)
    assert "already has content" in output.getvalue()


def test_the_site_has_its_sections_in_navigation_order(client):
    html = client.get("/en-gb/").content.decode()
    nav = html[html.index('class="site-nav"') :]
    positions = [
        nav.index(f">{title}<") for title in ("About the programme", "The roadmap", "Get involved")
    ]
    assert positions == sorted(positions)


def test_six_principles_and_invented_detail_is_marked():
    english = Locale.get_default()
    assert list(Principle.objects.filter(locale=english).values_list("slug", flat=True)) == [
        "safety",
        "trust",
        "choice",
        "collaboration",
        "empowerment",
        "inclusivity",
    ]
    # The research names four drivers but not their wording here: ours are marked as examples.
    assert DriverOfChange.objects.filter(locale=english).count() == 4
    assert not DriverOfChange.objects.filter(locale=english, is_example_content=False).exists()
    definition = StandardPage.objects.get(slug="definition", locale=english)
    assert definition.is_example_content
    assert "[example]" in definition.get_admin_display_title()


@pytest.mark.parametrize("slug", ["about", "definition", "get-involved"])
def test_key_pages_are_fully_translated_into_arabic(slug):
    english = StandardPage.objects.get(slug=slug, locale=Locale.get_default())
    assert Demo(home=None, report=print).missing_strings(english, ARABIC) == []
    arabic = english.get_translation(Locale.objects.get(language_code="ar"))
    assert arabic.live


def test_home_and_footer_are_fully_translated_into_arabic():
    demo = Demo(home=None, report=print)
    english = Locale.get_default()
    assert demo.missing_strings(HomePage.objects.get(locale=english), ARABIC) == []
    assert demo.missing_strings(FooterText.objects.get(locale=english), ARABIC) == []
    assert FooterText.objects.filter(locale__language_code="ar", live=True).exists()


def test_local_admin_password_is_shown_once():
    first, second = io.StringIO(), io.StringIO()
    call_command("create_local_admin", stdout=first)
    call_command("create_local_admin", stdout=second)
    assert "password '" in first.getvalue()
    assert "password not changed" in second.getvalue()
