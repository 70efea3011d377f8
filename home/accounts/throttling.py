"""Limits on guessing the passwords of password-protected pages and documents.

Wagtail checks those passwords in two small views (one for pages, one for documents) that
answer a wrong password by showing the form again, as often as anyone likes. `limit_guesses`
wraps them: each wrong password from a client address counts against that page or document,
and after LOGIN_FAILURE_LIMIT of them the address gets the lockout page (429) for
LOGIN_COOLOFF_MINUTES, whatever it sends. Counts live in the shared cache (Redis in
production), so every app server sees them. The address comes from
`home.security.client_address`, the one way the site reads it.
"""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache

from home.accounts.lockout import locked_out
from home.security import client_address

KEY_PREFIX = "password-guesses"


def guesses_key(scope: str, object_id: int, address: str) -> str:
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"{KEY_PREFIX}:{scope}:{object_id}:{digest}"


def limit_guesses(view, scope: str, id_argument: str):
    """Wrap one of Wagtail's password views so that wrong guesses are limited per address."""

    @functools.wraps(view)
    def limited(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        key = guesses_key(scope, kwargs[id_argument], client_address(request))
        if (cache.get(key) or 0) >= settings.LOGIN_FAILURE_LIMIT:
            return locked_out(request, reason="protected")
        response = view(request, *args, **kwargs)
        if response.status_code == 302:  # the right password: Wagtail redirects to the page
            cache.delete(key)
            return response
        # The form shown again: a wrong password. The count expires a cool-off after the
        # first wrong guess.
        cache.add(key, 0, timeout=settings.LOGIN_COOLOFF_MINUTES * 60)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=settings.LOGIN_COOLOFF_MINUTES * 60)
        return response

    return limited
