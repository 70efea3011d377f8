from django.apps import AppConfig


class HomeConfig(AppConfig):
    """Shared pages, taxonomy, site chrome and the block library every app builds on."""

    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from home import checks, chrome, purging  # noqa: F401  (signals and system checks register on import)
