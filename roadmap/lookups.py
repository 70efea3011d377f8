"""Reading the roadmap's content in the reader's language with a fixed number of queries.

Taxonomy tags (audience, driver, stages, sectors) are owned by the source-language record and
matched by slug or translation key, so a translation never loses its tags; the text comes from
the reader's language where a translation exists.
"""

from __future__ import annotations

from django.db.models import Prefetch
from wagtail.models import Locale

from home.models import Audience, Borough, DriverOfChange, Principle, Sector


def default_locale() -> Locale:
    return Locale.get_default()


def localized_terms(model, locale: Locale) -> list:
    """All terms of a taxonomy model in `locale`, falling back to the default language for
    any term not yet translated. One query."""
    default = default_locale()
    rows = model.objects.filter(locale_id__in={locale.pk, default.pk}).order_by(
        "sort_order", "name"
    )
    chosen: dict = {}
    for term in rows:
        if term.translation_key not in chosen or term.locale_id == locale.pk:
            chosen[term.translation_key] = term
    return sorted(chosen.values(), key=lambda term: (term.sort_order, term.name))


def terms_by_slug(model, locale: Locale) -> dict:
    return {term.slug: term for term in localized_terms(model, locale)}


TAXONOMY = {
    "audience": Audience,
    "driver": DriverOfChange,
    "sector": Sector,
    "principle": Principle,
    "borough": Borough,
}


def live_stages(locale: Locale) -> list:
    """The roadmap's stages in the reader's language, in journey (page) order. One query."""
    from roadmap.models import RoadmapStagePage

    return list(RoadmapStagePage.objects.live().filter(locale=locale).order_by("path"))


def recommendations(
    locale: Locale,
    *,
    audience: str = "",
    driver: str = "",
    stage_key=None,
    sector: str = "",
) -> list:
    """Live recommendations matching the filters (slugs; a stage by translation key), in the
    reader's language where translated. A recommendation with no sectors applies to all.

    Three queries in the default language (recommendations, their stages, their sectors) and
    one more in any other language, however many recommendations there are."""
    from roadmap.models import Recommendation, RoadmapStagePage

    default = default_locale()
    queryset = (
        Recommendation.objects.filter(live=True, locale=default)
        .select_related("audience", "driver")
        .prefetch_related(
            Prefetch(
                "stages",
                queryset=RoadmapStagePage.objects.only("id", "translation_key", "path"),
            ),
            Prefetch("sectors", queryset=Sector.objects.only("id", "slug", "translation_key")),
        )
        .order_by("audience__sort_order", "sort_order", "title")
    )
    if audience:
        queryset = queryset.filter(audience__slug=audience)
    if driver:
        queryset = queryset.filter(driver__slug=driver)
    if stage_key:
        queryset = queryset.filter(stages__translation_key=stage_key)
    items = list(queryset.distinct())
    if sector:
        items = [
            item
            for item in items
            if not item.sectors.all() or any(s.slug == sector for s in item.sectors.all())
        ]
    if locale.pk != default.pk and items:
        translations = {
            translated.translation_key: translated
            for translated in Recommendation.objects.filter(
                live=True, locale=locale, translation_key__in=[i.translation_key for i in items]
            ).only("id", "translation_key", "title", "body", "locale_id")
        }
        for item in items:
            translated = translations.get(item.translation_key)
            if translated is not None:
                item.title = translated.title
                item.body = translated.body
    return items
