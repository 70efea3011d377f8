"""Editable without a developer: the organisation's name in each language, the footer's links
and the social platforms, changed in the admin in English and Arabic; and the footer text and
notice banner previewed in a real page frame before anything goes live."""

from __future__ import annotations

import json
import re
from importlib import import_module
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.admin.panels import get_edit_handler
from wagtail.contrib.settings.views import get_setting_edit_handler
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from casestudies.factories import ReportPageFactory
from events.factories import EventPageFactory
from home.factories import (
    FooterTextFactory,
    NewsPageFactory,
    NoticeBannerFactory,
    StandardPageFactory,
    home_page,
    locale,
    translate,
)
from home.models import FooterText, NoticeBanner, SiteSettings

pytestmark = pytest.mark.django_db

ENGLISH_NAME = "London Violence Reduction Unit"
ARABIC_NAME = "وحدة الحد من العنف في لندن"


def site_settings() -> SiteSettings:
    home_page()
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def json_ld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found, "the page has no JSON-LD"
    return json.loads(found.group(1))


def footer_of(html: str) -> str:
    return html[html.index("<footer") : html.index("</footer>")]


def footer_links(html: str) -> list[tuple[str, str]]:
    """(address, text) of each link in the footer's 'Site information' list, in order."""
    footer = footer_of(html)
    nav = footer[footer.index("<nav") : footer.index("</nav>")]
    return re.findall(r'<li><a href="([^"]+)"[^>]*>([^<]+)</a></li>', nav)


def block_messages(form, field: str) -> str:
    """Every message a StreamField's blocks gave, as editors see them beside each block."""
    return json.dumps(
        [error.as_json_data() for error in form.errors.as_data()[field]], ensure_ascii=False
    )


def stream(*blocks: tuple[str, dict]) -> str:
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


# --- The organisation's name in each language -------------------------------------------------


def arabic_footer_naming_the_organisation() -> None:
    translate(home_page(), title="الرئيسية")
    footer = FooterTextFactory(organisation_name=ENGLISH_NAME)
    translate(footer, organisation_name=ARABIC_NAME, support_text="<p>الدعم.</p>")


def test_an_arabic_footer_names_the_organisation_in_arabic_and_english_pages_keep_english(client):
    arabic_footer_naming_the_organisation()
    settings = site_settings()
    settings.contact_email = "events@example.org"
    settings.save()
    english = client.get("/en-gb/").content.decode()
    arabic = client.get("/ar/").content.decode()
    assert f"{ENGLISH_NAME}</p>" in footer_of(english) and ARABIC_NAME not in english
    assert f"{ARABIC_NAME}</p>" in footer_of(arabic) and ENGLISH_NAME not in footer_of(arabic)


def test_arabic_pages_name_the_arabic_organisation_as_publisher_organiser_and_in_citations(
    client,
):
    arabic_footer_naming_the_organisation()
    settings = site_settings()
    settings.contact_email = "events@example.org"
    settings.save()
    article = translate(NewsPageFactory(title="A named publisher"), title="ناشر مسمى")
    assert json_ld(client.get(article.url).content.decode())["publisher"]["name"] == ARABIC_NAME

    english_event = EventPageFactory(title="A named organiser")
    event = translate(english_event, title="منظم مسمى")
    assert json_ld(client.get(event.url).content.decode())["organizer"]["name"] == ARABIC_NAME
    ics = client.get(f"/ar/event-calendar/{event.pk}.ics").content.decode().replace("\r\n ", "")
    assert f'ORGANIZER;CN="{ARABIC_NAME}":mailto:events@example.org' in ics or (
        f"ORGANIZER;CN={ARABIC_NAME}:mailto:events@example.org" in ics
    )
    english_ics = client.get(f"/en-gb/event-calendar/{english_event.pk}.ics").content.decode()
    assert ARABIC_NAME not in english_ics and ENGLISH_NAME in english_ics.replace("\r\n ", "")

    report = translate(ReportPageFactory(title="What we learnt", authors=""), title="ما تعلمناه")
    html = client.get(report.url).content.decode()
    assert f"{ARABIC_NAME} (2025). ما تعلمناه. {ARABIC_NAME}." in html
    assert json_ld(html)["author"]["name"] == ARABIC_NAME


