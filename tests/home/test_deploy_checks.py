"""`check --deploy` tells an operator when production would keep state on one app server, or
would email people links to a loopback or unencrypted address (that full production settings
pass is in test_settings.py)."""

import secrets
import subprocess
import sys
from pathlib import Path

import pytest

# Each test runs `manage.py check --deploy` in another process.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "PATH": "/usr/bin:/bin",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "trauma-informed.london",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "AWS_STORAGE_BUCKET_NAME": "tilondon-media",
    "PUBLIC_BASE_URL": "https://trauma-informed.london",
}


def deploy_check(env):
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_without_redis_or_s3_the_deploy_check_explains_what_is_missing():
    env = {
        key: value
        for key, value in PRODUCTION.items()
        if key not in ("REDIS_URL", "AWS_STORAGE_BUCKET_NAME")
    }
    result = deploy_check(env)
    assert result.returncode != 0
    assert "REDIS_URL is not set" in result.stderr
    assert "AWS_STORAGE_BUCKET_NAME is not set" in result.stderr


def test_a_public_address_on_https_passes_the_deploy_check():
    result = deploy_check(PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "PUBLIC_BASE_URL" not in result.stderr


def test_the_deploy_check_warns_when_emailed_links_would_point_at_a_loopback_address():
    # Unset, it falls back to the admin address, whose default is the local development server.
    env = {key: value for key, value in PRODUCTION.items() if key != "PUBLIC_BASE_URL"}
    result = deploy_check(env)
    assert result.returncode != 0
    assert "tilondon.W003" in result.stderr
    assert "points at this machine" in result.stderr

    for address in ("https://localhost", "https://[::1]:8443", "https://127.1.2.3/"):
        result = deploy_check({**PRODUCTION, "PUBLIC_BASE_URL": address})
        assert "points at this machine" in result.stderr, address


def test_the_deploy_check_warns_when_emailed_links_would_travel_unencrypted():
    result = deploy_check({**PRODUCTION, "PUBLIC_BASE_URL": "http://trauma-informed.london"})
    assert result.returncode != 0
    assert "tilondon.W003" in result.stderr
    assert "does not start with https://" in result.stderr
    assert "points at this machine" not in result.stderr
