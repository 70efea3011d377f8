"""Navigation, footer and notice: editors change them in the admin and readers see it at once."""

import pytest
from wagtail.models import Site

from home.factories import (
    FooterTextFactory,
    NoticeBannerFactory,
    StandardPageFactory,
    home_page,
    translate,
)
from home.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_publishing_a_page_in_menus_updates_the_navigation_straight_away(client):
    page = StandardPageFactory(title="Take part", show_in_menus=True)
    StandardPageFactory(title="Kept out of the menu", show_in_menus=False)
    html = client.get("/en-gb/").content.decode()
    assert ">Take part<" in html
    assert ">Kept out of the menu<" not in html
    page.title = "Join in"
    page.save_revision().publish()
    html = client.get("/en-gb/").content.decode()
    assert ">Join in<" in html and ">Take part<" not in html


def test_the_notice_banner_shows_only_when_switched_on(client):
    home_page()
    notice = NoticeBannerFactory(message="<p>Tonight's workshop has moved online.</p>")
    html = client.get("/en-gb/").content.decode()
    assert "Site notice" not in html and "moved online" not in html
    notice.is_enabled = True
    notice.save()
    notice.save_revision().publish()
    html = client.get("/en-gb/").content.decode()
    assert "Site notice" in html
    assert "Tonight's workshop has moved online." in html


def test_footer_shows_support_signposting_and_policy_pages_in_the_readers_language(client):
    translate(home_page(), title="الرئيسية")
    footer = FooterTextFactory(support_text="<p>Call the Helpline for Tests any time.</p>")
    translate(footer, support_text="<p>اتصل بخط المساعدة للاختبار في أي وقت.</p>")
    privacy = StandardPageFactory(title="How we use your details", slug="privacy")
    translate(privacy, title="كيف نستخدم بياناتك")
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.privacy_page = privacy
    site_settings.save()
    english = client.get("/en-gb/").content.decode()
    arabic = client.get("/ar/").content.decode()
    assert "Helpline for Tests" in english and ">How we use your details<" in english
    assert "خط المساعدة للاختبار" in arabic and ">كيف نستخدم بياناتك<" in arabic
    assert "Helpline for Tests" not in arabic and "How we use your details" not in arabic


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


def test_the_dashboard_lists_pages_that_still_hold_example_content(client, editor):
    StandardPageFactory(title="An invented definition", is_example_content=True)
    StandardPageFactory(title="A checked definition", is_example_content=False)
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "1 page still holds example content" in html
    assert "An invented definition" in html
    assert "A checked definition" not in html