def test_a_blank_name_in_the_footer_text_uses_the_name_in_the_settings(client):
    translate(home_page(), title="الرئيسية")
    footer = FooterTextFactory(organisation_name="")
    translate(footer, organisation_name="")
    settings = site_settings()
    settings.organisation_name = "Test Borough Partnership"
    settings.save()
    assert "Test Borough Partnership</p>" in client.get("/ar/").content.decode()


# --- Footer links -----------------------------------------------------------------------------


def test_editors_add_order_and_remove_footer_links_in_both_languages(client):
    translate(home_page(), title="الرئيسية")
    privacy = StandardPageFactory(title="Privacy notice", slug="privacy")
    translate(privacy, title="إشعار الخصوصية")
    contact = StandardPageFactory(title="Contact us", slug="contact-us")
    translate(contact, title="اتصل بنا")
    settings = site_settings()
    settings.privacy_page = privacy
    settings.save()
    footer = FooterTextFactory(
        links=stream(
            ("link", {"label": "", "page": contact.pk, "external_url": ""}),
            (
                "link",
                {
                    "label": "London.gov.uk",
                    "page": None,
                    "external_url": "https://www.london.gov.uk/",
                },
            ),
        )
    )
    translate(
        footer,
        links=stream(
            ("link", {"label": "", "page": contact.pk, "external_url": ""}),
            (
                "link",
                {"label": "موقع لندن", "page": None, "external_url": "https://www.london.gov.uk/"},
            ),
        ),
    )
    english = footer_links(client.get("/en-gb/").content.decode())
    assert english == [
        ("/en-gb/privacy/", "Privacy notice"),
        ("/en-gb/contact-us/", "Contact us"),
        ("https://www.london.gov.uk/", "London.gov.uk"),
    ]
    arabic = footer_links(client.get("/ar/").content.decode())
    assert arabic == [
        ("/ar/privacy/", "إشعار الخصوصية"),
        ("/ar/contact-us/", "اتصل بنا"),
        ("https://www.london.gov.uk/", "موقع لندن"),
    ]

    # Reordered and one removed, then published: readers see it at once.
    footer.links = stream(
        (
            "link",
            {"label": "London.gov.uk", "page": None, "external_url": "https://www.london.gov.uk/"},
        )
    )
    footer.save_revision().publish()
    assert footer_links(client.get("/en-gb/").content.decode()) == [
        ("/en-gb/privacy/", "Privacy notice"),
        ("https://www.london.gov.uk/", "London.gov.uk"),
    ]


