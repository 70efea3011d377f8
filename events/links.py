"""The private manage link: unguessable (a random token), tamper-proof and expiring (signed
with a timestamp), so only the person who received the email can see or change a sign-up."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

SALT = "events.registration.manage-link"


class LinkInvalid(Exception):
    """The link was changed or is not one of ours."""


class LinkExpired(Exception):
    """The link was ours but is too old, or its sign-up no longer exists."""


def public_base_url() -> str:
    """Where readers reach the site, for links in emails sent outside a request."""
    return settings.PUBLIC_BASE_URL.rstrip("/")


def manage_path(registration) -> str:
    signed = signing.TimestampSigner(salt=SALT).sign(registration.manage_token)
    with translation.override(registration.language):
        return reverse("events:manage", kwargs={"signed": signed})


def manage_url(registration) -> str:
    return public_base_url() + manage_path(registration)


def token_from_link(signed: str) -> str:
    """The sign-up token a manage link carries; LinkInvalid or LinkExpired otherwise.
    `Registration.objects.for_manage_link` finds the sign-up it belongs to."""
    max_age = settings.SIGNUP_MANAGE_LINK_MAX_AGE_DAYS * 24 * 60 * 60
    try:
        return signing.TimestampSigner(salt=SALT).unsign(signed, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkInvalid from error


# --- Mailing lists --------------------------------------------------------------------------
# The confirmation link expires (a reader who waits too long joins again); the unsubscribe and
# preferences links in list emails do not, so an old email can always take someone off a list.
# Each carries a random token (never the address), signed so that it cannot be guessed or
# changed.
LIST_CONFIRM_SALT = "events.lists.confirm-link"
LIST_MEMBER_SALT = "events.lists.member-link"
LIST_CONFIRM_MAX_AGE_DAYS = 3


def _list_path(name: str, signed: str, language: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs={"signed": signed})


def list_confirm_url(confirm_token: str, language: str) -> str:
    signed = signing.TimestampSigner(salt=LIST_CONFIRM_SALT).sign(confirm_token)
    return public_base_url() + _list_path("events:list_confirm", signed, language)


def list_unsubscribe_url(token: str, language: str) -> str:
    signed = signing.Signer(salt=LIST_MEMBER_SALT).sign(token)
    return public_base_url() + _list_path("events:list_unsubscribe", signed, language)


def list_preferences_url(token: str, language: str) -> str:
    signed = signing.Signer(salt=LIST_MEMBER_SALT).sign(token)
    return public_base_url() + _list_path("events:list_preferences", signed, language)


def confirm_token_from_link(signed: str) -> str:
    """The token a confirmation link carries; LinkExpired after LIST_CONFIRM_MAX_AGE_DAYS."""
    try:
        return signing.TimestampSigner(salt=LIST_CONFIRM_SALT).unsign(
            signed, max_age=LIST_CONFIRM_MAX_AGE_DAYS * 24 * 60 * 60
        )
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkInvalid from error


def member_token_from_link(signed: str) -> str:
    """The subscription token an unsubscribe or preferences link carries."""
    try:
        return signing.Signer(salt=LIST_MEMBER_SALT).unsign(signed)
    except signing.BadSignature as error:
        raise LinkInvalid from error
