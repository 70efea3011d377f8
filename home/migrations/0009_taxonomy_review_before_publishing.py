"""The taxonomy terms readers see (principles, drivers of change, audiences, sectors, London
boroughs) go through review like the footer text and notice banner (0004_roles_as_code):

- every existing term stays live (0006 made the column, default true) and is given a first,
  published revision holding what it says now, so its history and the translation editor
  start from the published text;
- the five taxonomies join the "Moderators approval" workflow;
- Moderators may publish terms; Editors keep adding and changing them (0004) and submit them
  for review; Translators keep what they have.

Running it again changes nothing; reversing it takes the terms out of the workflow, takes the
publish permissions back and deletes the terms' revisions (the terms stay live; reversing
0006 then drops the draft columns).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields

WORKFLOW = "Moderators approval"
MODERATORS = "Moderators"
TAXONOMY = {
    "principle": "principle",
    "driverofchange": "driver of change",
    "audience": "audience",
    "sector": "sector",
    "borough": "London borough",
}


def _publish_permissions(apps):
    """Wagtail adds a draftable snippet's publish permission after all migrations; made here
    if missing."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get_or_create(
            content_type=ContentType.objects.get_or_create(app_label="home", model=model)[0],
            codename=f"publish_{model}",
            defaults={"name": f"Can publish {verbose_name}"},
        )[0]
        for model, verbose_name in TAXONOMY.items()
    ]


def _first_revisions(apps):
    """A published revision for every live term without one: the content Wagtail would save
    (the term's own columns), marked as its latest and its live revision."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    now = timezone.now()
    for model in TAXONOMY:
        Term = apps.get_model("home", model)
        content_type = ContentType.objects.get_or_create(app_label="home", model=model)[0]
        for term in Term.objects.filter(live=True, latest_revision__isnull=True):
            revision = Revision.objects.create(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(term.pk),
                created_at=now,
                object_str=term.name,
                content=get_serializable_data_for_fields(term),
            )
            Term.objects.filter(pk=term.pk).update(
                latest_revision=revision,
                live_revision=revision,
                has_unpublished_changes=False,
                first_published_at=term.first_published_at or now,
                last_published_at=term.last_published_at or now,
            )


def review_terms(apps, schema_editor):
    app_config = apps.get_app_config("home")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    publish = _publish_permissions(apps)
    Group = apps.get_model("auth", "Group")
    moderators = Group.objects.filter(name=MODERATORS).first()
    if moderators is not None:
        moderators.permissions.add(*publish)

    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is not None:
        for model in TAXONOMY:
            WorkflowContentType.objects.get_or_create(
                content_type=ContentType.objects.get_or_create(app_label="home", model=model)[0],
                defaults={"workflow": workflow},
            )
    _first_revisions(apps)


def stop_reviewing_terms(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    publish = Permission.objects.filter(
        content_type__app_label="home", codename__in=[f"publish_{model}" for model in TAXONOMY]
    )
    for group in Group.objects.filter(name=MODERATORS):
        group.permissions.remove(*publish)
    content_types = ContentType.objects.filter(app_label="home", model__in=list(TAXONOMY))
    WorkflowContentType.objects.filter(content_type__in=content_types).delete()
    for model in TAXONOMY:
        Term = apps.get_model("home", model)
        Term.objects.update(latest_revision=None, live_revision=None)
    Revision.objects.filter(base_content_type__in=content_types).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_taxonomy_drafts_and_revisions"),
        ("home", "0004_roles_as_code"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(review_terms, stop_reviewing_terms)]
