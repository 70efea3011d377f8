"""The default language's locale, which event sign-ups belong to."""

from __future__ import annotations

from django.conf import settings
from wagtail.models import Locale

_DEFAULT_LOCALE_IDS: dict[str, int] = {}


def default_locale_id() -> int:
    """`Locale.get_default().pk`, asked once per process: the default locale never changes
    once created, and listings ask for it on every request (page budgets are pinned)."""
    code = settings.LANGUAGE_CODE
    if code not in _DEFAULT_LOCALE_IDS:
        _DEFAULT_LOCALE_IDS[code] = Locale.get_default().pk
    return _DEFAULT_LOCALE_IDS[code]
