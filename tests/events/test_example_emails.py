"""Emails about an example event say so, in the subject and the body, as the attendee receives
them from a real SMTP server on loopback; emails about a real event do not."""

from __future__ import annotations

import pytest

from events import emails, services
from events.factories import EventPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_smtp(settings, smtp_server):
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    return smtp_server


def test_an_example_event_email_is_labelled_and_a_real_one_is_not(real_smtp):
    example = EventPageFactory(title="A practitioner workshop", is_example_content=True)
    assert example.is_example_content
    real = EventPageFactory(slug="a-real-event", title="A real event")
    services.sign_up(example, {"name": "Ex", "email": "ex-label@example.org"}, "en-gb")
    services.sign_up(real, {"name": "Re", "email": "re-label@example.org"}, "en-gb")
    assert emails.send_pending().sent >= 2

    message = real_smtp.wait_for("ex-label@example.org", "Your place is confirmed")
    assert str(message["Subject"]).startswith("[Example] ")
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert text.startswith("This is an example event on the demonstration site")
    assert "This is an example event on the demonstration site" in html

    message = real_smtp.wait_for("re-label@example.org", "Your place is confirmed")
    assert "[Example]" not in str(message["Subject"])
    assert "example event" not in message.get_body(preferencelist=("plain",)).get_content()


def test_an_arabic_email_about_an_example_event_carries_the_arabic_label():
    example = EventPageFactory(title="A practitioner workshop", is_example_content=True)
    result = services.sign_up(example, {"name": "Layla", "email": "layla-ex@example.org"}, "ar")
    email = result.registration.emails.get()
    assert email.subject.startswith("[مثال] ")
