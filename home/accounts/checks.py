"""Deployment checks for editor accounts (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def check_two_factor_required(app_configs, **kwargs):
    if settings.ADMIN_REQUIRE_2FA or settings.DEBUG:
        return []
    return [
        Warning(
            "ADMIN_REQUIRE_2FA is off: a password alone opens the admin.",
            hint="Unset ADMIN_REQUIRE_2FA (it is on by default) in production.",
            id="accounts.W001",
        )
    ]
