"""The "Events team" group: staff who may see, export and manage sign-ups (personal data)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [
    ("events", "view_registration"),
    ("events", "change_registration"),
    ("events", "export_registration"),
    ("wagtailadmin", "access_admin"),
]


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Events team")
    for app_label, codename in PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Events team").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
