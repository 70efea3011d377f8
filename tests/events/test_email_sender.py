"""No reader waits on email. Sign-ups only write to the outbox; the long-running sender
(`run_email_sender`) sends. With a mail server that accepts connections and never answers,
sign-ups and pages still answer at once, and the emails go out once the server recovers.
The sender stops cleanly on SIGTERM, as a process manager stops it. A failing email is
retried later and later, then given up, counted, and can be requeued."""

from __future__ import annotations

import io
import re
import signal
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from events import emails, services
from events.factories import EventPageFactory
from events.models import OutboundEmail
from tests.events.conftest import create_event, served_stamp
from tests.support.faults import HungListener, refusing_port
from tests.support.server import start_site_server
from tests.support.smtp import CollectingHandler


def _timed(request_or_url) -> tuple[int, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request_or_url, timeout=30) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.monotonic() - started


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _sign_up(base_url: str, event_id: int, email: str, stamp: dict) -> tuple[int, float]:
    """The sign-up's own answer (the 303 to the confirmation page), and how long it took."""
    data = urllib.parse.urlencode(
        {"name": "Hung Mail", "email": email, "privacy_consent": "on", **stamp}
    ).encode()
    request = urllib.request.Request(
        f"{base_url}/en-gb/sign-up/{event_id}/",
        data=data,
        headers={"Origin": base_url, "Content-Type": "application/x-www-form-urlencoded"},
    )
    started = time.monotonic()
    try:
        urllib.request.build_opener(_NoRedirects).open(request, timeout=30)
        status = 200
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.monotonic() - started


def _wait_for_log(server, pattern: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log = server.email_sender_log()
        if re.search(pattern, log):
            return log
        time.sleep(0.2)
    raise AssertionError(f"No {pattern!r} in the sender's log:\n{server.email_sender_log()}")


@pytest.mark.server
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
            # Long, so that a request waiting on the mail server could not pass for a slow one.
            "EMAIL_TIMEOUT": "10",
            "EMAIL_RETRY_DELAY_SECONDS": "1",
        },
        workers=2,
    )
    controller = None
    try:
        sender = server.start_email_sender(interval=0.5)
        event = create_event(server, "hung-mail-event", capacity=5)
        people = [f"hung{n}@example.org" for n in range(4)]
        for _ in range(2):  # both workers have loaded their code and templates
            assert _timed(f"{server.url}{event['url']}")[0] == 200
        timings = []
        stamp = served_stamp(server, event)
        for person in people:
            status, seconds = _sign_up(server.url, event["id"], person, stamp)
            assert status == 303
            timings.append(seconds)
        # None waited on the mail server (that takes EMAIL_TIMEOUT, 10 s), and a sign-up
        # typically answers in under 2 s (the median, so one slow moment on a busy test
        # machine does not decide it).
        assert max(timings) < 10, timings
        assert sorted(timings)[len(timings) // 2] < 2, timings
        status, seconds = _timed(f"{server.url}/en-gb/")
        assert status == 200 and seconds < 5, f"the home page took {seconds:.1f} s"

        # The sender did try the hung server, gave up on that attempt and will retry.
        _wait_for_log(server, r"Email \d+ not sent \(attempt 1 of 10\): .*timed out", timeout=60)
        assert hung.accepted >= 1

        # The mail server comes back on the same address.
        hung.close()
        handler = CollectingHandler()
        controller = Controller(handler, hostname="127.0.0.1", port=hung.port)
        controller.start()
        for person in people:
            handler.wait_for(person, "Your place is confirmed", timeout=60)
        assert [len(handler.to(person)) for person in people] == [1, 1, 1, 1]

        sender.send_signal(signal.SIGTERM)
        assert sender.wait(timeout=20) == 0
        assert "Email sender stopped." in server.email_sender_log()
        assert "Traceback" not in server.email_sender_log()
    finally:
        server.stop()
        hung.close()
        if controller is not None:
            controller.stop()


@pytest.mark.django_db
def test_a_failing_email_is_retried_later_each_time_then_given_up_counted_and_requeued(settings):
    event = EventPageFactory(slug="gives-up")
    result = services.sign_up(event, {"name": "Gita", "email": "gita@example.org"}, "en-gb")
    email = OutboundEmail.objects.get(registration=result.registration)
    # A real SMTP connection that is refused: nothing listens on this port.
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = (
        "127.0.0.1",
        refusing_port(),
        2,
    )
    delays = []
    for _ in range(emails.MAX_ATTEMPTS):
        OutboundEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
        before = timezone.now()
        emails.send_pending()
        email.refresh_from_db()
        if email.status == "failed":
            delays.append(round((email.next_attempt_at - before).total_seconds() / 60))
    assert delays[:5] == [1, 2, 4, 8, 16], "the wait doubles from EMAIL_RETRY_DELAY_SECONDS"
    assert max(delays) <= 6 * 60
    assert email.status == "gave_up" and email.attempts == emails.MAX_ATTEMPTS
    assert "ConnectionRefusedError" in email.last_error

    # Not due before its time: a sender pass leaves a failed email alone until then.
    out = io.StringIO()
    call_command("send_pending_emails", stdout=out)
    assert out.getvalue().strip() == (
        "Sent 0 email(s); 0 still failing (will retry); "
        "1 given up (requeue them with manage.py requeue_emails)."
    )

    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = io.StringIO()
    call_command("requeue_emails", "--dry-run", stdout=out)
    assert "1 given-up email(s) would be requeued." in out.getvalue()
    email.refresh_from_db()
    assert email.status == "gave_up"
    out = io.StringIO()
    call_command("requeue_emails", stdout=out)
    assert "Requeued 1 given-up email(s)" in out.getvalue()
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("pending", 0)

    out = io.StringIO()
    call_command("send_pending_emails", stdout=out)
    assert out.getvalue().startswith("Sent 1 email(s); 0 still failing (will retry); 0 given up")
    assert [m.to for m in mail.outbox] == [["gita@example.org"]]


@pytest.mark.django_db
def test_a_failed_email_is_not_retried_before_its_time(settings):
    event = EventPageFactory(slug="not-yet")
    result = services.sign_up(event, {"name": "Nia", "email": "nia@example.org"}, "en-gb")
    email = OutboundEmail.objects.get(registration=result.registration)
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = (
        "127.0.0.1",
        refusing_port(),
        2,
    )
    assert emails.send_pending().failed == 1
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert emails.send_pending().sent == 0, "due again only after EMAIL_RETRY_DELAY_SECONDS"
    OutboundEmail.objects.filter(pk=email.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
    assert emails.send_pending().sent == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_wagtails_own_emails_also_wait_in_the_outbox_for_the_sender(settings):
    """Moderation notices and password resets are sent in an editor's request: with the
    site's EMAIL_BACKEND they are only written to the outbox, like sign-up emails."""
    from wagtail.admin.mail import send_mail

    settings.EMAIL_BACKEND = "events.emails.OutboxBackend"  # pytest-django swaps in locmem
    send_mail(
        "Page submitted for moderation",
        "A page is waiting for you.",
        ["moderator@example.org", "second@example.org"],
        html_message="<p>A page is waiting for you.</p>",
    )
    assert mail.outbox == []
    rows = OutboundEmail.objects.filter(subject="Page submitted for moderation")
    assert sorted(rows.values_list("to", flat=True)) == [
        "moderator@example.org",
        "second@example.org",
    ]
    assert set(rows.values_list("status", flat=True)) == {"pending"}
    assert emails.send_pending().sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["moderator@example.org", "second@example.org"]
    assert mail.outbox[0].alternatives[0][1] == "text/html"
