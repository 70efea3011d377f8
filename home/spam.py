"""Spam protection for the public forms, without a CAPTCHA: the one way every public form
(event sign-up, the London baseline, and any form added later) tells a bot from a person.

Two rules, on top of the throttles (home/throttling.py) and the same-origin check
(home/security.py):

- **A honeypot.** Every form carries one extra text box that people never see: it is moved off
  the screen, hidden from screen readers (`aria-hidden`) and left out of the keyboard order
  (`tabindex="-1"`), and browsers are asked not to fill it. Bots that fill in every field fill
  it too. Such a post gets the same answer a person would ("you are signed up") and nothing is
  saved.
- **A signed minimum fill time.** Every form carries a stamp of when it was served, signed
  with the site's key so it cannot be forged or moved to another form. A post sent sooner than
  `FORM_MIN_FILL_SECONDS` after the stamp, or with no valid stamp, saves nothing: the reader
  gets the form back with their answers and a calm request to check and send again (a person
  who was quick just sends again; a bot sees an ordinary page). There is no upper limit on how
  slow a person may be: a stamp older than `FORM_STAMP_MAX_AGE_SECONDS` (a day) is treated the
  same way, so a form left open overnight is sent again, with nothing lost.

Pages with a form are kept in the full-page cache: on each hit the cache puts a fresh stamp
in (`restamp`), so the time is counted from when the reader got the page. A copy kept by a
CDN or Varnish counts from when that copy was made, which only makes the rule more lenient.
"""

from __future__ import annotations

import re
import time
from enum import StrEnum

from django.conf import settings
from django.core import signing
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

# The honeypot's name: nothing a browser or password manager fills in by itself.
HONEYPOT_FIELD = "website_address"
STAMP_FIELD = "form_started"
SALT = "home.spam.form-stamp"
# What a reader sees when their post is set aside for being too quick (or with a stale stamp).
SEND_AGAIN = _("Please check your answers and send the form again.")
# A stamp in a page: `restamp` finds it with this pattern, so the two must agree.
_STAMP_IN_PAGE = re.compile(
    rb'(<input type="hidden" name="' + STAMP_FIELD.encode() + rb'" value=")([^"]*)(")'
)


class Verdict(StrEnum):
    PERSON = "person"  # both rules passed
    HONEYPOT = "honeypot"  # the hidden box was filled: a bot; answer as if all went well
    TOO_QUICK = "too_quick"  # sent sooner than a person could (or no valid stamp)
    STALE = "stale"  # the stamp is older than FORM_STAMP_MAX_AGE_SECONDS

    @property
    def saves(self) -> bool:
        return self is Verdict.PERSON


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def stamp(form_name: str, issued_at: float | None = None) -> str:
    """A signed stamp saying `form_name` was served at `issued_at` (now by default)."""
    signer = _signer()
    if issued_at is None:
        return signer.sign(form_name)
    timestamp = signing.b62_encode(int(issued_at))
    return signing.Signer.sign(signer, f"{form_name}{signer.sep}{timestamp}")


def _issued_at(value: str, form_name: str) -> float | None:
    """When the stamp was issued, or None if it is missing, forged or for another form."""
    try:
        name = _signer().unsign(value)
    except signing.BadSignature:
        return None
    if name != form_name:
        return None
    return float(signing.b62_decode(value.rsplit(":", 2)[-2]))


def check(data, form_name: str) -> Verdict:
    """Which rule, if any, the posted `data` (request.POST) breaks."""
    if data.get(HONEYPOT_FIELD, ""):
        return Verdict.HONEYPOT
    issued_at = _issued_at(data.get(STAMP_FIELD, ""), form_name)
    if issued_at is None:
        return Verdict.TOO_QUICK
    age = time.time() - issued_at
    if age < settings.FORM_MIN_FILL_SECONDS:
        return Verdict.TOO_QUICK
    if age > settings.FORM_STAMP_MAX_AGE_SECONDS:
        return Verdict.STALE
    return Verdict.PERSON


def fields(form_name: str, posted=None) -> SafeString:
    """The honeypot and the stamp, as HTML for the inside of a `<form>`. A form shown again
    after a post (with its errors) keeps the stamp it was first served with, when that stamp is
    still good, so the time a person spent on it counts."""
    value = (posted or {}).get(STAMP_FIELD, "")
    issued_at = _issued_at(value, form_name) if value else None
    fresh = issued_at is not None and time.time() - issued_at <= settings.FORM_STAMP_MAX_AGE_SECONDS
    return format_html(
        '<div class="form-honeypot" aria-hidden="true">'
        '<label for="{name}-{form}">{label}</label>'
        '<input type="text" id="{name}-{form}" name="{name}" value="" tabindex="-1" '
        'autocomplete="off">'
        "</div>"
        '<input type="hidden" name="{stamp_field}" value="{stamp}">',
        name=HONEYPOT_FIELD,
        form=form_name,
        label=_("Leave this box empty"),
        stamp_field=STAMP_FIELD,
        stamp=value if fresh else stamp(form_name),
    )


def restamp(content: bytes) -> bytes:
    """A cached page with each form's stamp renewed, as if the page had just been built."""
    if STAMP_FIELD.encode() not in content:
        return content

    def renew(match: re.Match) -> bytes:
        old = match.group(2).decode()
        form_name = old.rsplit(":", 2)[0]
        return match.group(1) + stamp(form_name).encode() + match.group(3)

    return _STAMP_IN_PAGE.sub(renew, content)
