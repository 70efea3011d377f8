"""The site's own words (labels, buttons, messages, emails) in Arabic, not only the editors' content."""

from pathlib import Path

import polib
import pytest

from home.factories import StandardPageFactory, home_page, translate

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "home" / "locale" / "ar" / "LC_MESSAGES"


def admin_only(path: str) -> bool:
    """Code and templates only editors see (the admin's own screens are in English)."""
    return (
        path.endswith(("wagtail_hooks.py", "admin_views.py", "admin_forms.py"))
        or "/admin/" in path
        or path.startswith("templates/wagtailadmin/")
    )


def test_every_string_readers_can_meet_has_an_arabic_translation():
    """Templates, form labels and messages, emails, statuses: everything but admin-only screens."""
    catalogue = polib.pofile(str(CATALOGUE / "django.po"))
    missing = [
        entry.msgid
        for entry in catalogue
        if not entry.translated() and not all(admin_only(path) for path, _line in entry.occurrences)
    ]
    assert missing == []


def test_the_compiled_catalogue_matches_the_source():
    source = polib.pofile(str(CATALOGUE / "django.po"))
    compiled = polib.mofile(str(CATALOGUE / "django.mo"))
    compiled_strings = {entry.msgid: entry.msgstr for entry in compiled}
    for entry in source:
        if entry.translated() and not entry.msgid_plural:
            assert compiled_strings.get(entry.msgid) == entry.msgstr, entry.msgid


@pytest.mark.django_db
def test_the_shell_speaks_arabic_on_arabic_pages(client):
    translate(home_page(), title="الرئيسية")
    translate(StandardPageFactory(title="About", show_in_menus=True), title="حول")
    response = client.get("/ar/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "انتقل إلى المحتوى الرئيسي" in html  # skip link
    assert 'aria-label="القائمة الرئيسية"' in html  # main navigation
