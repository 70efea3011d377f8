"""Protection for the site's public forms, which readers send without any cookie.

Readers get no cookies here (pages are cacheable by a CDN), so public forms cannot use
Django's cookie-based CSRF token. Their views are `csrf_exempt` and instead accept a POST
only when the browser says it comes from a page of this site: the Origin header (sent by every
current browser on POST) or, if a privacy tool removed it, the Referer. A forged cross-site
post carries the other site's origin, which pages on other sites cannot change.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt


def is_same_origin(request) -> bool:
    """True when the browser says this POST was sent from a page of this site."""
    expected = f"{request.scheme}://{request.get_host()}"
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        return origin == expected
    referer = request.headers.get("Referer")
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}" == expected
    return False


def same_origin_post(view):
    """The one guard for the site's public forms: exempt from Django's cookie-based CSRF check
    and instead refuse (403, with a page saying what to do) a POST that does not come from a
    page of this site. GET and HEAD pass through."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and not is_same_origin(request):
            return TemplateResponse(
                request,
                "403_cross_site.html",
                {"title": _("This form must be sent from our website")},
                status=403,
            )
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)


def client_address(request) -> str:
    """The reader's IP address, as the site's own trusted proxy reports it.

    Behind a load balancer or CDN, REMOTE_ADDR is the proxy's address, and any header a client
    sends can be forged. So the address is read from one header only, the one named by
    `CLIENT_IP_HEADER` (set by the proxy we run, e.g. "X-Forwarded-For"), and from that header
    only the entry `TRUSTED_PROXY_COUNT` places from the right: the one our proxy appended.
    Entries further left were written by the client and are ignored. With no header
    configured (local runs, tests) it is REMOTE_ADDR. Throttling and login lockout both use it.
    """
    header = settings.CLIENT_IP_HEADER
    if header:
        value = request.headers.get(header, "")
        entries = [entry.strip() for entry in value.split(",") if entry.strip()]
        position = settings.TRUSTED_PROXY_COUNT
        if len(entries) >= position:
            return entries[-position][:64]
    return request.META.get("REMOTE_ADDR", "")[:64]
