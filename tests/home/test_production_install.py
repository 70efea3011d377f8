"""The production install carries no test tools, still runs the whole site, and `make audit`
says plainly when it could not check the production lock for vulnerabilities."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", re.MULTILINE)
TEST_TOOLS = {
    "moto",
    "flask",
    "playwright",
    "aiosmtpd",
    "pytest",
    "pytest-django",
    "pytest-xdist",
    "pytest-cov",
    "ruff",
    "factory-boy",
    "wagtail-factories",
    "freezegun",
    "pip-audit",
    "faker",
}
# Importable names of the test tools: the production code must not need any of them.
TEST_MODULES = [
    "moto",
    "flask",
    "playwright",
    "aiosmtpd",
    "pytest",
    "_pytest",
    "pytest_django",
    "factory",
    "wagtail_factories",
    "freezegun",
    "pip_audit",
    "faker",
]


def pins(lock: str) -> dict[str, str]:
    return {
        name.lower(): version
        for name, version in PIN.findall((ROOT / lock).read_text(encoding="utf-8"))
    }


def test_the_production_lock_holds_no_test_tools_and_every_pin_is_hashed():
    production = pins("requirements.lock")
    assert {"wagtail", "django", "gunicorn", "psycopg", "openpyxl"} <= production.keys()
    assert not TEST_TOOLS & production.keys(), sorted(TEST_TOOLS & production.keys())
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text[text.index("\n", text.index("==") - 80) :])
    assert all("--hash=sha256:" in block for block in blocks if "==" in block)


def test_the_development_lock_adds_the_test_tools_at_the_production_versions():
    production, development = pins("requirements.lock"), pins("requirements-dev.lock")
    assert {"pytest", "moto", "playwright", "aiosmtpd", "ruff", "pip-audit"} <= development.keys()
    assert {name: development.get(name) for name in production} == production, (
        "tests run the very versions production installs"
    )
    assert "--hash=sha256:" in (ROOT / "requirements-dev.lock").read_text(encoding="utf-8")


def test_the_readme_and_makefile_install_the_right_lock():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install --require-hashes --no-deps -r requirements.lock" in readme
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes --no-deps -r requirements-dev.lock" in makefile


WITHOUT_TEST_TOOLS = """
import importlib, pkgutil, sys
BLOCKED = set({blocked!r})

class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{{name}} is a test tool, absent from a production install")

sys.meta_path.insert(0, Blocker())
import django
django.setup()
import site.urls, site.wsgi
for app in ("home", "roadmap", "casestudies", "events", "search"):
    package = importlib.import_module(app)
    for module in pkgutil.walk_packages(package.__path__, app + "."):
        # <app>.factories are test helpers shipped beside the app (they need factory-boy).
        if module.name.rsplit(".", 1)[-1] != "factories":
            importlib.import_module(module.name)
from django.core.management import call_command
call_command("check")
# Nothing the site imported pulled in a factories module (the blocker would stop factory-boy,
# but a factories module must not be imported by production code at all).
assert not [name for name in sys.modules if name.rsplit(".", 1)[-1] == "factories"], sorted(
    name for name in sys.modules if name.endswith("factories")
)
print("production imports ok")
"""


@pytest.mark.slow  # runs Python in another process
def test_the_site_runs_without_any_test_tool(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "site.settings",
        "TESTING": "true",
        "DATABASE_URL": "sqlite://:memory:",
        "VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_TEST_TOOLS.format(blocked=TEST_MODULES)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "production imports ok" in result.stdout


def audit(env_extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env_extra}
    return subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "audit"), "requirements.lock"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.slow  # runs Python in another process
def test_make_audit_says_plainly_when_the_database_refuses_the_connection():
    with socket.socket() as closed:  # a loopback port nobody listens on: connections refused
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    result = audit({"HTTPS_PROXY": f"http://127.0.0.1:{port}"})
    assert result.returncode == 2, "not checked is never reported as safe"
    assert "AUDIT NOT DONE" in result.stderr
    assert "Connection refused" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.slow  # runs Python in another process
def test_make_audit_gives_up_in_time_when_the_database_never_answers():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted: list[socket.socket] = []

    def accept_and_stay_silent():
        for _ in range(4):  # bounded: the audit makes one attempt
            try:
                connection, _address = listener.accept()
            except OSError:
                return
            accepted.append(connection)

    thread = threading.Thread(target=accept_and_stay_silent, daemon=True)
    thread.start()
    try:
        result = audit(
            {
                "HTTPS_PROXY": f"http://127.0.0.1:{listener.getsockname()[1]}",
                "AUDIT_TIMEOUT_SECONDS": "2",
            }
        )
    finally:
        listener.close()
        for connection in accepted:
            connection.close()
    assert result.returncode == 2
    assert "AUDIT NOT DONE" in result.stderr
    assert "timed out" in result.stderr.lower()
    assert "Traceback" not in result.stderr + result.stdout
