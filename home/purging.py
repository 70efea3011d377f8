"""What an editor's change purges from the cache in front of the site (Varnish, CloudFront or
Cloudflare, configured in WAGTAILFRONTENDCACHE), once the change is committed:

- publishing or unpublishing a page: the page (every language's version) and every page that
  lists it (home, indexes and finder, roadmap and stage pages, search, their feeds), plus the
  sitemap and whatever apps add through the `site_purge_urls` hook, in every language;
- moving a page, changing its slug or deleting it: the same, plus everything under its old and
  new addresses (its descendants' addresses move with it): one wildcard address each
  (`https://host/path/*`), a BAN of the prefix for Varnish, a `/path/*` invalidation for
  CloudFront (Cloudflare purges everything: prefix purges are an Enterprise feature);
- a page in the main navigation (`show_in_menus`), or a model registered with `purges_site`
  (footer text, notice banner, site settings, glossary terms, taxonomy terms: they show on
  every page): the whole site (`https://host/*`: one BAN of everything for Varnish, a `/*`
  invalidation for CloudFront, "purge everything" for Cloudflare);
- a model registered with `purges_listings` (recommendations): the listing pages, in every
  language.

Wagtail purges only a published page's own address; a reader would otherwise see the old
listing until it expires. The listing set is computed from page types, not from content, so it
has a fixed size: the listing page types say so with `lists_content = True` and name their
extra addresses (feeds, sub-routes) in `get_cached_paths`.

Everything asked for within one transaction is sent together after it commits
(`transaction.on_commit`): a bulk load of 500 snippets sends one ban, not 500. A purge endpoint
that refuses or never answers costs the save at most `DEADLINE` seconds, and is logged.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

import requests
from django.conf import settings
from django.db import models, transaction
from wagtail import __version__ as wagtail_version
from wagtail import hooks
from wagtail.contrib.frontend_cache.backends import (
    CloudflareBackend,
    CloudfrontBackend,
    HTTPBackend,
)
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, Site, get_page_models

logger = logging.getLogger("home.purging")

HOOK = "site_purge_urls"
WILDCARD = "*"
# More addresses than this in one batch: purge the whole site instead (one request, not
# hundreds; CloudFront takes at most 3,000 paths in an invalidation).
MAX_URLS = 300
# Seconds one purge request may take, and all of one batch's requests together.
TIMEOUT = 2
DEADLINE = 5

# The fields Wagtail saves when an editor saves a draft of a snippet: nothing readers see.
DRAFT_FIELDS = frozenset(
    {
        "latest_revision",
        "has_unpublished_changes",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
        "latest_revision_created_at",
    }
)

# What `purges_site` and `purges_listings` registered (read by home/signal_handlers.py).
SITE_WIDE_MODELS: set[type[models.Model]] = set()
LISTING_MODELS: set[type[models.Model]] = set()


def purges_site(*model_classes: type[models.Model]) -> None:
    """Saving or deleting one of these (or changing its many-to-many tags) purges the whole
    site: they show on every page. Call it from an AppConfig.ready."""
    SITE_WIDE_MODELS.update(model_classes)


def purges_listings(*model_classes: type[models.Model]) -> None:
    """Saving or deleting one of these purges the listing pages (not the whole site)."""
    LISTING_MODELS.update(model_classes)


def through_models(model_classes: Iterable[type[models.Model]]) -> set[type]:
    """The many-to-many tables of these models (their tags)."""
    throughs: set[type] = set()
    for model in model_classes:
        for field in model._meta.many_to_many:
            through = getattr(field.remote_field, "through", None)
            if through is not None:
                throughs.add(through)
    return throughs


def listing_page_models() -> list[type[Page]]:
    return [model for model in get_page_models() if getattr(model, "lists_content", False)]


def _page_urls(page) -> set[str]:
    base = page.get_full_url()
    if not base:
        return set()
    return {base + path.lstrip("/") for path in page.specific_deferred.get_cached_paths()}


def _versions(page) -> set[str]:
    """Every language's version of `page`, with its extra cached addresses."""
    urls: set[str] = set()
    for version in Page.objects.filter(translation_key=page.translation_key):
        urls |= _page_urls(version)
    return urls


