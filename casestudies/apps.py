from django.apps import AppConfig


class CaseStudiesConfig(AppConfig):
    name = "casestudies"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from casestudies import signals

        signals.connect()
