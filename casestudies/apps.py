from django.apps import AppConfig


class CaseStudiesConfig(AppConfig):
    """Promising practice (the case study finder) and research reports."""

    name = "casestudies"
    default_auto_field = "django.db.models.BigAutoField"
