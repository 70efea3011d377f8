"""Deployment checks (`manage.py check --deploy`): production runs several stateless app
servers, so shared state must live in Redis and S3, not in one server's memory or disk; and
the links we email to people must point at the real, encrypted public address."""

import ipaddress
from urllib.parse import urlsplit

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


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@register(deploy=True)
def check_public_base_url(app_configs, **kwargs):
    """Sign-up emails carry links built on PUBLIC_BASE_URL (manage links, calendar files):
    a loopback address sends people nowhere, and http:// sends their private link in clear."""
    address = settings.PUBLIC_BASE_URL
    parts = urlsplit(address)
    problems = []
    if parts.scheme != "https":
        problems.append("does not start with https://")
    if _is_loopback((parts.hostname or "").lower()):
        problems.append("points at this machine (a loopback address)")
    if not problems:
        return []
    return [
        Warning(
            f"PUBLIC_BASE_URL ({address!r}) {' and '.join(problems)}, yet links in the emails "
            "sent to people who sign up are built on it.",
            hint="Set PUBLIC_BASE_URL to the site's public https:// address, "
            "e.g. https://trauma-informed.london.",
            id="tilondon.W003",
        )
    ]
