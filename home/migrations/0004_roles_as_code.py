"""Roles as code: each admin group is given the least it needs, and every page and every
draftable snippet readers see goes through the "Moderators approval" workflow.

- Editors (Wagtail's own group, updated): add and edit pages and the shared snippets readers
  see (footer text, notice banner, taxonomy), submit them for review; no publish.
- Moderators (Wagtail's own group, updated): what Editors may, plus publish, lock and unlock
  pages and publish snippets; they approve or reject what Editors submit.
- Translators (new): open the translation editor and translate pages into another language;
  they edit pages only in the non-English trees (home/signal_handlers.py gives them each new
  language's home page) and publish nothing.
- Site administrators (new): users and groups, site settings, workflows, sites, locales and
  redirects, without being superusers.
- Events team: left as events/migrations/0002 and 0004 made it.

Recommendations (roadmap) get their permissions and workflow in roadmap's own migration, as
`home` knows no other app. Running it again changes nothing; reversing it removes what it
added.
"""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS, MODERATORS = "Editors", "Moderators"
TRANSLATORS, SITE_ADMINISTRATORS = "Translators", "Site administrators"
WORKFLOW = "Moderators approval"

DRAFTABLE_SNIPPETS = ["footertext", "noticebanner"]
TAXONOMY = ["principle", "driverofchange", "audience", "sector", "borough"]

EDITOR_PERMISSIONS = [("wagtailadmin", "access_admin")] + [
    ("home", f"{action}_{model}")
    for model in DRAFTABLE_SNIPPETS + TAXONOMY
    for action in ("add", "change")
]
MODERATOR_PERMISSIONS = EDITOR_PERMISSIONS + [
    ("home", f"publish_{model}") for model in DRAFTABLE_SNIPPETS
]
TRANSLATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
]
SITE_ADMINISTRATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("home", "change_sitesettings"),
    *[
        (app_label, f"{action}_{model}")
        for app_label, model in [
            ("auth", "user"),
            ("auth", "group"),
            ("wagtailcore", "workflow"),
            ("wagtailcore", "task"),
            ("wagtailcore", "site"),
            ("wagtailcore", "locale"),
            ("wagtailredirects", "redirect"),
        ]
        for action in ("add", "change", "delete")
    ],
    ("auth", "view_user"),
    ("auth", "view_group"),
]

# Page permissions on the root of the tree (so on every page), per group.
ROOT_PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
GROUP_PERMISSIONS = {
    EDITORS: EDITOR_PERMISSIONS,
    MODERATORS: MODERATOR_PERMISSIONS,
    TRANSLATORS: TRANSLATOR_PERMISSIONS,
    SITE_ADMINISTRATORS: SITE_ADMINISTRATOR_PERMISSIONS,
}
NEW_GROUPS = [TRANSLATORS, SITE_ADMINISTRATORS]


# Wagtail adds the snippets' publish permissions after all migrations; made here if missing.
PUBLISH_PERMISSIONS = {"footertext": "footer text", "noticebanner": "notice banner"}


def _permission(Permission, app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _make_publish_permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model, verbose_name in PUBLISH_PERMISSIONS.items():
        Permission.objects.get_or_create(
            content_type=ContentType.objects.get_or_create(app_label="home", model=model)[0],
            codename=f"publish_{model}",
            defaults={"name": f"Can publish {verbose_name}"},
        )


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    _make_publish_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    groups = {}
    for name, permissions in GROUP_PERMISSIONS.items():
        group = groups[name] = Group.objects.get_or_create(name=name)[0]
        group.permissions.add(*[_permission(Permission, *p) for p in permissions])

    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is not None:
        for name, codenames in ROOT_PAGE_PERMISSIONS.items():
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=groups[name],
                    page=root,
                    permission=_permission(Permission, "wagtailcore", codename),
                )
        # Translators edit each language's tree but the default language's (English) one.
        change_page = _permission(Permission, "wagtailcore", "change_page")
        for home in Page.objects.filter(depth=2).exclude(
            locale__language_code=settings.LANGUAGE_CODE
        ):
            GroupPagePermission.objects.get_or_create(
                group=groups[TRANSLATORS], page=home, permission=change_page
            )
        _ensure_workflow(apps, groups[MODERATORS], root)


def _ensure_workflow(apps, moderators, root):
    """Wagtail's "Moderators approval" workflow (one task: a Moderator approves), made if it is
    missing, assigned to the root page (so every page) and to the draftable snippets."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task = GroupApprovalTask.objects.filter(name=WORKFLOW).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=WORKFLOW,
            active=True,
            content_type=ContentType.objects.get_or_create(
                app_label="wagtailcore", model="groupapprovaltask"
            )[0],
        )
    task.groups.add(moderators)
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(
            workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count()
        )
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    for model in DRAFTABLE_SNIPPETS:
        content_type = ContentType.objects.get_or_create(app_label="home", model=model)[0]
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


def remove_roles(apps, schema_editor):
    """Removes the groups this migration made and what it added to Wagtail's; the workflow stays
    on the pages (Wagtail's own migration made it), the snippets leave it."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    Group.objects.filter(name__in=NEW_GROUPS).delete()
    added = set(MODERATOR_PERMISSIONS) - {("wagtailadmin", "access_admin")}
    for group in Group.objects.filter(name__in=[EDITORS, MODERATORS]):
        for app_label, codename in added:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
    WorkflowContentType.objects.filter(
        content_type__in=ContentType.objects.filter(app_label="home", model__in=DRAFTABLE_SNIPPETS)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_truthful_content"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
