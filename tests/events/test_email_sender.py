"""No reader waits on email. Sign-ups only write to the outbox; the long-running sender
(`run_email_sender`) sends. With a mail server that accepts connections and never answers,
sign-ups and pages still answer at once, and the emails go out once the server recovers.
The sender stops cleanly on SIGTERM, as a process manager stops it."""

from __future__ import annotations

import re
import signal
import time
import urllib.error
import urllib.parse
import urllib.request

from aiosmtpd.controller import Controller

from tests.events.conftest import CollectingHandler, create_event
from tests.support.faults import HungListener
from tests.support.server import start_site_server


def _timed(request_or_url) -> tuple[int, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request_or_url, timeout=30) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.monotonic() - started


def _sign_up(base_url: str, event_id: int, email: str) -> tuple[int, float]:
    data = urllib.parse.urlencode(
        {"name": "Hung Mail", "email": email, "privacy_consent": "on"}
    ).encode()
    request = urllib.request.Request(
        f"{base_url}/en-gb/sign-up/{event_id}/",
        data=data,
        headers={"Origin": base_url, "Content-Type": "application/x-www-form-urlencoded"},
    )
    return _timed(request)  # follows the 303 to the confirmation page


def _wait_for_log(server, pattern: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log = server.email_sender_log()
        if re.search(pattern, log):
            return log
        time.sleep(0.2)
    raise AssertionError(f"No {pattern!r} in the sender's log:\n{server.email_sender_log()}")


def test_sign_ups_answer_at_once_while_the_mail_server_hangs_and_emails_follow_its_recovery(
    tmp_path,
):
    hung = HungListener()
    server = start_site_server(
        tmp_path,
        extra_env={
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(hung.port),
            "EMAIL_USE_TLS": "false",
            "EMAIL_TIMEOUT": "3",
            "EMAIL_RETRY_DELAY_SECONDS": "1",
        },
        workers=2,
    )
    controller = None
    try:
        sender = server.start_email_sender(interval=0.5)
        event = create_event(server, "hung-mail-event", capacity=5)
        people = [f"hung{n}@example.org" for n in range(3)]
        for person in people:
            status, seconds = _sign_up(server.url, event["id"], person)
            assert status == 200
            assert seconds < 2, f"a sign-up took {seconds:.1f} s with the mail server hung"
        status, seconds = _timed(f"{server.url}/en-gb/")
        assert status == 200 and seconds < 2, f"the home page took {seconds:.1f} s"

        # The sender did try the hung server, gave up on that attempt and will retry.
        _wait_for_log(server, r"Sent 0 email\(s\); [1-9]\d* still failing", timeout=45)
        assert hung.accepted >= 1

        # The mail server comes back on the same address.
        hung.close()
        handler = CollectingHandler()
        controller = Controller(handler, hostname="127.0.0.1", port=hung.port)
        controller.start()
        for person in people:
            handler.wait_for(person, "Your place is confirmed", timeout=60)
        assert [len(handler.to(person)) for person in people] == [1, 1, 1]

        sender.send_signal(signal.SIGTERM)
        assert sender.wait(timeout=20) == 0
        assert "Email sender stopped." in server.email_sender_log()
        assert "Traceback" not in server.email_sender_log()
    finally:
        server.stop()
        hung.close()
        if controller is not None:
            controller.stop()
