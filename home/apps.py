from django.apps import AppConfig
from django.urls import register_converter

from home.converters import ObjectIdConverter


class HomeConfig(AppConfig):
    """Shared pages, taxonomy, site chrome and the block library every app builds on."""

    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # deferred import: these modules import models, so they load once the app registry is
        # ready; importing them registers the system checks and connects the signal handlers.
        from home import checks, exports, signal_handlers  # noqa: F401
        from home.accounts import checks as _account_checks  # noqa: F401

        exports.install()
        register_converter(ObjectIdConverter, "id")
