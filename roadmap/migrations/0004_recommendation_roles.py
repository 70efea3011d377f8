"""Recommendations in the roles (home/migrations/0004_roles_as_code.py): Editors add and edit
them and submit them for review, Moderators also publish them, and they go through the
"Moderators approval" workflow like pages."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WORKFLOW = "Moderators approval"
GROUP_PERMISSIONS = {
    "Editors": ["add_recommendation", "change_recommendation"],
    "Moderators": ["add_recommendation", "change_recommendation", "publish_recommendation"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config("roadmap")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    # Wagtail adds a snippet's publish permission after all migrations; made here if missing.
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.get_or_create(app_label="roadmap", model="recommendation")[0]
    Permission.objects.get_or_create(
        content_type=content_type,
        codename="publish_recommendation",
        defaults={"name": "Can publish recommendation"},
    )
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    for name, codenames in GROUP_PERMISSIONS.items():
        group = Group.objects.get(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="roadmap", codename__in=codenames)
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
                content_type__app_label="roadmap", codename__in=GROUP_PERMISSIONS[group.name]
            )
        )
    WorkflowContentType.objects.filter(
        content_type__app_label="roadmap", content_type__model="recommendation"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("roadmap", "0003_baseline_submission_key_help"),
        ("home", "0004_roles_as_code"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
