"""Two-factor authentication in front of the whole Wagtail admin.

django-otp's OTPMiddleware (just before this one) records whether this session has proved a
second factor. This middleware sends a signed-in admin user who has not to the code form, or,
with no authenticator app set up yet, to enrolment, and lets them reach nothing else in the
admin meanwhile: only signing out, and the few files those two screens themselves load.
It applies while settings.ADMIN_REQUIRE_2FA is on (the default except with DEBUG).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from home.accounts.two_factor import has_authenticator

# Admin URLs an unverified user may still reach.
ALWAYS_OPEN = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "accounts_two_factor_verify",
    "accounts_two_factor_enrol",
}


class AdminTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.ADMIN_REQUIRE_2FA and request.path_info.startswith(
            reverse("wagtailadmin_home")
        ):
            redirect = self.second_factor_redirect(request)
            if redirect is not None:
                return redirect
        return self.get_response(request)

    @staticmethod
    def second_factor_redirect(request):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            url_name = None
        if url_name in ALWAYS_OPEN:
            return None
        target = (
            "accounts_two_factor_verify" if has_authenticator(user) else "accounts_two_factor_enrol"
        )
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse(target)}?{query}")
