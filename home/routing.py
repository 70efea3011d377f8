"""Wagtail's routing served from the content cache (home/caching.py): which Site a host name
belongs to, the site's root paths (for page URLs), the page a path leads to and the view
restrictions on it and its ancestors, in one cache read per request instead of a query per
path level, plus the Site, Locale, root page and privacy lookups.

How a page is served:
- `RoutingMiddleware.process_view` sees Wagtail's `serve` view about to run and reads the
  route entry for (host, port, language, path) together with the content generation. A current
  entry names the page: it is loaded by its primary key (one query: the one a page always
  needs) and handed to Wagtail through the attributes Wagtail itself caches its lookups in
  (`request._wagtail_site`, `request._wagtail_cached_site_root_paths`,
  `request._wagtail_route_for_request`). The page's own `route` is still called for what is
  left of the path, so a routable page's sub-pages (a finder's filters) resolve as always.
- Without a current entry Wagtail routes as usual, and the `before_serve_page` hook
  (home/wagtail_hooks.py) keeps what it found for the next request.
- The view restrictions are kept as ids only: a page that has some reads them afresh (one
  query), so a changed password or group list applies at once; a page without any (nearly
  every page) needs no query. Wagtail's own check before serving reads them through
  `SitePage.get_view_restrictions`.

The entry is only valid in the generation it was built in, and every publish, unpublish, move,
delete, view-restriction, Site and Locale change moves the generation on (home/signal_handlers.py):
a moved page's old address is not found, and a page made private asks for its password, on
the very next request on every server. As a second guard, the page loaded from the database
must still be live and at the address the entry was made for. With the cache unreachable the
read finds nothing and Wagtail routes from the database, as it always did.

Previews and the page editor never go through this: Wagtail serves them without its `serve`
view.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.http import Http404, HttpRequest
from django.http.request import split_domain_port
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction

from home import caching
from home.models import SitePage

_KEY = "_routing_key"
_GENERATION = "_routing_generation"
_HIT = "_routing_hit"


def route_key(request: HttpRequest, path: str) -> str:
    """The entry for what Wagtail would route this path to: it depends on the host and port
    (which Site), the active language (which translation of the site's root page) and the
    path below the language prefix."""
    # As Wagtail's Site lookup (its raw host: CommonMiddleware has checked it by now).
    hostname = split_domain_port(request.get_host())[0]
    identity = "|".join((hostname, str(request.get_port()), translation.get_language() or "", path))
    return "route:" + hashlib.sha256(identity.encode()).hexdigest()


def use_cached_route(request: HttpRequest, path: str) -> bool:
    """Give Wagtail this request's route from the cache; whether there was one to give."""
    key = route_key(request, path)
    generation, entry = caching.read_current(key)
    if generation is None:
        generation = caching.current_generation()
    setattr(request, _KEY, key)
    setattr(request, _GENERATION, generation)
    if not isinstance(entry, dict) or entry.get("generation") != generation:
        return False
    try:
        model = apps.get_model(entry["model"])
    except LookupError:
        return False
    page = model.objects.filter(pk=entry["page_id"]).first()
    if page is None or not page.live or page.url_path != entry["url_path"]:
        return False  # changed without the generation moving on: route from the database
    components = [component for component in path.split("/") if component]
    try:
        result = page.route(request, components[entry["levels"] :])
    except Http404:
        return False
    if result is None or result[0] is not page:
        return False
    ids = entry["restrictions"]
    page._routed_view_restrictions = (
        list(PageViewRestriction.objects.filter(pk__in=ids)) if ids else []
    )
    # Where Wagtail keeps what it found for the rest of the request.
    setattr(request, "_wagtail_site", entry["site"])  # noqa: B010
    setattr(request, "_wagtail_cached_site_root_paths", entry["root_paths"])  # noqa: B010
    setattr(request, "_wagtail_route_for_request", result)  # noqa: B010
    setattr(request, _HIT, True)
    return True


def remember_route(page: Page, request: HttpRequest) -> None:
    """Keep the route Wagtail has just found from the database (the `before_serve_page`
    hook), under the generation read before it was found."""
    key = getattr(request, _KEY, None)
    site = getattr(request, "_wagtail_site", None)
    if key is None or getattr(request, _HIT, False) or site is None:
        return
    if not isinstance(page, SitePage):
        return
    restrictions = list(page.get_view_restrictions())
    page._routed_view_restrictions = restrictions  # Wagtail's check reads them, no new query
    entry: dict[str, Any] = {
        "generation": getattr(request, _GENERATION),
        "site": site,
        "root_paths": page._get_site_root_paths(request),
        "model": page._meta.label,
        "page_id": page.pk,
        "url_path": page.url_path,
        # path components that led to the page; the rest is the page's own (routable pages)
        "levels": page.depth - site.root_page.depth,
        "restrictions": [restriction.pk for restriction in restrictions],
    }
    cache.set(key, entry, caching.TIMEOUT)


class RoutingMiddleware:
    """Serves Wagtail's routing lookups from the content cache (see the module docstring).
    Acts only on requests about to reach Wagtail's page-serving view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_views.serve:
            path = view_kwargs.get("path", view_args[0] if view_args else "")
            use_cached_route(request, path or "")
        return None
