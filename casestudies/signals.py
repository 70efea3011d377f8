"""Keep the finder's cached filter choices in step with the taxonomy and roadmap stages."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from casestudies.finder import forget_filter_options


def connect() -> None:
    from home.models import Audience, Borough, DriverOfChange, Principle, Sector
    from roadmap.models import RoadmapStagePage

    for model in (Audience, Borough, DriverOfChange, Principle, Sector):
        post_save.connect(
            forget_filter_options, sender=model, dispatch_uid=f"finder-{model.__name__}-save"
        )
        post_delete.connect(
            forget_filter_options, sender=model, dispatch_uid=f"finder-{model.__name__}-delete"
        )
    for signal in (page_published, page_unpublished):
        signal.connect(
            forget_filter_options,
            sender=RoadmapStagePage,
            dispatch_uid=f"finder-stage-{id(signal)}",
        )
    post_delete.connect(
        forget_filter_options, sender=RoadmapStagePage, dispatch_uid="finder-stage-delete"
    )
