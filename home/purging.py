"""What a publish purges from the cache in front of the site (Varnish, CloudFront or
Cloudflare, configured in WAGTAILFRONTENDCACHE): the page itself and every page that lists it
(home, indexes and finder, roadmap and stage pages, search, their feeds), plus the sitemap and
whatever apps add through the `site_purge_urls` hook, in every language.

Wagtail purges only the page's own address; a reader would otherwise see the old listing until
it expires. The set is computed from page types, not from content, so it has a fixed size: the
listing page types say so with `lists_content = True` and name their extra addresses (feeds,
sub-routes) in `get_cached_paths`.
"""

from __future__ import annotations

from django.conf import settings
from wagtail import hooks
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, Site, get_page_models

HOOK = "site_purge_urls"


def listing_page_models() -> list[type[Page]]:
    return [model for model in get_page_models() if getattr(model, "lists_content", False)]


def _page_urls(page) -> set[str]:
    base = page.get_full_url()
    if not base:
        return set()
    return {base + path.lstrip("/") for path in page.specific_deferred.get_cached_paths()}


def affected_urls(page) -> list[str]:
    """Every address whose cached copy may show `page`, in every language."""
    urls: set[str] = set()
    for version in Page.objects.filter(translation_key=page.translation_key):
        urls |= _page_urls(version)
    for listing in Page.objects.live().type(*listing_page_models()):
        urls |= _page_urls(listing)
    for site in Site.objects.all():
        urls.add(f"{site.root_url}/sitemap.xml")
        for extra in hooks.get_hooks(HOOK):
            urls.update(extra(site))
    return sorted(urls)


def purge_affected(sender, instance, **kwargs) -> None:
    """Purge a published or unpublished page and every page listing it (after the commit).
    Connected to Wagtail's publish signals in home/signal_handlers.py."""
    if settings.WAGTAILFRONTENDCACHE:
        purge_urls_from_cache(affected_urls(instance))
