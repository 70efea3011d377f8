"""`site/` imports as a package in every entry point, despite Python's own `site` module."""

import subprocess
import sys
from pathlib import Path

import pytest

# Each test runs Django or gunicorn in another process.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def test_site_settings_import_from_any_directory(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import site, site.settings; print(site.settings.ROOT_URLCONF, site.getsitepackages()[0])",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"TESTING": "true", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("site.urls ")  # and the standard module still works


def test_gunicorn_can_load_the_wsgi_application(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "site.wsgi", "--check-config"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"TESTING": "true", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_manage_py_runs_django_commands():
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"TESTING": "true", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
