from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # deferred import: signal handlers need the app registry, ready only now.
        from events import signal_handlers  # noqa: F401
