from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "roadmap"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from roadmap import signals

        signals.connect()