def footer_form_data(**overrides) -> dict:
    data = {
        "support_heading": "Need support?",
        "support_text": rich_text("<p>Call the Helpline for Tests.</p>"),
        "about_text": rich_text(""),
        "organisation_name": "",
        "links": streamfield([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_the_footer_form_refuses_a_link_that_is_not_https_or_has_two_targets_or_no_text():
    page = StandardPageFactory(title="Contact us")
    form_class = get_edit_handler(FooterText).get_form_class()
    cases = [
        ({"label": "Old site", "page": "", "external_url": "http://www.example.org/"}, "https://"),
        (
            {"label": "Both", "page": page.pk, "external_url": "https://www.example.org/"},
            "exactly one",
        ),
        ({"label": "", "page": "", "external_url": "https://www.example.org/"}, "need link text"),
    ]
    for value, message in cases:
        form = form_class(
            footer_form_data(links=streamfield([("link", value)])),
            instance=FooterText(),
            for_user=None,
        )
        assert not form.is_valid(), value
        assert message in block_messages(form, "links"), value
    form = form_class(
        footer_form_data(
            links=streamfield([("link", {"label": "", "page": page.pk, "external_url": ""})])
        ),
        instance=FooterText(),
        for_user=None,
    )
    assert form.is_valid(), form.errors


# --- Social platforms -------------------------------------------------------------------------


def test_the_footer_lists_every_social_platform_in_the_editors_order(client):
    home_page()
    settings = site_settings()
    settings.social_platforms = stream(
        ("platform", {"name": "YouTube", "url": "https://www.youtube.com/@example"}),
        ("platform", {"name": "Mastodon", "url": "https://mastodon.social/@example"}),
        ("platform", {"name": "LinkedIn", "url": "https://www.linkedin.com/company/example"}),
    )
    settings.save()
    footer = footer_of(client.get("/en-gb/").content.decode())
    section = footer[footer.index('id="footer-social-heading"') :]
    section = section[: section.index("</section>")]
    assert re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', section) == [
        ("https://www.youtube.com/@example", "YouTube"),
        ("https://mastodon.social/@example", "Mastodon"),
        ("https://www.linkedin.com/company/example", "LinkedIn"),
    ]


def test_with_no_social_platforms_the_footer_has_no_empty_social_list(client):
    home_page()
    assert "footer-social-heading" not in client.get("/en-gb/").content.decode()


def test_the_settings_form_refuses_a_social_address_that_is_not_https():
    settings = site_settings()
    form_class = get_setting_edit_handler(SiteSettings).get_form_class()
    data = {
        "organisation_name": ENGLISH_NAME,
        "quick_exit_url": "https://www.bbc.co.uk/weather",
    }
    refused = nested_form_data(
        {
            **data,
            "social_platforms": streamfield(
                [("platform", {"name": "LinkedIn", "url": "http://www.linkedin.com/company/x"})]
            ),
        }
    )
    form = form_class(refused, instance=settings, for_user=None)
    assert not form.is_valid()
    assert "starts with https://" in block_messages(form, "social_platforms")
    accepted = nested_form_data(
        {
            **data,
            "social_platforms": streamfield(
                [("platform", {"name": "LinkedIn", "url": "https://www.linkedin.com/company/x"})]
            ),
        }
    )
    form = form_class(accepted, instance=settings, for_user=None)
    assert form.is_valid(), form.errors


def _migration(suffix: str) -> str:
    folder = Path(import_module("home.migrations").__file__).parent
    (found,) = folder.glob(f"*_{suffix}.py")
    return found.stem


@pytest.mark.slow  # migrates the database back and forth: not in `make test-fast`
@pytest.mark.django_db(transaction=True)
def test_the_migration_carries_the_four_social_addresses_over_and_back():
    new = _migration("editable_footer_links_and_social_platforms")
    executor = MigrationExecutor(connection)
    previous = next(iter(executor.loader.graph.node_map[("home", new)].parents))
    home_page()
    executor.migrate([previous])
    old_apps = executor.loader.project_state(previous).apps
    OldSettings = old_apps.get_model("home", "SiteSettings")
    old = OldSettings.objects.get()
    old.linkedin_url = "https://www.linkedin.com/company/example"
    old.youtube_url = "https://www.youtube.com/@example"
    old.save()

    executor = MigrationExecutor(connection)
    executor.migrate([("home", new)])
    new_apps = executor.loader.project_state(("home", new)).apps
    carried = new_apps.get_model("home", "SiteSettings").objects.get()
    assert [block["value"] for block in carried.social_platforms.raw_data] == [
        {"name": "LinkedIn", "url": "https://www.linkedin.com/company/example"},
        {"name": "YouTube", "url": "https://www.youtube.com/@example"},
    ]

    executor = MigrationExecutor(connection)
    executor.migrate([previous])
    back = executor.loader.project_state(previous).apps.get_model("home", "SiteSettings")
    back = back.objects.get()
    assert back.linkedin_url == "https://www.linkedin.com/company/example"
    assert back.youtube_url == "https://www.youtube.com/@example"
    assert back.x_url == "" and back.bluesky_url == ""

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


# --- Previews ---------------------------------------------------------------------------------


def preview(client, model, instance, data: dict) -> str:
    """POST the unsaved form to the snippet's preview, then GET the preview as the admin does."""
    url = reverse(
        f"wagtailsnippets_home_{model._meta.model_name}:preview_on_edit", args=[instance.pk]
    )
    posted = client.post(url, data)
    assert posted.json() == {"is_valid": True, "is_available": True}, posted.content
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_footer_preview_shows_the_unsaved_wording_in_a_page_frame_and_nothing_goes_live(
    client, editor
):
    translate(home_page(), title="الرئيسية")
    footer = translate(FooterTextFactory(support_text="<p>Live English support.</p>"))
    client.force_login(editor)
    html = preview(
        client,
        FooterText,
        footer,
        footer_form_data(
            support_text=rich_text("<p>مسودة: اتصلوا بخط المساعدة.</p>"),
            organisation_name="اسم المنظمة في المسودة",
            links=streamfield(
                [
                    (
                        "link",
                        {
                            "label": "رابط المسودة",
                            "page": "",
                            "external_url": "https://example.org/",
                        },
                    )
                ]
            ),
        ),
    )
    assert '<html lang="ar" dir="rtl">' in html
    assert "<header" in html and "<main" in html
    footer_html = footer_of(html)
    assert "مسودة: اتصلوا بخط المساعدة." in footer_html
    assert "اسم المنظمة في المسودة" in footer_html
    assert '<a href="https://example.org/" rel="noopener">رابط المسودة</a>' in footer_html

    client.logout()
    live = client.get("/ar/").content.decode()
    assert "مسودة" not in live and "رابط المسودة" not in live
    footer.refresh_from_db()
    assert footer.organisation_name == "" and not footer.has_unpublished_changes


def test_the_notice_preview_shows_the_banner_before_it_is_switched_on_and_nothing_goes_live(
    client, editor
):
    home_page()
    notice = NoticeBannerFactory(message="<p>The old notice.</p>")
    client.force_login(editor)
    html = preview(
        client,
        NoticeBanner,
        notice,
        nested_form_data(
            {
                "is_enabled": "",
                "level": "important",
                "message": rich_text("<p>Tonight's workshop has moved online.</p>"),
            }
        ),
    )
    assert '<html lang="en-gb"' in html
    assert 'class="notice notice--important" role="region" aria-label="Site notice"' in html
    assert "Tonight's workshop has moved online." in html
    client.logout()
    assert "moved online" not in client.get("/en-gb/").content.decode()
    notice.refresh_from_db()
    assert "The old notice." in notice.message and not notice.has_unpublished_changes


def test_translators_give_the_name_and_link_text_in_arabic_in_the_translation_editor(client):
    """Through wagtail-localize, as a translator works: the name and each link's text are
    strings to translate, and a page link leads Arabic readers to the Arabic page."""
    translate(home_page(), title="الرئيسية")
    contact = StandardPageFactory(title="Contact us", slug="contact-us")
    translate(contact, title="اتصل بنا")
    footer = FooterTextFactory(
        organisation_name=ENGLISH_NAME,
        links=stream(
            ("link", {"label": "Write to us", "page": contact.pk, "external_url": ""}),
        ),
    )
    arabic = locale("ar")
    source, _ = TranslationSource.get_or_create_from_instance(footer)
    translation = Translation.objects.create(source=source, target_locale=arabic)
    strings = {ENGLISH_NAME: ARABIC_NAME, "Write to us": "راسلونا"}
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    assert set(strings) <= {segment.string.data for segment in segments}
    for segment in segments:
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=arabic,
            context=segment.context,
            data=strings.get(segment.string.data, segment.string.data),
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )
    translation.save_target(publish=True)

    html = client.get("/ar/").content.decode()
    assert f"{ARABIC_NAME}</p>" in footer_of(html)
    assert footer_links(html) == [("/ar/contact-us/", "راسلونا")]
