"""Site-wide views outside the page tree: robots.txt, the sitemap, health check, error pages,
and where form pages post."""

from __future__ import annotations

import sys
from collections import defaultdict

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page, Site

from home.input_guard import bad_input_response
from home.models import FormPage
from home.public_forms import PublicForm, page_with_form
from home.security import same_origin_post
from home.throttling import Rate, Throttle


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


# Pages in one sitemap file: a bigger site gets a sitemap index (/sitemap.xml) pointing to
# files of at most this many pages (/sitemap-1.xml, ...), so no response grows with the content.
# A page may add a few addresses of its own (`sitemap_paths()`, e.g. the roadmap's
# recommendations listing and audience views), far below the protocol's 50,000 per file.
SITEMAP_SIZE = 500
XML = "application/xml; charset=utf-8"


def _sitemap_pages(request):
    """Every live, public page of the site, translations next to each other."""
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    root = site.root_page
    return (
        Page.objects.live()
        .public()
        .filter(path__startswith=root.path[: Page.steplen], depth__gte=root.depth)
        .exclude(content_type__model="searchpage")
        .select_related("locale")
        .order_by("translation_key", "locale_id", "pk")
    )


def _urlset(request, pages):
    groups = defaultdict(list)
    entries = []
    for page in pages:
        url = page.get_full_url(request)
        if not url:
            continue
        # A page that serves more than itself (e.g. the roadmap's recommendations listing and
        # its audience views) names the extra paths in `sitemap_paths()`, relative to its URL.
        extra = getattr(page.specific_class, "sitemap_paths", None)
        paths = [""] + (page.specific.sitemap_paths() if extra else [])
        for path in paths:
            entry = {
                "url": url + path.lstrip("/"),
                "lastmod": page.last_published_at,
                "language": page.locale.language_code,
            }
            key = (page.translation_key, path)
            groups[key].append(entry)
            entries.append((key, entry))
    urls = [
        {**entry, "alternates": groups[key] if len(groups[key]) > 1 else []}
        for key, entry in entries
    ]
    return render(request, "sitemap.xml", {"urls": urls}, content_type=XML)


@require_GET
@cache_control(public=True, max_age=3600)
def sitemap_xml(request):
    """Every live, public page, each with its translations as language alternates; or, for a
    site of more than SITEMAP_SIZE pages, the index of its sitemap files."""
    pages = _sitemap_pages(request)
    count = pages.count()  # always, so the index costs what the single file does
    if count <= SITEMAP_SIZE:
        return _urlset(request, pages)
    files = (count + SITEMAP_SIZE - 1) // SITEMAP_SIZE
    locations = [request.build_absolute_uri(f"/sitemap-{n}.xml") for n in range(1, files + 1)]
    return render(request, "sitemap_index.xml", {"locations": locations}, content_type=XML)


@require_GET
@cache_control(public=True, max_age=3600)
def sitemap_file(request, number: int):
    """One file of a big site's sitemap: at most SITEMAP_SIZE pages (and their own extra addresses)."""
    # An absurd number would overflow the database's OFFSET; no site has 100,000 files.
    if not 1 <= number <= 100_000:
        raise Http404("No such sitemap file")
    start = (number - 1) * SITEMAP_SIZE
    pages = list(_sitemap_pages(request)[start : start + SITEMAP_SIZE])
    if not pages:
        raise Http404("No such sitemap file")
    return _urlset(request, pages)


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


def bad_request(request, exception=None):
    """Django's own 400s (too many fields, a body too large): the site's page, in the reader's
    language, without repeating what was sent."""
    return bad_input_response(request)


# --- Form pages (home.models.FormPage) ----------------------------------------------------

# Named in its spam stamp as templates/home/form_page.html writes it. A reader sends a form a
# few times at most; colleagues behind one office connection a few more.
FORM_PAGE = PublicForm(
    "form-page", Throttle("form-page", per_address=(Rate(10, 10 * 60), Rate(40, 24 * 60 * 60)))
)


# No CSRF cookie for readers: the post is checked for coming from this site (home/security.py).
@same_origin_post
@require_POST
def send_form(request, page_id: int):
    """A form page's form, sent: kept (and emailed, if the page says so), then the thank-you
    text; or the form again with what to fix."""
    page = get_object_or_404(FormPage.objects.live(), pk=page_id)
    sent = HttpResponseRedirect(f"{page.url}?sent=1", status=303)
    form = page.get_form(request.POST, page=page, user=request.user)
    answer = FORM_PAGE.screen(
        request,
        form,
        sent=lambda: sent,
        show_again=lambda form, message: page_with_form(request, page, form, message),
        back_url=page.url,
    )
    if answer:
        return answer
    page.process_form_submission(form)
    return sent
