from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "roadmap"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # deferred import: the handlers need the models, which exist only once apps are ready
        from roadmap import signal_handlers  # noqa: F401
