"""Navigation, footer and notice: editors change them in the admin and readers see it at once."""

import pytest
from wagtail.models import Locale

from home.models import NoticeBanner, StandardPage

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("demo_site")
def test_publishing_a_page_in_menus_updates_the_navigation_straight_away(client):
    assert ">Get involved<" in client.get("/en-gb/").content.decode()
    page = StandardPage.objects.get(slug="get-involved", locale=Locale.get_default())
    page.title = "Join in"
    page.save_revision().publish()
    html = client.get("/en-gb/").content.decode()
    assert ">Join in<" in html and ">Get involved<" not in html


@pytest.mark.usefixtures("demo_site")
def test_the_notice_banner_shows_only_when_switched_on(client):
    assert "Site notice" not in client.get("/en-gb/").content.decode()
    notice = NoticeBanner.objects.get(locale=Locale.get_default())
    notice.is_enabled = True
    notice.save()
    notice.save_revision().publish()
    assert (
        "The roadmap and final report are now published." in client.get("/en-gb/").content.decode()
    )


@pytest.mark.usefixtures("demo_site")
def test_footer_shows_support_signposting_and_policy_pages_in_the_readers_language(client):
    english = client.get("/en-gb/").content.decode()
    arabic = client.get("/ar/").content.decode()
    assert "Samaritans" in english and "Privacy notice" in english
    assert "السامريون" in arabic


def test_editor_guide_is_in_the_admin_help_menu(client, editor):
    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert "/admin/editor-guide/" in dashboard
    guide = client.get("/admin/editor-guide/")
    assert guide.status_code == 200
    assert "Translating" in guide.content.decode()


def test_the_editor_guide_is_not_public(client):
    response = client.get("/admin/editor-guide/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.usefixtures("demo_site")
def test_the_dashboard_lists_pages_that_still_hold_example_content(client, editor):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "still hold example content" in html
    assert "Defining trauma-informed practice" in html