def listing_urls() -> set[str]:
    """Every listing page, in every language, with the sitemap and the hooks' addresses."""
    urls: set[str] = set()
    for listing in Page.objects.live().type(*listing_page_models()):
        urls |= _page_urls(listing)
    for site in Site.objects.all():
        urls.add(f"{site.root_url}/sitemap.xml")
        for extra in hooks.get_hooks(HOOK):
            urls.update(extra(site))
    return urls


def affected_urls(page) -> list[str]:
    """Every address whose cached copy may show `page`, in every language."""
    return sorted(_versions(page) | listing_urls())


def site_wide_urls() -> set[str]:
    return {f"{site.root_url}/{WILDCARD}" for site in Site.objects.all()}


# --- One batch per transaction ---------------------------------------------------------------


class Pending:
    """What this thread's transaction has asked to purge so far."""

    def __init__(self) -> None:
        self.urls: set[str] = set()
        self.listings = False
        self.everything = False

    def __bool__(self) -> bool:
        return bool(self.urls or self.listings or self.everything)


_local = threading.local()


def _pending() -> Pending:
    if not hasattr(_local, "pending"):
        _local.pending = Pending()
    return _local.pending


def _schedule(urls: Iterable[str] = (), *, listings: bool = False, everything: bool = False):
    """Purge after the commit (at once outside a transaction), with everything else the same
    transaction asks for. Each call registers the flush; the first one to run after the commit
    sends the whole batch and the others find nothing left. (A rolled-back transaction's
    addresses go out with the next commit's: a purge too many, never one too few.)"""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    pending = _pending()
    pending.urls.update(urls)
    pending.listings |= listings
    pending.everything |= everything
    if not getattr(_local, "holding", 0):
        transaction.on_commit(flush)


@contextmanager
def batched() -> Iterator[None]:
    """Hold this thread's purges until the block ends, then send them as one batch (after the
    commit, if a transaction is still open): for commands that save many rows in many
    transactions, such as load_demo_content."""
    _local.holding = getattr(_local, "holding", 0) + 1
    try:
        yield
    finally:
        _local.holding -= 1
        if not _local.holding:
            transaction.on_commit(flush)


def _in_every_language(url: str) -> set[str]:
    """`url` with its language prefix (/en-gb/) replaced by each language's, as Wagtail's
    purge does (WAGTAILFRONTENDCACHE_LANGUAGES)."""
    parts = urlsplit(url)
    segments = parts.path.split("/", 2)
    languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    if len(segments) < 3 or segments[1] not in languages:
        return {url}
    return {urlunsplit(parts._replace(path=f"/{language}/{segments[2]}")) for language in languages}


def _collapse(urls: set[str]) -> set[str]:
    """Leave out addresses a wildcard in the batch already covers (in any language: Wagtail
    purges each address in every language)."""
    prefixes = sorted(
        {
            variant[: -len(WILDCARD)]
            for url in urls
            if url.endswith(WILDCARD)
            for variant in _in_every_language(url)
        }
    )
    kept = {url for url in urls if not any((url + "/").startswith(prefix) for prefix in prefixes)}
    for prefix in prefixes:
        if not any(prefix != other and prefix.startswith(other) for other in prefixes):
            kept.add(prefix + WILDCARD)
    return kept


def batch_urls(pending: Pending) -> list[str]:
    """The addresses one batch purges."""
    urls = set(pending.urls)
    if pending.listings and not pending.everything:
        urls |= listing_urls()
    if pending.everything or len(urls) > MAX_URLS:
        urls = site_wide_urls()
    return sorted(_collapse(urls))


def flush() -> None:
    pending = _pending()
    if not pending:
        return
    _local.pending = Pending()
    _local.flushing = True
    try:
        purge_urls_from_cache(batch_urls(pending))
    finally:
        _local.flushing = False


def deferred(urls) -> bool:
    """Whether a backend's purge was asked for inside a transaction or a `batched` block
    (Wagtail's own purges: the published page, the old addresses of a moved page's
    redirects): then it joins the batch, sent after the commit, where a ban may cover it."""
    if getattr(_local, "flushing", False):
        return False
    if not (getattr(_local, "holding", 0) or transaction.get_connection().in_atomic_block):
        return False
    _schedule(urls)
    return True


