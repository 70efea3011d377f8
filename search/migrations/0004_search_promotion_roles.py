"""Promoted search results in the roles (home/migrations/0004_roles_as_code.py): Editors and
Moderators add, change and remove the results shown first for a search (Wagtail's search
promotions, under Settings > Promoted search results). Running it again changes nothing;
reversing it removes what it added."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODEL = "searchpromotion"
CODENAMES = [f"add_{MODEL}", f"change_{MODEL}", f"delete_{MODEL}", f"view_{MODEL}"]
GROUPS = ["Editors", "Moderators"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config("wagtailsearchpromotions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailsearchpromotions", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailsearchpromotions", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_document_text"),
        ("home", "0004_roles_as_code"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
