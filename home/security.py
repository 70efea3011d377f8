"""Protection for the site's public forms, which readers send without any cookie.

Readers get no cookies here (pages are cacheable by a CDN), so public forms cannot use
Django's cookie-based CSRF token. Their views are `csrf_exempt` and instead accept a POST
only when the browser says it comes from a page of this site: the Origin header (sent by every
current browser on POST) or, if a privacy tool removed it, the Referer. A forged cross-site
post carries the other site's origin, which pages on other sites cannot change.
"""

from __future__ import annotations

from urllib.parse import urlsplit


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
