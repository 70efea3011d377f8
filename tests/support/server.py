"""Start the real site in its own process(es) for browser and concurrency tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class SiteServer:
    url: str
    env: dict[str, str]
    process: subprocess.Popen
    log_path: Path
    cleanup: list = field(default_factory=list)

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run a management command against this server's database."""
        return subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=check,
            timeout=300,
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    @property
    def email_sender_log_path(self) -> Path:
        return self.log_path.with_name(self.log_path.stem + "-email-sender.log")

    def start_email_sender(self, interval: float = 0.5) -> subprocess.Popen:
        """The production email sender (`run_email_sender`) for this server's database, its
        output in `email_sender_log_path`. Stopped with the server, or by the caller."""
        process = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "run_email_sender",
                "--interval",
                str(interval),
            ],
            env=self.env,
            cwd=ROOT,
            stdout=self.email_sender_log_path.open("w"),
            stderr=subprocess.STDOUT,
        )
        self.cleanup.insert(0, lambda: _stop(process))
        return process

    def email_sender_log(self) -> str:
        return self.email_sender_log_path.read_text(errors="replace")

    def stop(self) -> None:
        _stop(self.process)
        for action in self.cleanup:
            action()


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _database_env(workdir: Path) -> tuple[str, list]:
    """A fresh database for the server: a SQLite file, or a new PostgreSQL database on the
    server DATABASE_URL names."""
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{workdir / 'site.sqlite3'}", []
    import psycopg

    config = dj_database_url.parse(configured)
    name = f"tilondon_site_{uuid.uuid4().hex[:8]}"
    admin = {
        "host": config["HOST"] or "127.0.0.1",
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**admin) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(**admin) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    base = configured.rsplit("/", 1)[0]
    return f"{base}/{name}", [drop]


def site_env(workdir: Path, port: int, database_url: str, extra_env: dict | None = None) -> dict:
    """The environment a test site process runs with."""
    env = {
        **os.environ,
        "TESTING": "true",
        "DEBUG": "false",
        "DATABASE_URL": database_url,
        "VAR_DIR": str(workdir),
        "MEDIA_ROOT": str(workdir / "media"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "PAGE_CACHE_SECONDS": "0",
        **(extra_env or {}),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def start_site_server(
    workdir: Path,
    extra_env: dict[str, str] | None = None,
    workers: int = 3,
    share_database_with: SiteServer | None = None,
) -> SiteServer:
    """Migrate a new database, load the demo content, and serve it with gunicorn; or serve
    another server's database as a second app server (`share_database_with`)."""
    if share_database_with is not None:
        database_url, cleanup = share_database_with.env["DATABASE_URL"], []
    else:
        database_url, cleanup = _database_env(workdir)
    port = free_port()
    env = site_env(workdir, port, database_url, extra_env)
    if share_database_with is not None:
        env["MEDIA_ROOT"] = share_database_with.env["MEDIA_ROOT"]
    setup = (
        []
        if share_database_with
        else [["migrate", "--no-input", "-v0"], ["load_demo_content", "-v0"]]
    )
    for command in setup:
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *command],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            timeout=600,
        )
    server = serve(workdir, port, env, workers=workers)
    server.cleanup.extend(cleanup)
    return server


def serve(workdir: Path, port: int, env: dict, workers: int = 3, ready=(200,)) -> SiteServer:
    """Run gunicorn with the repository's configuration (deploy/gunicorn.conf.py) on `port`
    and wait until /healthz answers with one of the `ready` statuses."""
    log_path = workdir / f"server-{port}.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "site.wsgi",
            "--config",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            "4",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The site server stopped:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=10) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError:
            time.sleep(0.3)
            continue
        if status in ready:
            break
        time.sleep(0.3)
    else:
        _stop(process)
        raise RuntimeError(f"The site server did not start:\n{log_path.read_text()}")
    return SiteServer(url=url, env=env, process=process, log_path=log_path)
