"""Two-factor authentication for admin users, built on django-otp.

Each admin user has one authenticator app (a django-otp TOTP device: six-digit codes that
change every 30 seconds) and one set of ten recovery codes (a django-otp static device: each
works once, for a lost or broken phone). A code is accepted once only: TOTP devices remember
the last time step used, and a recovery code is deleted as it is used. Wrong codes slow down
further tries (django-otp's throttling).
"""

from __future__ import annotations

from base64 import b32encode

import segno
from django.db import transaction
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


def has_authenticator(user) -> bool:
    """True once the user has finished setting up an authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_authenticator(user) -> TOTPDevice:
    """The authenticator being set up: the same secret until enrolment is finished."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it when typed: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice, title: str) -> str:
    """The set-up link as an inline SVG QR code (no script, no image request), named `title`
    for screen readers."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", title=title, svgclass="two-factor-qr"
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)


def normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def replace_recovery_codes(user) -> list[str]:
    """Make a new set of recovery codes (the old ones stop working) and return them."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def finish_enrolment(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the pending authenticator with its first code; returns new recovery codes, or
    None when the code is wrong."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_token(normalise(code)):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    codes = replace_recovery_codes(device.user)
    otp_login(request, device)
    return codes


def verify(request, code: str):
    """Check a code from the authenticator app or a recovery code; on success mark this
    session as verified and return the device that accepted it."""
    code = normalise(code)
    if not code:
        return None
    with transaction.atomic():
        for device in devices_for_user(request.user, confirmed=True, for_verify=True):
            if device.verify_token(code):
                otp_login(request, device)
                return device
    return None


def reset(user) -> int:
    """Remove a user's authenticator and recovery codes: they set up a new one at next sign-in."""
    count = 0
    for model in (TOTPDevice, StaticDevice):
        deleted, _ = model.objects.filter(user=user).delete()
        count += deleted
    return count
