from django.apps import AppConfig
from django.urls import register_converter

from home.converters import ObjectIdConverter


class HomeConfig(AppConfig):
    """Shared pages, taxonomy, site chrome and the block library every app builds on."""

    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from home import checks, chrome, exports, purging  # noqa: F401  (signals and system checks register on import)
        from home.accounts import checks as _account_checks  # noqa: F401

        exports.install()
        register_converter(ObjectIdConverter, "id")
