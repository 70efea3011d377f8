"""Editor accounts: sign-in lockout, two-factor authentication and password-guessing limits."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Editor accounts")

    def ready(self):
        from accounts import checks  # noqa: F401  (registers the deploy checks)
