from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # deferred import: it imports models, so it loads once the app registry is ready;
        # importing it connects the signal handlers.
        from search import signal_handlers  # noqa: F401
