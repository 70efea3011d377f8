"""Response headers every page carries: the public site's and the admin's own
Content-Security-Policy (settings CONTENT_SECURITY_POLICY and ADMIN_CONTENT_SECURITY_POLICY)."""

from __future__ import annotations

from django.conf import settings
from django.utils.cache import patch_cache_control

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
# Wagtail's admin needs inline scripts and styles: it gets its own, looser policy.
ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class SecurityHeadersMiddleware:
    """Adds a strict Content-Security-Policy (the admin's own under /admin/) and
    Permissions-Policy, and lets a CDN cache anonymous public pages for PAGE_CACHE_SECONDS
    (never a response that sets a cookie)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        is_admin = request.path.startswith(ADMIN_PREFIXES)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if is_admin:
            response.setdefault("Content-Security-Policy", settings.ADMIN_CONTENT_SECURITY_POLICY)
        else:
            policy = settings.CONTENT_SECURITY_POLICY
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # Signed-in editors see Wagtail's user bar, which styles itself inline.
                policy = policy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
            if getattr(request, "is_dummy", False):
                # Wagtail's preview: the public page under its own policy, but shown in a
                # frame of the page editor.
                policy = policy.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
            response.setdefault("Content-Security-Policy", policy)
        self._set_caching(request, response, is_admin)
        return response

    @staticmethod
    def _set_caching(request, response, is_admin: bool) -> None:
        if response.has_header("Cache-Control"):
            return
        anonymous = settings.SESSION_COOKIE_NAME not in request.COOKIES
        public = (
            not is_admin
            and anonymous
            and request.method in ("GET", "HEAD")
            and response.status_code in (200, 301, 404)
            and not response.cookies
        )
        # For the full-page cache (home/page_cache.py), which may keep a public page even when
        # the CDN is told not to (PAGE_CACHE_SECONDS = 0).
        response.same_for_every_reader = public
        if public and settings.PAGE_CACHE_SECONDS > 0:
            # Pages carry their language in the URL; LocaleMiddleware adds Vary where it doesn't.
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_SECONDS)
        else:
            patch_cache_control(response, private=True, no_cache=True)
