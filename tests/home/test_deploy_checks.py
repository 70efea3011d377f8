"""`check --deploy` tells an operator when production would keep state on one app server
(that full production settings pass is in test_settings.py)."""

import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "PATH": "/usr/bin:/bin",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "trauma-informed.london",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "AWS_STORAGE_BUCKET_NAME": "tilondon-media",
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
