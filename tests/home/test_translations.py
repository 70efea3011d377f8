"""Arabic readers see the site's own words in Arabic, not only the editors' content."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "home" / "locale" / "ar" / "LC_MESSAGES"


def reader_facing(entry) -> bool:
    """Strings from public templates (the admin's own screens are for editors, in English)."""
    return any(
        path.startswith("templates/") and "wagtailadmin" not in path
        for path, _line in entry.occurrences
    )


def test_every_reader_facing_string_has_an_arabic_translation():
    catalogue = polib.pofile(str(CATALOGUE / "django.po"))
    missing = [
        entry.msgid for entry in catalogue if reader_facing(entry) and not entry.translated()
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
    html = client.get("/ar/").content.decode()
    assert "انتقل إلى المحتوى الرئيسي" in html  # skip link
    assert 'aria-label="القائمة الرئيسية"' in html  # main navigation
