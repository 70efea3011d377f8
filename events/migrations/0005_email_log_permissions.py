"""The admin's email log: the Events team may see the outbox (events.view_outboundemail) and
put given-up emails back in the queue (events.requeue_outboundemail, a new permission). Nobody
edits, adds or deletes outbox rows in the admin."""

from django.db import migrations

GRANTED = [
    ("view_outboundemail", "Can view outbound email"),
    ("requeue_outboundemail", "Can requeue given-up emails"),
]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure these exist now.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="events", model="outboundemail"
    )
    group = Group.objects.filter(name="Events team").first()
    for codename, name in GRANTED:
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        if group is not None:
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name="Events team").first()
    if group is not None:
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="events",
                codename__in=[codename for codename, _name in GRANTED],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_organisers_add_sign_ups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="outboundemail",
            options={
                "ordering": ["created_at", "pk"],
                "permissions": [("requeue_outboundemail", "Can requeue given-up emails")],
                "verbose_name": "outbound email",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
