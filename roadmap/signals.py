"""Forget the roadmap's cached lists (taxonomy terms, stages, recommendations) whenever an
editor changes them."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.models import Audience, Borough, DriverOfChange, Principle, Sector
from roadmap.lookups import forget_cached_content


def connect() -> None:
    for model in (Audience, Borough, DriverOfChange, Principle, Sector):
        post_save.connect(
            forget_cached_content, sender=model, dispatch_uid=f"roadmap-{model.__name__}-save"
        )
        post_delete.connect(
            forget_cached_content, sender=model, dispatch_uid=f"roadmap-{model.__name__}-delete"
        )
    from roadmap.models import Recommendation

    post_save.connect(forget_cached_content, sender=Recommendation, dispatch_uid="roadmap-rec-save")
    post_delete.connect(
        forget_cached_content, sender=Recommendation, dispatch_uid="roadmap-rec-delete"
    )
    for through in (Recommendation.stages.through, Recommendation.sectors.through):
        m2m_changed.connect(
            forget_cached_content, sender=through, dispatch_uid=f"roadmap-{through.__name__}"
        )
    page_published.connect(forget_cached_content, dispatch_uid="roadmap-page-published")
    page_unpublished.connect(forget_cached_content, dispatch_uid="roadmap-page-unpublished")
    post_page_move.connect(forget_cached_content, dispatch_uid="roadmap-page-moved")
    post_delete.connect(_page_deleted, dispatch_uid="roadmap-page-deleted")


def _page_deleted(sender, **kwargs) -> None:
    from roadmap.models import RoadmapStagePage, SelfAssessmentPage

    if issubclass(sender, (RoadmapStagePage, SelfAssessmentPage)):
        forget_cached_content()
