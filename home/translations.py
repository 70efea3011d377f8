"""Out-of-date translations: translated pages whose source page has changed since the
translation was last taken from it, for the notice readers see (templates/components/
translation_notice.html), the warning translators see in the editor (home/wagtail_hooks.py)
and any report or dashboard panel that lists them (`out_of_date_translations`).

What "out of date" means, with wagtail-localize's models:

- A page is translated through a `Translation` (source, target language, `enabled`) of a
  `TranslationSource`, wagtail-localize's frozen copy of the source page's content. That copy
  is taken when the page is submitted for translation and again on "Sync translated pages"
  (`TranslationSource.update_from_db`); `last_updated_at` is when it was last taken. Saving or
  publishing the translation (`Translation.save_target`) builds the translated page from it.
- The content readers see of the source page is what its last publish put live, at the page's
  `last_published_at`.
- A translation is out of date when the source page has been published since the translated
  page's content was taken from it: `last_published_at` of the source page is later than
  `last_updated_at` of the source copy, or later than the translated page's own
  `last_published_at` (a sync saved without publishing leaves readers with the older
  translation until a translator publishes it).

Only synced translations (`enabled`) count: one a translator has stopped syncing is kept by
hand and says nothing about its source. A publish of the source page that changes nothing
still counts as a change (only dates are compared, never content), so a translator clears the
warning with a sync. Snippets have no notice: their sources match no page and drop out.

The notice is built in the content cache (home/caching.py): no query once warm. A publish,
and any save of a `Translation` or `TranslationSource` (submitting, syncing, stopping a
translation; home/signal_handlers.py watches both), moves the cache to a new generation, so
the translated page shows or drops the notice on its next request, full-page cache included.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from wagtail.models import Page
from wagtail_localize.models import Translation

from home import caching


def _published_at(locale_field: str) -> Subquery:
    """When the version of the translation's page in the language `locale_field` names was
    last published (None for a draft, or when no such page exists, such as for snippets)."""
    return Subquery(
        Page.objects.filter(
            translation_key=OuterRef("source__object_id"), locale_id=OuterRef(locale_field)
        ).values("last_published_at")[:1]
    )


def out_of_date_translations() -> QuerySet[Translation]:
    """Every synced page translation whose source page has been published since the
    translation was last taken from it (the module docstring says exactly when), one query
    whatever their number. Each row carries `source_published_at` and `target_published_at`;
    the source and target language are joined in."""
    return (
        Translation.objects.filter(enabled=True)
        .annotate(
            source_published_at=_published_at("source__locale_id"),
            target_published_at=_published_at("target_locale_id"),
        )
        .filter(
            Q(source_published_at__gt=F("source__last_updated_at"))
            | Q(source_published_at__gt=F("target_published_at"))
        )
        .select_related("source", "source__locale", "target_locale")
        .order_by("-source_published_at")
    )


def out_of_date_translation_of(page: Page) -> Translation | None:
    """The synced translation `page` is the target of, if it is out of date (one query)."""
    return (
        out_of_date_translations()
        .filter(source__object_id=page.translation_key, target_locale_id=page.locale_id)
        .first()
    )


def _source_link(page: Page, request=None) -> dict:
    translation = out_of_date_translation_of(page)
    if translation is None:
        return {}
    source = Page.objects.filter(
        translation_key=page.translation_key, locale_id=translation.source.locale_id
    ).first()
    url = source.get_url(request) if source is not None and source.live else None
    if not url:
        return {}
    code = translation.source.locale.language_code
    return {
        "url": url,
        "title": source.title,
        "language_code": code,
        "dir": "rtl" if code in settings.RTL_LANGUAGES else "ltr",
    }


def stale_source_link(page: Page, request=None) -> dict:
    """For a translated page that is out of date, the current source page readers can go to:
    its address, title, language code and direction; empty otherwise (or when the source page
    is not live). From the content cache: no query once warm."""
    if not isinstance(page, Page) or not page.pk:
        return {}
    return caching.cached(f"stale-translation:{page.pk}", lambda: _source_link(page, request))
