"""Out-of-date translations are visible (home/translations.py): once the English page is
published again, readers of its Arabic translation are told, in Arabic, that it was translated
from an earlier version and are given the current English page; translators see a warning in
the translation's editor; a sync takes both away. Everything goes through wagtail-localize's own
admin views, as an editor's "Translate this page" and "Sync translated pages" do."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from home import translations
from home.factories import StandardPageFactory, locale

pytestmark = pytest.mark.django_db

NOTICE = "تُرجمت هذه الصفحة عن نسخة سابقة من الصفحة الإنجليزية."
EDITOR_WARNING = "source page has been published since this translation was last synced"


@pytest.fixture
def english():
    locale("ar")
    return StandardPageFactory(title="Safe spaces", introduction="The first version.")


def submit_for_translation(client, page, capture):
    """The "Translate this page" form, into Arabic, as an editor (signed in on `client`) sends
    it; the translation is published at once, as the English page is live."""
    with capture(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.id]),
            {"locales": [locale("ar").id]},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    return page.get_translation(locale("ar"))


def publish_a_change(page, introduction):
    page = page.specific
    page.introduction = introduction
    page.save_revision().publish()


def sync_translated_pages(client, page, capture):
    """The "Sync translated pages" form, publishing the translations, as an editor sends it."""
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    with capture(execute=True):
        response = client.post(
            reverse("wagtail_localize:update_translations", args=[source.id]),
            {"publish_translations": "on"},
        )
    assert response.status_code == 302, response.content.decode()[:2000]


def reader_sees(client, page) -> str:
    client.logout()
    response = client.get(Page.objects.get(pk=page.pk).url)
    assert response.status_code == 200
    return response.content.decode()


def test_readers_are_told_when_the_english_page_has_changed_since_the_translation(
    client, editor, english, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    arabic = submit_for_translation(client, english, django_capture_on_commit_callbacks)
    assert arabic.live
    html = reader_sees(client, arabic)
    assert NOTICE not in html, "a fresh translation has no notice"
    assert 'role="note"' not in html

    publish_a_change(english, "The second version.")
    html = reader_sees(client, arabic)
    assert NOTICE in html
    assert "اقرأ الصفحة الإنجليزية الحالية:" in html
    # The link goes to the current English page; its English title is marked as English.
    assert (
        '<a href="/en-gb/safe-spaces/" hreflang="en-gb" lang="en-gb" dir="ltr">Safe spaces</a>'
        in html
    )
    # Near the top, inside the main content, in a note named for what it is.
    main = html.index('<main id="main-content"')
    assert main < html.index('role="note" aria-label="عن هذه الترجمة"') < html.index("<h1>")

    client.force_login(editor)
    sync_translated_pages(client, english, django_capture_on_commit_callbacks)
    html = reader_sees(client, arabic)
    assert NOTICE not in html, "after a sync the translation is current again"
    assert "The second version." in html, "the sync brought the change in"


def test_the_english_page_itself_never_shows_the_notice(
    client, editor, english, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    submit_for_translation(client, english, django_capture_on_commit_callbacks)
    publish_a_change(english, "The second version.")
    assert "translation-note" not in reader_sees(client, english)


def test_a_sync_saved_without_publishing_leaves_readers_told(
    client, editor, english, django_capture_on_commit_callbacks
):
    """Readers still see the older translation until a translator publishes it."""
    client.force_login(editor)
    arabic = submit_for_translation(client, english, django_capture_on_commit_callbacks)
    publish_a_change(english, "The second version.")
    source = TranslationSource.objects.get(object_id=english.translation_key)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtail_localize:update_translations", args=[source.id]))
    assert response.status_code == 302
    assert NOTICE in reader_sees(client, arabic)


def test_the_full_page_cache_shows_the_notice_on_the_next_request_after_the_english_publish(
    client, editor, english, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    arabic = submit_for_translation(client, english, django_capture_on_commit_callbacks)
    client.logout()
    with override_settings(FULL_PAGE_CACHE_SECONDS=300):
        client.get(arabic.url)
        kept = client.get(arabic.url)
        assert kept.headers["X-Page-Cache"] == "hit"
        assert NOTICE not in kept.content.decode()
        publish_a_change(english, "The second version.")
        after = client.get(arabic.url)
        assert after.headers["X-Page-Cache"] == "miss"
        assert NOTICE in after.content.decode()


def test_translators_are_warned_in_the_editor_until_they_sync(
    client, editor, english, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    arabic = submit_for_translation(client, english, django_capture_on_commit_callbacks)
    edit_url = reverse("wagtailadmin_pages:edit", args=[arabic.pk])
    assert EDITOR_WARNING not in client.get(edit_url).content.decode()

    publish_a_change(english, "The second version.")
    response = client.get(edit_url)
    assert response.status_code == 200
    content = response.content.decode()
    assert f"The English (UK) {EDITOR_WARNING}" in content
    assert "Sync translated pages" in content
    english_edit = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert EDITOR_WARNING not in english_edit.content.decode(), "the source is never warned"

    sync_translated_pages(client, english, django_capture_on_commit_callbacks)
    assert EDITOR_WARNING not in client.get(edit_url).content.decode()


def test_out_of_date_translations_are_listed_in_one_query(
    client, editor, django_capture_on_commit_callbacks, django_assert_num_queries
):
    """The list a report or dashboard panel reads: one query, however many translations."""
    locale("ar")
    pages = [StandardPageFactory(title=f"Page {number}") for number in range(3)]
    client.force_login(editor)
    for page in pages:
        submit_for_translation(client, page, django_capture_on_commit_callbacks)
    assert not translations.out_of_date_translations().exists()

    publish_a_change(pages[0], "Changed.")
    publish_a_change(pages[2], "Changed too.")
    with django_assert_num_queries(1):
        stale = list(translations.out_of_date_translations())
    assert {t.source.object_id for t in stale} == {
        pages[0].translation_key,
        pages[2].translation_key,
    }
    assert {t.target_locale.language_code for t in stale} == {"ar"}
    assert all(t.source_published_at > t.source.last_updated_at for t in stale)


def test_a_translation_taken_over_by_hand_shows_no_notice(
    client, editor, english, django_capture_on_commit_callbacks
):
    """Once a translator stops syncing a translation it is kept by hand: nothing says which
    English version it follows. The page read just before is not served from the cache."""
    client.force_login(editor)
    arabic = submit_for_translation(client, english, django_capture_on_commit_callbacks)
    publish_a_change(english, "The second version.")
    assert NOTICE in reader_sees(client, arabic)
    translation = translations.out_of_date_translation_of(arabic)
    client.force_login(editor)
    response = client.post(
        reverse("wagtail_localize:stop_translation", args=[translation.id]), {"next": "/admin/"}
    )
    assert response.status_code == 302
    assert NOTICE not in reader_sees(client, arabic)
