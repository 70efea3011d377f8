"""Mailing lists: Editors and Moderators define the lists (the snippet); the comms role that
sees the members and downloads them (events.view_subscription) is Moderators and the Events
team. Nobody adds or edits members in the admin."""

from django.db import migrations

GRANTS = {
    "mailinglist": {
        "Editors": ["add_mailinglist", "change_mailinglist", "delete_mailinglist"],
        "Moderators": ["add_mailinglist", "change_mailinglist", "delete_mailinglist"],
    },
    "subscription": {
        "Moderators": ["view_subscription"],
        "Events team": ["view_subscription"],
    },
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for model, groups in GRANTS.items():
        content_type, _created = ContentType.objects.get_or_create(app_label="events", model=model)
        for group_name, codenames in groups.items():
            group = Group.objects.filter(name=group_name).first()
            for codename in codenames:
                action, _, _model = codename.partition("_")
                permission, _created = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=codename,
                    defaults={"name": f"Can {action} {model}"},
                )
                if group is not None:
                    group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for model, groups in GRANTS.items():
        for group_name, codenames in groups.items():
            group = Group.objects.filter(name=group_name).first()
            if group is not None:
                group.permissions.remove(
                    *group.permissions.filter(
                        content_type__app_label="events", codename__in=codenames
                    )
                )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0009_mailing_lists"),
        ("home", "0004_roles_as_code"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
