"""Who shared a practice is personal data: Moderators (who review the draft case studies and may
need to ask the practitioner a question) and the Events team (who hold the personal-data tools)
may see and delete those contacts in the admin; nobody else. Editors may add the new page type
as any other page."""

from django.db import migrations

GRANTED = {
    "Moderators": ["view_practicesubmission"],
    "Events team": ["view_practicesubmission", "delete_practicesubmission"],
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="casestudies", model="practicesubmission"
    )
    for group_name, codenames in GRANTED.items():
        group = Group.objects.filter(name=group_name).first()
        for codename in codenames:
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {codename.split('_')[0]} shared practice contact"},
            )
            if group is not None:
                group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GRANTED):
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="casestudies", codename__endswith="practicesubmission")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0003_share_your_practice"),
        ("home", "0004_roles_as_code"),
        ("events", "0002_events_team_group"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
