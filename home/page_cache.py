"""The full-page cache for anonymous readers: a page built once is served from the shared cache
(Redis in production) by every app server, without touching the database, until an editor
changes anything readers see.

It is the content cache (home/caching.py) applied to whole responses: each entry remembers the
generation it was built in, and the versions of readers' own data it showed (places left at
events), so a publish, unpublish, move, taxonomy or snippet change, or a sign-up, makes every
affected page fresh on its next request, on every server at once.

- Key: scheme, host, language, path and the canonical query string (`?a=1&b=2` is
  `?b=2&a=1`).
- Bypassed for every request that is not GET or HEAD, and for anyone with a session (editors,
  and anything else that signs in), a CSRF or messages cookie.
- Never stored: anything but a 200, a response that sets a cookie or says `private`,
  `no-store` or `no-cache` (per-reader pages mark themselves so), and streamed files.
Entries live FULL_PAGE_CACHE_SECONDS at most, which bounds how long a page whose content
depends on the clock (an event that has just ended) can lag.
"""

from __future__ import annotations

import hashlib
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation

from home import caching, spam
from home.change_feed import feed

HEADER = "X-Page-Cache"
# Paths that are never pages for readers (the admin, documents served with privacy checks,
# static and uploaded files, which WhiteNoise, the CDN or S3 serve).
EXCLUDED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/healthz",
    settings.STATIC_URL,
    settings.MEDIA_URL,
)
# A reader's cookies that mean the page may be personal.
PERSONAL_COOKIES = ("sessionid", "csrftoken", "messages")
# Longer query strings are served but not stored (they are not links anyone shares).
MAX_QUERY_LENGTH = 512
# Headers only the cached copy's own response may carry.
NOT_STORED_HEADERS = {"set-cookie", HEADER.lower()}
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
# What a stored page may vary on: the language is part of the key, and every cookie that can
# make a page personal bypasses the cache (so "Cookie", which Django adds once anything looked at
# the session, is answered too).
ALLOWED_VARY = {"accept-language", "accept-encoding", "cookie"}


def canonical_query(query_string: str) -> str:
    """The query string with its parameters in one order, so equal queries share an entry."""
    return urlencode(sorted(parse_qsl(query_string, keep_blank_values=True)))


def page_key(request) -> str:
    identity = "|".join(
        (
            request.scheme,  # pages hold absolute links (canonical, sharing) in their scheme
            request.get_host(),
            # The language LocaleMiddleware will choose: the path's prefix, else the reader's
            # cookie or Accept-Language (pages outside the prefixed paths, such as the sitemap).
            translation.get_language_from_request(request, check_path=True),
            request.path,
            canonical_query(request.META.get("QUERY_STRING", "")),
        )
    )
    return "page:" + hashlib.sha256(identity.encode()).hexdigest()


def _personal(request) -> bool:
    names = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, *PERSONAL_COOKIES)
    return any(name in request.COOKIES for name in names) or "HTTP_AUTHORIZATION" in request.META


def eligible(request) -> bool:
    """Whether this request may be answered from (and fill) the cache."""
    return (
        settings.FULL_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH
        and not _personal(request)
    )


def storable(response) -> bool:
    """Whether a response is the same for every anonymous reader and worth keeping."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # The site's own default (home/middleware.py) marks public pages private only when the CDN
    # is to keep nothing; what a page says of itself (per-reader pages) always counts.
    public_by_default = getattr(response, "same_for_every_reader", False)
    cache_control = response.get("Cache-Control", "").lower()
    if not public_by_default and any(d in cache_control for d in UNCACHEABLE_DIRECTIVES):
        return False
    vary = {value.strip().lower() for value in response.get("Vary", "").split(",") if value}
    return vary <= ALLOWED_VARY


def _current(entry: dict, known: dict) -> bool:
    """Whether a kept page is still the page: built in the current generation, showing the
    current versions of readers' data, and younger than FULL_PAGE_CACHE_SECONDS (which bounds
    how long a page that depends on the clock can lag)."""
    return (
        entry["generation"] == known.get(caching.GENERATION_KEY)
        and all((known.get(key) or 0) == value for key, value in entry["versions"].items())
        and time.time() - entry.get("stored_at", 0) < settings.FULL_PAGE_CACHE_SECONDS
    )


def _from_entry(entry: dict) -> HttpResponse:
    # A form's time stamp is renewed: the reader gets the page now (home/spam.py).
    content = spam.restamp(entry["content"])
    response = HttpResponse(content, status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(content))
    response[HEADER] = "hit"
    return response


class PageCacheMiddleware:
    """Serves anonymous readers' pages from the shared cache (see the module docstring).
    It comes first in settings.MIDDLEWARE: a hit runs no other middleware, and is answered with
    the headers the whole stack gave the page when it was built (security headers, caching,
    Vary). It works out the language as LocaleMiddleware will, for the key."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not eligible(request):
            with caching.request_scope():
                return self.get_response(request)
        key = page_key(request)
        keys = [caching.GENERATION_KEY, *caching.VERSION_KEYS]
        known = feed.current()
        if known is not None:
            # The change feed is up and verified: the generation and versions are known without
            # asking Redis, and a page this process has served is in its own memory.
            entry = feed.entry(key)
            in_memory = entry is not None
            if not in_memory:
                entry = cache.get(key)  # the first time this process serves the page
            if entry is not None and _current(entry, known):
                if not in_memory:
                    feed.keep(key, entry)
                return _from_entry(entry)
            generation = known.get(caching.GENERATION_KEY)
        else:
            # One round trip: the current generation, the entry and the versions of readers'
            # data (places left) together; the change feed starts from what it read.
            found = cache.get_many([key, *keys])
            feed.verified(found, keys)
            generation = found.get(caching.GENERATION_KEY)
            entry = found.get(key)
            if generation is not None and entry is not None and _current(entry, found):
                feed.keep(key, entry)
                return _from_entry(entry)
        with caching.request_scope(generation) as state:
            generation = caching.current_generation()  # read before building the page
            response = self.get_response(request)
            if request.method == "GET" and storable(response):
                entry = {
                    "generation": generation,
                    "versions": dict(state.versions),
                    "status": response.status_code,
                    "headers": [
                        (name, value)
                        for name, value in response.items()
                        if name.lower() not in NOT_STORED_HEADERS
                    ],
                    "content": response.content,
                    "stored_at": time.time(),
                }
                cache.set(key, entry, settings.FULL_PAGE_CACHE_SECONDS)
                feed.keep(key, entry)
                response[HEADER] = "miss"
        return response
