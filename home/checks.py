"""Deployment checks (`manage.py check --deploy`): production runs several stateless app
servers, so shared state must live in Redis and S3, not in one server's memory or disk."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    if settings.REDIS_URL:
        return []
    return [
        Warning(
            "REDIS_URL is not set, so each app server keeps its own cache.",
            hint="Set REDIS_URL so that every app server sees a publish at once.",
            id="tilondon.W001",
        )
    ]


@register(deploy=True)
def check_shared_media(app_configs, **kwargs):
    if settings.AWS_STORAGE_BUCKET_NAME:
        return []
    return [
        Warning(
            "AWS_STORAGE_BUCKET_NAME is not set, so uploads are stored on one app server's disk.",
            hint="Set AWS_STORAGE_BUCKET_NAME (and credentials) so every app server serves every upload.",
            id="tilondon.W002",
        )
    ]
