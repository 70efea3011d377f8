"""Glossary terms in the roles (home/migrations/0004_roles_as_code.py), as the other snippets
readers see: Editors add and edit them and submit them for review, Moderators also publish
them, and they go through the "Moderators approval" workflow. Translators get what they have
for the other reviewed snippets (nothing beyond the translation editor). Running it again
changes nothing; reversing it removes what it added."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WORKFLOW = "Moderators approval"
MODEL = "glossaryterm"
GROUP_PERMISSIONS = {
    "Editors": [f"add_{MODEL}", f"change_{MODEL}"],
    "Moderators": [f"add_{MODEL}", f"change_{MODEL}", f"publish_{MODEL}"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config("home")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    # Wagtail adds a snippet's publish permission after all migrations; made here if missing.
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.get_or_create(app_label="home", model=MODEL)[0]
    Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"publish_{MODEL}",
        defaults={"name": "Can publish glossary term"},
    )
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    for name, codenames in GROUP_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(content_type=content_type, codename__in=codenames)
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
                content_type__app_label="home", codename__in=GROUP_PERMISSIONS[group.name]
            )
        )
    WorkflowContentType.objects.filter(
        content_type__app_label="home", content_type__model=MODEL
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0011_glossary")]

    operations = [migrations.RunPython(grant, revoke)]
