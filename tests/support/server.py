"""Start the real site in its own process(es) for browser and concurrency tests.

Each server gets its own database with the demo site in it. Building one (migrate, then
load_demo_content, in subprocesses) costs about 40 s of CPU, so a test run builds it once, as a
seed shared by its xdist workers, and every server after that starts from a copy: a SQLite
backup or a PostgreSQL `CREATE DATABASE ... TEMPLATE`, plus a copy of the demo's media files.
The in-process `demo_site` fixture loads the same seed into the test database. A server whose
files live on S3 builds its own (the seed's files are local).
"""

from __future__ import annotations

import atexit
import fcntl
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
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


def _admin_connection(configured: str):
    import psycopg

    config = dj_database_url.parse(configured)
    return psycopg.connect(
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def _database_env(workdir: Path, template: str = "") -> tuple[str, list]:
    """A fresh database for the server: a SQLite file, or a new PostgreSQL database on the
    server DATABASE_URL names (a copy of `template` when given)."""
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{workdir / 'site.sqlite3'}", []
    name = f"tilondon_site_{uuid.uuid4().hex[:8]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    with _admin_connection(configured) as connection:
        connection.execute(f'CREATE DATABASE "{name}"{copy}')

    def drop():
        with _admin_connection(configured) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    base = configured.rsplit("/", 1)[0]
    return f"{base}/{name}", [drop]


def _manage(env: dict, *args: str) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=600,
    )


@dataclass
class Seed:
    """A migrated database with the demo site in it, and its media folder."""

    database_url: str
    media: Path


_seed: list[Seed] = []

# The folder a whole test run shares its seed in: the pytest process that starts the xdist
# workers makes it (tests/conftest.py) and removes it, and any PostgreSQL seed, at the end.
SEEDS_ENV = "TILONDON_TEST_SEEDS"
SEED_RECORD = "demo-seed.json"


def _build_demo_seed(workdir: Path) -> Seed:
    database_url, _drop = _database_env(workdir)
    env = site_env(workdir, free_port(), database_url)
    _manage(env, "migrate", "--no-input", "-v0")
    _manage(env, "load_demo_content", "-v0")
    return Seed(database_url, workdir / "media")


def _demo_seed() -> Seed:
    """The run's seed: built by the first test process that needs it (the others wait on a
    lock, then use it), or this process's own if no run folder was set up."""
    if not _seed:
        folder = os.environ.get(SEEDS_ENV)
        if folder:
            record = Path(folder) / SEED_RECORD
            with (Path(folder) / "demo-seed.lock").open("w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if not record.exists():
                    seed = _build_demo_seed(Path(tempfile.mkdtemp(prefix="demo-", dir=folder)))
                    record.write_text(
                        json.dumps({"database_url": seed.database_url, "media": str(seed.media)})
                    )
                saved = json.loads(record.read_text())
            _seed.append(Seed(saved["database_url"], Path(saved["media"])))
        else:
            workdir = Path(tempfile.mkdtemp(prefix="tilondon-seed-"))
            seed = _build_demo_seed(workdir)
            atexit.register(_remove_seed, seed, workdir)
            _seed.append(seed)
    return _seed[0]


def _remove_seed(seed: Seed, folder: Path) -> None:
    if seed.database_url.startswith(("postgres://", "postgresql://")):
        name = seed.database_url.rsplit("/", 1)[1]
        with _admin_connection(seed.database_url) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    shutil.rmtree(folder, ignore_errors=True)


def make_run_seed_folder() -> Path:
    """A folder for this run's seed, named in the environment so test processes started after
    this (xdist workers) share it. Remove it with `remove_run_seed_folder`."""
    folder = Path(tempfile.mkdtemp(prefix="tilondon-seeds-"))
    os.environ[SEEDS_ENV] = str(folder)
    return folder


def remove_run_seed_folder(folder: Path) -> None:
    record = folder / SEED_RECORD
    if record.exists():
        saved = json.loads(record.read_text())
        _remove_seed(Seed(saved["database_url"], Path(saved["media"])), folder)
    shutil.rmtree(folder, ignore_errors=True)


def load_demo_seed(connection) -> None:
    """Replace the contents of this process's test database (Django's `connection`) with the
    run's demo-site seed, and copy the seed's media files into MEDIA_ROOT: the same site
    `load_demo_content` would build, without building it again."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType

    seed = _demo_seed()
    if seed.database_url.startswith("sqlite:///"):
        connection.ensure_connection()
        source = sqlite3.connect(seed.database_url.removeprefix("sqlite:///"))
        source.backup(connection.connection)
        source.close()
    else:
        name = connection.settings_dict["NAME"]
        template = seed.database_url.rsplit("/", 1)[1]
        connection.close()
        with _admin_connection(seed.database_url) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    if seed.media.exists():
        shutil.copytree(seed.media, Path(settings.MEDIA_ROOT), dirs_exist_ok=True)
    ContentType.objects.clear_cache()


def _copy_of_the_seed(workdir: Path, port: int) -> tuple[str, list]:
    """A new database (and media folder) copied from the seed, its site on `port`."""
    seed = _demo_seed()
    if seed.database_url.startswith("sqlite:///"):
        database_url, cleanup = _database_env(workdir)
        source = sqlite3.connect(seed.database_url.removeprefix("sqlite:///"))
        target = sqlite3.connect(database_url.removeprefix("sqlite:///"))
        with target:
            source.backup(target)
        source.close()
        statement = "UPDATE wagtailcore_site SET hostname = ?, port = ? WHERE is_default_site"
        with target:
            target.execute(statement, ("127.0.0.1", port))
        target.close()
    else:
        database_url, cleanup = _database_env(workdir, template=seed.database_url.rsplit("/", 1)[1])
        import psycopg

        with psycopg.connect(database_url, autocommit=True) as connection:
            connection.execute(
                "UPDATE wagtailcore_site SET hostname = %s, port = %s WHERE is_default_site",
                ("127.0.0.1", port),
            )
    if seed.media.exists():
        shutil.copytree(seed.media, workdir / "media", dirs_exist_ok=True)
    return database_url, cleanup


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
    """Serve a new copy of the demo site with gunicorn (from this process's seed; built afresh
    for a server storing files on S3), or serve another server's database as a second app
    server (`share_database_with`)."""
    port = free_port()
    uses_s3 = any(name.startswith("AWS_") for name in (extra_env or {}))
    if share_database_with is not None:
        database_url, cleanup = share_database_with.env["DATABASE_URL"], []
    elif uses_s3:
        database_url, cleanup = _database_env(workdir)
    else:
        database_url, cleanup = _copy_of_the_seed(workdir, port)
    env = site_env(workdir, port, database_url, extra_env)
    if share_database_with is not None:
        env["MEDIA_ROOT"] = share_database_with.env["MEDIA_ROOT"]
    if uses_s3:
        _manage(env, "migrate", "--no-input", "-v0")
        _manage(env, "load_demo_content", "-v0")
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
