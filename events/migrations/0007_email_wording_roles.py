"""Email wording in the roles (home/migrations/0004_roles_as_code.py): Editors and the Events
team add and edit it and submit it for review, Moderators also publish it, and it goes through
the "Moderators approval" workflow like pages, so no change to what people are emailed goes
out unapproved. Running it again changes nothing; reversing it removes what it added."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WORKFLOW = "Moderators approval"
MODEL = "emailwording"
GROUP_PERMISSIONS = {
    "Editors": ["add_emailwording", "change_emailwording"],
    "Events team": ["add_emailwording", "change_emailwording"],
    "Moderators": ["add_emailwording", "change_emailwording", "publish_emailwording"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    # Wagtail adds a snippet's publish permission after all migrations; made here if missing.
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.get_or_create(app_label="events", model=MODEL)[0]
    Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"publish_{MODEL}",
        defaults={"name": "Can publish email wording"},
    )
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    for group in Group.objects.filter(name__in=GROUP_PERMISSIONS):
        group.permissions.add(
            *Permission.objects.filter(
                content_type=content_type, codename__in=GROUP_PERMISSIONS[group.name]
            )
        )
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is not None:
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    for group in Group.objects.filter(name__in=GROUP_PERMISSIONS):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="events", codename__in=GROUP_PERMISSIONS[group.name]
            )
        )
    WorkflowContentType.objects.filter(
        content_type__app_label="events", content_type__model=MODEL
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_email_wording"),
        ("home", "0004_roles_as_code"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
