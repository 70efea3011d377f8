"""Limits on how often a public form may be sent, per client address and per email address.

Public forms (event sign-ups, the baseline, and every public form added later) need no account,
so one script could otherwise fill an event, flood an inbox or stuff the baseline. Each form
declares a `Throttle` with its limits; its view asks `refuse_address(request)` before doing
anything and, once it knows the email address, `refuse_email(email)`. A refusal becomes the
site's own 429 page with a Retry-After header (`throttled_response`).

Counting: a fixed-window counter per limit in the shared cache (Redis in production, so every
app server counts together). Keys hold a keyed hash of the address or email, never the value.
The client address is read only through `home.security.client_address`.

When the shared cache is down, counting falls back to this process's own memory: limits still
apply, only loosened by the number of app server processes (each counts alone). The site neither
locks everyone out (failing closed would stop every sign-up during a cache outage) nor lets a
script through unlimited (failing open would let it flood inboxes exactly when no one is
watching). The outage is logged at most once a minute per process.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.shortcuts import render
from django.utils.crypto import salted_hmac

from home.security import client_address

logger = logging.getLogger(__name__)

# Used only while the shared cache is unreachable (see the module docstring).
_fallback = LocMemCache("home-throttling-fallback", {"OPTIONS": {"MAX_ENTRIES": 20000}})
_last_outage_log = 0.0
OUTAGE_LOG_INTERVAL = 60


@dataclass(frozen=True)
class Rate:
    """At most `count` attempts in any window of `seconds`."""

    count: int
    seconds: int


@dataclass(frozen=True)
class Refusal:
    """An attempt over a limit, and how long until the limit's window ends."""

    retry_after: int


def _report_outage() -> None:
    global _last_outage_log
    now = time.monotonic()
    if now - _last_outage_log >= OUTAGE_LOG_INTERVAL:
        _last_outage_log = now
        logger.warning(
            "The shared cache is unreachable: public forms are throttled per process until it is back."
        )


def _count(key: str, timeout: int) -> int:
    """Add one to the counter under `key` and return its new value."""
    try:
        cache.add(key, 0, timeout)
        value = cache.incr(key)
    except ValueError:  # the key expired between add and incr: this is the first attempt
        cache.set(key, 1, timeout)
        value = 1
    except Exception:  # each cache backend raises its own connection errors
        value = None
    if value is None:  # django-redis answers None when it ignores a connection error
        _report_outage()
        _fallback.add(key, 0, timeout)
        try:
            value = _fallback.incr(key)
        except ValueError:
            _fallback.set(key, 1, timeout)
            value = 1
    return value


@dataclass(frozen=True)
class Throttle:
    """The limits of one public form."""

    name: str
    per_address: tuple[Rate, ...] = ()
    per_email: tuple[Rate, ...] = ()

    def _refuse(self, kind: str, value: str, rates: tuple[Rate, ...]) -> Refusal | None:
        digest = salted_hmac(f"home.throttling.{kind}", value).hexdigest()[:32]
        now = time.time()
        refusals = []
        for rate in rates:
            window = int(now // rate.seconds)
            key = f"throttle:{self.name}:{kind}:{digest}:{rate.seconds}:{window}"
            if _count(key, rate.seconds + 1) > rate.count:
                refusals.append(math.ceil((window + 1) * rate.seconds - now))
        return Refusal(retry_after=max(1, *refusals)) if refusals else None

    def refuse_address(self, request) -> Refusal | None:
        """Count an attempt from the request's client address; a Refusal if over a limit."""
        return self._refuse("address", client_address(request), self.per_address)

    def refuse_email(self, email: str) -> Refusal | None:
        """Count an attempt for this email address; a Refusal if over a limit."""
        return self._refuse("email", email.strip().lower(), self.per_email)


def throttled_response(request, refusal: Refusal, back_url: str = ""):
    """The site's own "too many attempts" page: status 429, with Retry-After in seconds."""
    response = render(
        request,
        "429.html",
        {"retry_minutes": math.ceil(refusal.retry_after / 60), "back_url": back_url},
        status=429,
    )
    response["Retry-After"] = str(refusal.retry_after)
    return response
