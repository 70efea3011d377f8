"""Organisers sign people up in the admin (the Events team may add sign-ups), and the event
page's "cancelled" tick points to the one-step "Cancel event" action."""

from django.db import migrations, models

PERMISSION = ("events", "add_registration")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Events team").first()
    permission = Permission.objects.filter(
        content_type__app_label=PERMISSION[0], codename=PERMISSION[1]
    ).first()
    if group is not None and permission is not None:
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name="Events team").first()
    if group is not None:
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label=PERMISSION[0], codename=PERMISSION[1]
            )
        )


class Migration(migrations.Migration):
    dependencies = [("events", "0003_outboundemail_next_attempt_at")]

    operations = [
        migrations.AlterField(
            model_name="eventpage",
            name="cancelled",
            field=models.BooleanField(
                default=False,
                help_text="Set by “Cancel event” under Sign-ups by event, which also cancels everyone's sign-up and emails them. Tick it here only for an event nobody has signed up for.",
            ),
        ),
        migrations.RunPython(grant, revoke),
    ]
