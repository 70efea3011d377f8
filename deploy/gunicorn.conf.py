"""Gunicorn's configuration for the site, used in production and by the test servers:
`gunicorn site.wsgi -c deploy/gunicorn.conf.py`.

Every dependency the site calls has a deadline shorter than a worker's `timeout` (the
database's connect and statement timeouts, S3's connect/read timeouts and retries: see
site/settings.py), so a hung dependency costs readers a 503 page, never a killed worker.
The access log carries no query strings, client addresses, user agents, referrers or
private sign-up links. Environment variables (all optional) tune it; see README.md.
"""

from __future__ import annotations

import multiprocessing
import os
import re

from gunicorn.glogging import Logger


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value else default


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Twice the cores plus one, as gunicorn advises for a site that waits on its database.
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
threads = _int("GUNICORN_THREADS", 1)
# A worker silent this long is killed and replaced. Keep it above every dependency deadline.
timeout = _int("GUNICORN_TIMEOUT", 30)
# On restart or deploy, workers get this long to finish the requests in hand.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# Workers are recycled after this many requests (jittered so they do not restart together),
# which bounds any slow memory growth.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# Time, method, path (no query string), status, bytes, milliseconds. No client address.
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'

# A sign-up's private manage link is a credential: its token never reaches the log.
_PRIVATE_PATH = re.compile(r"(/my-sign-up/)[^/]+")


class PrivacyLogger(Logger):
    """Gunicorn's logger, with private tokens taken out of logged paths."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = _PRIVATE_PATH.sub(r"\1[private]", atoms.get("U", ""))
        return atoms


logger_class = PrivacyLogger
