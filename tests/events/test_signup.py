"""Signing up on the event page: validation, duplicates, hostile input, privacy, capacity."""

from __future__ import annotations

import pytest
from django.core import mail

from events import emails, services
from events.factories import EventPageFactory, form_data
from events.models import EventPage, OutboundEmail, Registration
from home.factories import translate

pytestmark = pytest.mark.django_db

HOST = {"HTTP_HOST": "localhost", "HTTP_ORIGIN": "http://localhost"}


@pytest.fixture
def client(client):
    client.defaults["HTTP_HOST"] = "localhost"
    return client


def post(client, event, **data):
    return client.post(f"/en-gb/sign-up/{event.pk}/", form_data(**data), **HOST)


def test_the_event_page_shows_the_form_and_sets_no_cookies(client):
    event = EventPageFactory(slug="no-cookies")
    response = client.get(event.url)
    assert response.status_code == 200
    assert not response.cookies
    content = response.content.decode()
    assert 'name="privacy_consent"' in content
    assert "csrfmiddlewaretoken" not in content
    assert "private-room" not in content, "the joining link is never public"
    assert "Open for sign-up" in content


def test_signing_up_confirms_a_place_and_queues_the_confirmation(client):
    event = EventPageFactory(slug="confirm-me")
    response = post(client, event, email="Sam@Example.org")
    assert response.status_code == 303
    assert response["Location"].endswith("/confirmed/")
    registration = Registration.objects.get(event=event)
    assert registration.email == "sam@example.org"
    assert registration.status == "confirmed"
    assert mail.outbox == [], "the request only writes to the outbox; the sender sends"
    assert OutboundEmail.objects.get(registration=registration).status == "pending"
    assert emails.send_pending().sent == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == f"Your place is confirmed: {event.title}"
    assert mail.outbox[0].attachments[0][0] == "event.ics"
    assert "/my-sign-up/" in mail.outbox[0].body


def test_signing_up_twice_says_so_and_resends_the_details(client):
    event = EventPageFactory(slug="twice")
    post(client, event)
    response = post(client, event, email="SAM@example.org", name="Sam again")
    emails.send_pending()
    assert response["Location"].endswith("/already/")
    assert Registration.objects.filter(event=event).count() == 1
    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "Your place is confirmed",
        "Your sign-up details",
    ]
    followed = client.get(response["Location"])
    assert "already signed up" in followed.content.decode()


def test_bad_input_gets_clear_messages_and_keeps_what_was_typed(client):
    event = EventPageFactory(slug="bad-input")
    response = post(
        client,
        event,
        name="",
        email="not-an-email",
        organisation="Org typed",
        access_needs="Wheelchair space",
        dietary_needs="Vegan",
        privacy_consent="",
    )
    assert response.status_code == 200
    content = response.content.decode()
    for message in (
        "There is a problem",
        "Enter your name.",
        "Enter an email address like name@example.org.",
        "Tick the box to let us store your access needs, or leave them blank.",
        "Tick the box to let us store your dietary needs, or leave them blank.",
        "Tick the box to agree to the privacy notice",
        'href="#id_name"',
    ):
        assert message in content
    assert 'value="Org typed"' in content
    assert "Wheelchair space" in content
    assert 'aria-invalid="true"' in content
    assert not Registration.objects.filter(event=event).exists(), "nothing half-saved"


def test_too_long_input_says_how_long_it_may_be(client):
    event = EventPageFactory(slug="too-long")
    response = post(client, event, name="x" * 500)
    assert "Your name must be 120 characters or fewer (it has 500)." in response.content.decode()


