from django.apps import AppConfig


class HomeConfig(AppConfig):
    """Shared pages, taxonomy, site chrome and the block library every app builds on."""

    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from home import chrome  # noqa: F401  (connects the cache-invalidation signals)
