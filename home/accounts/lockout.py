"""The page shown to someone who has been locked out after too many wrong passwords.

One page for both cases: the admin sign-in (django-axes calls `locked_out` through
AXES_LOCKOUT_CALLABLE) and password-protected pages and documents (accounts.throttling). It
says what happened, when to try again and who can help, with status 429 (Too Many Requests).
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _


def locked_out(request, original_response=None, credentials=None, reason="sign-in"):
    """Render the lockout page (django-axes' AXES_LOCKOUT_CALLABLE signature, plus a reason)."""
    response = render(
        request,
        "home/accounts/locked_out.html",
        {
            "title": _("Too many wrong passwords"),
            "reason": reason,
            "minutes": settings.LOGIN_COOLOFF_MINUTES,
            "failure_limit": settings.LOGIN_FAILURE_LIMIT,
        },
        status=429,
    )
    response["Retry-After"] = str(settings.LOGIN_COOLOFF_MINUTES * 60)
    return response