def test_hostile_input_is_stored_safely_and_shown_escaped(client):
    event = EventPageFactory(slug="hostile")
    name = "<script>alert(1)</script> Zoë 🌈\u200f\x00\x07 ‏مرحبا"
    post(client, event, name=name, organisation="Org\x1b[31m red", role="A" * 200)
    registration = Registration.objects.get(event=event)
    assert registration.name == "<script>alert(1)</script> Zoë 🌈\u200f ‏مرحبا"
    assert registration.organisation == "Org[31m red"
    assert registration.role == "A" * 200
    from events.links import manage_path

    page = client.get(manage_path(registration)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Zoë 🌈" in page
    assert "<script>alert(1)" not in page


def test_needs_are_kept_only_with_consent(client):
    event = EventPageFactory(slug="needs")
    post(client, event, access_needs="Step-free", access_needs_consent="on")
    registration = Registration.objects.get(event=event)
    assert registration.access_needs == "Step-free"
    assert registration.access_needs_consent is True
    assert registration.dietary_needs == "" and registration.dietary_needs_consent is False


def test_when_full_people_join_the_waiting_list_and_a_cancellation_promotes_the_first(client):
    event = EventPageFactory(slug="full", capacity=1)
    post(client, event, email="first@example.org")
    second = post(client, event, email="second@example.org")
    post(client, event, email="third@example.org")
    emails.send_pending()
    assert second["Location"].endswith("/waiting/")
    assert "Full – join the waiting list" in client.get(event.url).content.decode()  # noqa: RUF001
    waiting = Registration.objects.get(email="second@example.org")
    assert waiting.waiting_position == 1
    assert Registration.objects.get(email="third@example.org").waiting_position == 2
    mail.outbox.clear()
    services.cancel_registration(Registration.objects.get(email="first@example.org"))
    emails.send_pending()
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert sorted(m.subject.split(":")[0] for m in mail.outbox) == [
        "A place has opened for you",
        "Your place is cancelled",
    ]
    assert Registration.objects.get(email="third@example.org").waiting_position == 1


def test_raising_the_capacity_moves_the_waiting_list_up(django_capture_on_commit_callbacks):
    event = EventPageFactory(slug="grow", capacity=1)
    for n in range(3):
        services.sign_up(event, {"name": f"P{n}", "email": f"p{n}@example.org"}, "en-gb")
    event = EventPage.objects.get(pk=event.pk)
    event.capacity = 2
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    statuses = list(
        Registration.objects.filter(event=event)
        .order_by("created_at", "pk")
        .values_list("status", flat=True)
    )
    assert statuses == ["confirmed", "confirmed", "waiting"]


def test_status_readers_see_follows_the_data():
    event = EventPageFactory(slug="statuses", capacity=30)
    assert event.status == "open"
    for n in range(27):
        services.sign_up(event, {"name": f"P{n}", "email": f"s{n}@example.org"}, "en-gb")
    event = EventPage.objects.get(pk=event.pk)
    assert event.status == "few_places"
    event.cancelled = True
    assert event.status == "cancelled"
    past = EventPageFactory(slug="celebrated", days_ahead=-30)
    assert past.status == "past"


def test_an_email_is_sent_once_even_if_the_sender_runs_twice():
    event = EventPageFactory(slug="send-once")
    result = services.sign_up(event, {"name": "Once", "email": "once@example.org"}, "en-gb")
    email = OutboundEmail.objects.get(registration=result.registration)
    assert emails.send(email.pk) is True
    assert emails.send(email.pk) is False
    assert (emails.send_pending().sent, emails.send_pending().failed) == (0, 0)
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.status == "sent" and email.attempts == 1


def test_a_failed_email_is_retried_by_the_command(settings):
    from django.core.management import call_command

    event = EventPageFactory(slug="retry")
    result = services.sign_up(event, {"name": "Retry", "email": "retry@example.org"}, "en-gb")
    email = OutboundEmail.objects.get(registration=result.registration)
    # A real SMTP connection that is refused: nothing listens on this port.
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    settings.EMAIL_RETRY_DELAY_SECONDS = 0  # due again at once
    assert emails.send(email.pk) is False
    email.refresh_from_db()
    assert email.status == "failed" and "Error" in email.last_error
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_pending_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    email.refresh_from_db()
    assert email.status == "sent" and email.attempts == 2
    assert len(mail.outbox) == 1


@pytest.fixture
def workshop():
    """An example event with an Arabic translation and few places left (as in the demo)."""
    event = EventPageFactory(
        slug="trauma-informed-supervision-workshop",
        title="Trauma-informed supervision",
        capacity=20,
        is_example_content=True,
    )
    for n in range(18):
        services.sign_up(event, {"name": f"P{n}", "email": f"w{n}@example.org"}, "en-gb")
    translate(event, title="الإشراف المستنير بالصدمات")
    return EventPage.objects.get(pk=event.pk)


def test_emails_are_written_in_the_language_of_the_sign_up(workshop):
    event = workshop
    result = services.sign_up(event, {"name": "Layla", "email": "layla@example.org"}, "ar")
    email = OutboundEmail.objects.get(registration=result.registration)
    # The workshop is example content: the Arabic label comes first (tests/events/test_example_emails.py).
    assert email.subject.startswith("[مثال] تم تأكيد مكانك: الإشراف المستنير بالصدمات")
    assert "عزيزي/عزيزتي Layla" in email.text
    assert "/ar/my-sign-up/" in email.text
    assert 'dir="rtl"' in email.html


def test_the_arabic_event_page_speaks_arabic(client, workshop):
    content = client.get("/ar/events/trauma-informed-supervision-workshop/").content.decode()
    assert "بقيت أماكن قليلة" in content
    assert "البريد الإلكتروني" in content
    assert "بتوقيت لندن" in content


def test_sign_up_closed_and_not_yet_open_are_explained(client):
    from datetime import timedelta

    from django.utils import timezone

    closed = EventPageFactory(slug="closed", signup_closes_at=timezone.now() - timedelta(hours=1))
    content = client.get(closed.url).content.decode()
    assert "Sign-up for this event has closed." in content
    assert 'name="privacy_consent"' not in content
    response = post(client, closed)
    assert response.status_code == 200
    assert not Registration.objects.filter(event=closed).exists()
    later = EventPageFactory(slug="later", signup_opens_at=timezone.now() + timedelta(days=2))
    assert "Sign-up opens on" in client.get(later.url).content.decode()


def test_signing_up_on_the_arabic_page_takes_a_place_at_the_one_event(client, workshop):
    english = workshop
    arabic = EventPage.objects.get(
        slug="trauma-informed-supervision-workshop", locale__language_code="ar"
    )
    places_before = english.places_left
    response = client.post(f"/ar/sign-up/{arabic.pk}/", form_data(email="noor@example.org"), **HOST)
    assert response["Location"].startswith("/ar/sign-up/")
    registration = Registration.objects.get(email="noor@example.org")
    assert registration.event_id == english.pk
    assert registration.language == "ar"
    assert EventPage.objects.get(pk=english.pk).places_left == places_before - 1