# --- What each change purges (connected in home/signal_handlers.py) --------------------------


def page_published_or_unpublished(instance) -> None:
    """The page in every language and every listing; the whole site for a page in the main
    navigation (every page's header names it)."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    if instance.show_in_menus:
        _schedule(everything=True)
    else:
        _schedule(_versions(instance), listings=True)


def purge_affected(sender, instance, **kwargs) -> None:
    """Kept for Wagtail-style receivers: a published or unpublished page and its listings."""
    page_published_or_unpublished(instance)


def _old_address(page, url_path_before: str, url_path_after: str) -> str | None:
    """The full address `page` had at `url_path_before` (it is now at `url_path_after`)."""
    new = page.get_full_url()
    if not new:
        return None
    for root in Site.get_site_root_paths():
        if url_path_after.startswith(root.root_path) and url_path_before.startswith(root.root_path):
            after = url_path_after[len(root.root_path) :]
            before = url_path_before[len(root.root_path) :]
            if new.endswith(after):
                return new[: len(new) - len(after)] + before
    return None


def page_moved(instance, url_path_before: str, url_path_after: str) -> None:
    """A page moved (or its slug changed): everything under its old and new addresses, its
    versions and the listings; the whole site when its old address cannot be worked out
    (moved to another site or language) or it is in the main navigation."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    if url_path_before == url_path_after:  # reordered among its siblings: the listings' order
        _schedule(listings=True, everything=instance.show_in_menus)
        return
    old = _old_address(instance, url_path_before, url_path_after)
    new = instance.get_full_url()
    if old is None or new is None or instance.show_in_menus:
        _schedule(everything=True)
        return
    _schedule({old + WILDCARD, new + WILDCARD} | _versions(instance), listings=True)


def page_deleted(instance) -> None:
    """A page deleted: everything under its address (its descendants go with it) and the
    listings."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    url = instance.get_full_url()
    if url is None:
        return
    if instance.show_in_menus:
        _schedule(everything=True)
    else:
        _schedule({url + WILDCARD}, listings=True)


def site_changed() -> None:
    """Anything readers see may have changed (a deploy): purge the whole site."""
    _schedule(everything=True)


def model_changed(sender, update_fields=None) -> None:
    """A registered model was saved or deleted, or a registered model's many-to-many tags
    changed (`sender` is then the through model). A draft (only the revision bookkeeping
    saved) changes nothing readers see."""
    if update_fields and set(update_fields) <= DRAFT_FIELDS:
        return
    if sender in SITE_WIDE_MODELS or sender in through_models(SITE_WIDE_MODELS):
        _schedule(everything=True)
    elif sender in LISTING_MODELS or sender in through_models(LISTING_MODELS):
        _schedule(listings=True)


# --- Backends --------------------------------------------------------------------------------


class PurgeRequest(Request):
    def __init__(self, *args, method: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.purge_method = method

    def get_method(self) -> str:
        return self.purge_method


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP backend (PURGE of each address) with a deadline, and a BAN for a wildcard
    address (`https://host/path/*`: everything under /path/; deploy/varnish/default.vcl
    accepts both from the app servers only). Wagtail's own waits as long as the endpoint
    does; here each request may take `TIMEOUT` seconds and one batch `DEADLINE` in all: after
    a refused or unanswered request the rest of the batch is given up, and logged."""

    def purge(self, url) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls) -> None:
        urls = list(urls)
        if deferred(urls):
            return
        if len(urls) > MAX_URLS:
            host = urlsplit(urls[0])
            urls = [urlunsplit((host.scheme, host.netloc, "/" + WILDCARD, "", ""))]
        deadline = time.monotonic() + DEADLINE
        for index, url in enumerate(urls):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._send(url, min(TIMEOUT, remaining)):
                logger.error(
                    "The cache in front did not answer in time: %d of %d addresses not purged "
                    "(they expire within PAGE_CACHE_SECONDS)",
                    len(urls) - index,
                    len(urls),
                )
                return

    def _send(self, url: str, timeout: float) -> bool:
        """Whether the endpoint answered (a refusal such as 405 is logged, and answers)."""
        parsed = urlsplit(url)
        method = "PURGE"
        path = parsed.path
        if path.endswith(WILDCARD):
            method, path = "BAN", path[: -len(WILDCARD)]
        host = parsed.hostname or ""
        if parsed.port:
            host += f":{parsed.port}"
        request = PurgeRequest(
            urlunsplit((self.cache_scheme, self.cache_netloc, path, parsed.query, "")),
            headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{wagtail_version}"},
            method=method,
        )
        try:
            with urlopen(request, timeout=timeout):  # noqa: S310 (the configured endpoint)
                return True
        except HTTPError as error:
            logger.error("Couldn't %s %s: the cache answered %d", method, url, error.code)
            return True
        except (URLError, OSError) as error:
            logger.error("Couldn't %s %s: %s", method, url, getattr(error, "reason", error))
            return False


