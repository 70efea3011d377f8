"""Form pages' submissions are personal data: the Events team, who hold the personal-data tools,
may see them and delete them in the admin (home.wagtail_hooks shows them to no one else but
superusers)."""

from django.db import migrations

GRANTED = ["view_formsubmission", "delete_formsubmission"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure these exist now.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailforms", model="formsubmission"
    )
    group = Group.objects.filter(name="Events team").first()
    for codename in GRANTED:
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {codename.split('_')[0]} form submission"},
        )
        if group is not None:
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name="Events team").first()
    if group is not None:
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="wagtailforms", codename__in=GRANTED
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_form_pages"),
        ("events", "0002_events_team_group"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
