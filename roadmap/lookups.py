"""Reading the roadmap's content in the reader's language with a fixed number of queries.

Taxonomy tags (audience, driver, stages, sectors) are owned by the source-language record and
matched by slug or translation key, so a translation never loses its tags; the text comes from
the reader's language where a translation exists.
"""

from __future__ import annotations

from django.db.models import OuterRef, Prefetch, Q, Subquery
from wagtail.models import Locale

from home.caching import cached as cached_content
from home.models import Audience, Borough, DriverOfChange, Principle, Sector


def cached(name: str, build):
    """Taxonomy terms, stages and recommendations change rarely: they come from the content
    cache (home/caching.py), which forgets them when an editor changes any of them."""
    return cached_content(f"roadmap:{name}", build)


def default_locale() -> Locale:
    """The site's default language (read on every page, so cached)."""
    return cached("default-locale", Locale.get_default)


def locale_id(locale) -> int:
    return locale if isinstance(locale, int) else locale.pk


def localized_terms(model, locale) -> list:
    """All terms of a taxonomy model in `locale`, falling back to the default language for
    any term not yet translated. One query, then cached."""
    wanted = locale_id(locale)

    def build():
        default = default_locale()
        rows = model.objects.filter(locale_id__in={wanted, default.pk}).order_by(
            "sort_order", "name"
        )
        chosen: dict = {}
        for term in rows:
            if term.translation_key not in chosen or term.locale_id == wanted:
                chosen[term.translation_key] = term
        return sorted(chosen.values(), key=lambda term: (term.sort_order, term.name))

    return cached(f"terms:{model._meta.label_lower}:{wanted}", build)


def terms_by_slug(model, locale: Locale) -> dict:
    return {term.slug: term for term in localized_terms(model, locale)}


TAXONOMY = {
    "audience": Audience,
    "driver": DriverOfChange,
    "sector": Sector,
    "principle": Principle,
    "borough": Borough,
}


def live_stages(locale) -> list:
    """The roadmap's stages in the reader's language, in journey (page) order. One query,
    then cached until a page is published, unpublished, moved or deleted."""
    from roadmap.models import RoadmapStagePage

    wanted = locale_id(locale)
    return cached(
        f"stages:{wanted}",
        lambda: list(RoadmapStagePage.objects.live().filter(locale_id=wanted).order_by("path")),
    )


def recommendations(
    locale,
    *,
    audience: str = "",
    driver: str = "",
    stage_key=None,
    sector: str = "",
    with_stages: bool = True,
) -> list:
    """Live recommendations matching the filters (slugs; a stage by translation key), in the
    reader's language where translated. A recommendation with no sectors applies to all.

    Two queries (recommendations, their stages; one without `with_stages`) however many
    recommendations there are, in any language; then cached until a recommendation, a term or
    a page changes."""
    key = f"recommendations:{locale_id(locale)}:{audience}:{driver}:{stage_key}:{sector}:{with_stages}"
    return cached(
        key,
        lambda: _read_recommendations(
            locale_id(locale), audience, driver, stage_key, sector, with_stages
        ),
    )


def _read_recommendations(wanted, audience, driver, stage_key, sector, with_stages) -> list:
    from roadmap.models import Recommendation, RoadmapStagePage

    default = default_locale()
    queryset = (
        Recommendation.objects.filter(live=True, locale=default)
        .select_related("audience", "driver")
        .order_by("audience__sort_order", "sort_order", "title")
    )
    if with_stages:
        queryset = queryset.prefetch_related(
            Prefetch(
                "stages",
                queryset=RoadmapStagePage.objects.only("id", "translation_key", "path"),
            )
        )
    if audience:
        queryset = queryset.filter(audience__slug=audience)
    if driver:
        queryset = queryset.filter(driver__slug=driver)
    if stage_key:
        queryset = queryset.filter(stages__translation_key=stage_key)
    if sector:
        queryset = queryset.filter(Q(sectors__isnull=True) | Q(sectors__slug=sector))
    if wanted != default.pk:
        # The reader's translation, read in the same query.
        translated = Recommendation.objects.filter(
            live=True, locale_id=wanted, translation_key=OuterRef("translation_key")
        )
        queryset = queryset.annotate(
            local_title=Subquery(translated.values("title")[:1]),
            local_body=Subquery(translated.values("body")[:1]),
        )
    items = list(queryset.distinct())
    for item in items:
        # `lang` marks text shown in the default language because it is not translated yet,
        # so screen readers pronounce it correctly.
        item.lang = ""
        if getattr(item, "local_title", None):
            item.title = item.local_title
            item.body = item.local_body
        elif wanted != default.pk:
            item.lang = default.language_code
    return items
