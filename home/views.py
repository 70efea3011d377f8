"""Site-wide views outside the page tree: robots.txt, the sitemap, health check, error pages."""

from __future__ import annotations

import sys
from collections import defaultdict

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        # Filtered and searched listings repeat the pages they list.
        "Disallow: /*?*",
        "Allow: /*.css",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=3600)
def sitemap_xml(request):
    """Every live, public page of the site, each with its translations as language alternates."""
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    root = site.root_page
    pages = (
        Page.objects.live()
        .public()
        .filter(path__startswith=root.path[: Page.steplen], depth__gte=root.depth)
        .exclude(content_type__model="searchpage")
        .select_related("locale")
        .order_by("path")
    )
    groups = defaultdict(list)
    entries = []
    for page in pages:
        url = page.get_full_url(request)
        if not url:
            continue
        entry = {
            "url": url,
            "lastmod": page.last_published_at,
            "language": page.locale.language_code,
        }
        groups[page.translation_key].append(entry)
        entries.append((page.translation_key, entry))
    urls = [
        {**entry, "alternates": groups[key] if len(groups[key]) > 1 else []}
        for key, entry in entries
    ]
    return render(
        request, "sitemap.xml", {"urls": urls}, content_type="application/xml; charset=utf-8"
    )


@require_GET
def healthz(request):
    """For the load balancer: the app answers and can reach its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


# Seconds a reader (or a crawler) is asked to wait when the database is unavailable.
DATABASE_RETRY_AFTER = 60


def server_error(request):
    """The 500 page, rendered without the database (which may be what failed).

    When the error is the database being unreachable, hung (connect or statement timeout) or
    down, readers get the 503 "service unavailable" page instead, in the language of the URL,
    with a Retry-After header. The security headers are added by the middleware as usual."""
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        with translation.override(language):
            body = loader.get_template("503.html").render(
                {"LANGUAGE_CODE": language, "LANGUAGE_BIDI": translation.get_language_bidi()}
            )
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        return response
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"LANGUAGE_CODE": settings.LANGUAGE_CODE}))