class CloudflareEverythingBackend(CloudflareBackend):
    """Wagtail's Cloudflare backend, with a deadline (Wagtail's waits as long as Cloudflare
    does), and "purge everything" for a wildcard address: Cloudflare purges by prefix only on
    Enterprise plans, and Wagtail's backend sends addresses only. `API_URL` (optional) is the
    API's base address."""

    def __init__(self, params) -> None:
        api = params.pop("API_URL", "https://api.cloudflare.com/client/v4")
        super().__init__(params)
        self.cloudflare_purge_endpoint_url = f"{api}/zones/{self.cloudflare_zoneid}/purge_cache"

    def _headers(self) -> dict[str, str]:
        if self.cloudflare_token:
            return {"Authorization": f"Bearer {self.cloudflare_token}"}
        return {"X-Auth-Email": self.cloudflare_email, "X-Auth-Key": self.cloudflare_api_key}

    def _post(self, data: dict) -> bool:
        """Whether Cloudflare answered (a refusal is logged, and answers)."""
        try:
            response = requests.post(
                self.cloudflare_purge_endpoint_url,
                json=data,
                headers=self._headers(),
                timeout=(TIMEOUT, DEADLINE),
            )
        except requests.RequestException as error:
            logger.error("Couldn't purge from Cloudflare: %s", error)
            return False
        try:
            success = response.json().get("success")
        except ValueError:
            success = False
        if not success:
            logger.error(
                "Cloudflare refused the purge (%d): %s", response.status_code, response.text[:500]
            )
        return True

    def purge_batch(self, urls) -> None:
        urls = list(urls)
        if deferred(urls):
            return
        if any(url.endswith(WILDCARD) for url in urls) or len(urls) > MAX_URLS:
            self._post({"purge_everything": True})
            return
        for start in range(0, len(urls), self.CHUNK_SIZE):
            if not self._post({"files": urls[start : start + self.CHUNK_SIZE]}):
                return  # not answering: the rest would wait as long

    def purge(self, url) -> None:
        self.purge_batch([url])


class CloudFrontBackend(CloudfrontBackend):
    """Wagtail's CloudFront backend with a deadline: one attempt, `TIMEOUT` seconds to connect
    and `DEADLINE` to answer (boto3's defaults are 60 seconds each, with retries), and a
    failure to answer logged like a refusal. A wildcard address (`/*`, `/path/*`) is a
    CloudFront wildcard invalidation as it is."""

    def __init__(self, params) -> None:
        import boto3
        from botocore.config import Config

        super().__init__(params)
        self.client = boto3.client(
            "cloudfront",
            aws_access_key_id=params.get("AWS_ACCESS_KEY_ID"),
            aws_secret_access_key=params.get("AWS_SECRET_ACCESS_KEY"),
            aws_session_token=params.get("AWS_SESSION_TOKEN"),
            region_name=params.get("AWS_REGION", "us-east-1"),
            endpoint_url=params.get("ENDPOINT_URL"),
            config=Config(
                connect_timeout=TIMEOUT, read_timeout=DEADLINE, retries={"max_attempts": 1}
            ),
        )

    def purge_batch(self, urls) -> None:
        urls = list(urls)
        if not deferred(urls):
            super().purge_batch(urls)

    def _create_invalidation(self, distribution_id, paths) -> None:
        from botocore.exceptions import BotoCoreError

        try:
            super()._create_invalidation(distribution_id, paths)
        except BotoCoreError as error:
            logger.error("Couldn't invalidate %d paths in CloudFront: %s", len(paths), error)
