from django.apps import AppConfig


class CaseStudiesConfig(AppConfig):
    name = "casestudies"
    default_auto_field = "django.db.models.BigAutoField"
