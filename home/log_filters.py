"""Logging filters, named in settings.LOGGING.

`OncePerInterval` keeps an outage from flooding the logs: with Redis down, every cache call
fails (and is ignored: the site works without its cache), which used to write a traceback
per call, tens of thousands of lines a minute. Through this filter the logger writes one
line per interval per process, without the traceback, saying how many it held back.
"""

from __future__ import annotations

import logging
import threading
import time


class OncePerInterval(logging.Filter):
    """Let one record through every `seconds`, as a single line; drop (and count) the rest."""

    def __init__(self, seconds: float = 60.0, name: str = ""):
        super().__init__(name)
        self.seconds = float(seconds)
        self._lock = threading.Lock()
        self._next_at = 0.0
        self._held_back = 0

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        with self._lock:
            if now < self._next_at:
                self._held_back += 1
                return False
            held_back, self._held_back = self._held_back, 0
            self._next_at = now + self.seconds
        error = record.exc_info[1] if record.exc_info else None
        cause = getattr(error, "__cause__", None) or error
        detail = f": {type(cause).__name__}: {cause}" if cause is not None else ""
        record.msg = (
            f"{record.getMessage()}{detail} (logged once every {self.seconds:g} s; "
            f"{held_back} similar message(s) held back)"
        )
        record.args = ()
        record.exc_info = None
        record.exc_text = None
        return True
