"""Organiser tools that follow the rules (issue 11.5): what an organiser in the Events team
does in the admin goes through the same sign-up rules as the public pages.

1. Adding someone: capacity and waiting list as on the public form, the message says which,
   the confirmation email goes through the outbox.
2. Deleting or cancelling a sign-up gives the place to the next person waiting (emailed).
3. An action that did nothing says so as an error, never as a success.
4. Cancelling an event is one confirmed action (POST with a CSRF token) that marks the page
   and emails everyone signed up or waiting.
5. Editing needs keeps the consent rule of the public form.
6. The Events team downloads or erases one person's data in the admin (the manage.py
   commands' functions); nobody else reaches it.
"""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from events import emails, personal_data, services
from events.factories import EventPageFactory
from events.models import EventPage, OutboundEmail, Registration
from home.factories import SectorFactory, translate
from tests.support.accounts import VerifiedClient

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/events/sign-ups/new/"
PERSONAL_DATA_URL = "/admin/events/personal-data/"


@pytest.fixture
def organiser(django_user_model):
    """Someone in the Events team group, and nothing else."""
    user = django_user_model.objects.create_user(
        "organiser", "organiser@example.org", "a-long-test-password"
    )
    user.groups.add(Group.objects.get(name="Events team"))
    return user


@pytest.fixture
def one_place():
    """An event with one place, taken by Ada, and Ben on the waiting list."""
    event = EventPageFactory(title="Reflective practice circle", capacity=1)
    services.sign_up(event, {"name": "Ada Lovelace", "email": "ada@example.org"}, "en-gb")
    services.sign_up(event, {"name": "Ben Okri", "email": "ben@example.org"}, "en-gb")
    return event


def person(email: str) -> Registration:
    return Registration.objects.get(email=email)


def shown(response) -> list[tuple[str, str]]:
    """The messages the admin shows after this response, as (level, text). After a redirect
    the next page is fetched, as a browser would, so they are not shown again later."""
    messages = [(m.level_tag, str(m).strip()) for m in get_messages(response.wsgi_request)]
    if response.status_code == 302:
        response.client.get(response.url)
    return messages


def add_form(event, **overrides) -> dict:
    data = {
        "event": str(event.pk),
        "name": "Chidi Anagonye",
        "email": "Chidi@Example.org",
        "organisation": "Ethics Ltd",
        "role": "",
        "sector": "",
        "access_needs": "",
        "dietary_needs": "",
        "language": "en-gb",
        "privacy_consent": "on",
    }
    data.update(overrides)
    return data


# --- 1. Adding a sign-up ------------------------------------------------------------------


def test_an_organiser_adds_someone_with_the_public_forms_rules_and_sees_what_happened(
    client, organiser
):
    event = EventPageFactory(title="Trauma-informed supervision", capacity=1)
    client.force_login(organiser)
    listing = client.get(f"/admin/events/sign-ups/?event={event.pk}").content.decode()
    assert ADD_URL in listing, "the Events team sees the add button"
    form = client.get(ADD_URL)
    assert form.status_code == 200
    page = form.content.decode()
    for label in ("Event", "Email", "Language for their emails", "privacy notice"):
        assert label in page, label
    assert 'for="id_email"' in page and 'for="id_privacy_consent"' in page

    response = client.post(ADD_URL, add_form(event))
    assert response.status_code == 302
    assert shown(response) == [
        (
            "success",
            "Signed up Chidi Anagonye for “Trauma-informed supervision”: they have a confirmed "
            "place and will get a confirmation email.",
        )
    ]
    chidi = person("chidi@example.org")
    assert (chidi.status, chidi.privacy_consent, chidi.organisation) == (
        "confirmed",
        True,
        "Ethics Ltd",
    )

    response = client.post(ADD_URL, add_form(event, name="Dee Dee", email="dee@example.org"))
    assert shown(response) == [
        (
            "warning",
            "“Trauma-informed supervision” is full: Dee Dee is on the waiting list (number 1) "
            "and will get an email saying so.",
        )
    ], "a full event puts them on the waiting list, and the organiser is told"
    assert person("dee@example.org").status == "waiting"
    assert Registration.objects.filter(event=event, status="confirmed").count() == 1

    # The emails are the public form's, written to the outbox and sent by the sender.
    assert set(OutboundEmail.objects.values_list("idempotency_key", flat=True)) == {
        f"confirmed:{chidi.pk}",
        f"waiting:{person('dee@example.org').pk}",
    }
    mail.outbox.clear()
    emails.send_pending()
    subjects = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert subjects == [
        ("chidi@example.org", "Your place is confirmed: Trauma-informed supervision"),
        ("dee@example.org", "You are on the waiting list: Trauma-informed supervision"),
    ]


def test_the_add_form_refuses_what_the_public_form_refuses(client, organiser):
    event = EventPageFactory(capacity=5)
    services.sign_up(event, {"name": "Ada", "email": "ada@example.org"}, "en-gb")
    cancelled = EventPageFactory(title="Called off", cancelled=True)
    client.force_login(organiser)
    cases = [
        (add_form(event, email="ADA@example.org"), "already signed up for this event"),
        (add_form(event, privacy_consent=""), "agreed to the privacy notice"),
        (
            add_form(event, access_needs="A hearing loop"),
            "Access needs are stored only with the person&#x27;s consent",
        ),
        (add_form(cancelled), "only upcoming events that are not cancelled"),
    ]
    for data, error in cases:
        response = client.post(ADD_URL, data)
        assert response.status_code == 200, error
        assert error in response.content.decode(), error
        assert [level for level, _text in shown(response)] == ["error"], error
    assert Registration.objects.count() == 1, "nothing was added"


def test_a_sign_up_racing_a_cancellation_is_refused_under_the_lock(one_place):
    """The admin form lists only events open for sign-up; the service checks again under the
    event's lock, so nobody lands on an event cancelled in between."""
    EventPage.objects.filter(pk=one_place.pk).update(cancelled=True)
    with pytest.raises(services.SignUpClosed):
        services.sign_up(one_place, {"name": "Late", "email": "late@example.org"}, "en-gb")
    assert not Registration.objects.filter(email="late@example.org").exists()


# --- 2. Deleting or cancelling passes the place on ----------------------------------------


def test_deleting_a_sign_up_in_the_admin_gives_the_place_to_the_next_person_waiting(
    client, editor, one_place
):
    client.force_login(editor)  # deleting is for superusers: the Events team cancels
    ada = person("ada@example.org")
    page = client.get(f"/admin/events/sign-ups/delete/{ada.pk}/").content.decode()
    assert "the first person waiting gets the place" in page
    response = client.post(f"/admin/events/sign-ups/delete/{ada.pk}/")
    assert response.status_code == 302
    assert not Registration.objects.filter(pk=ada.pk).exists()
    ben = person("ben@example.org")
    assert ben.status == "confirmed", "Ben, who was waiting, has the place"
    assert OutboundEmail.objects.filter(idempotency_key=f"promoted:{ben.pk}").exists()
    assert not OutboundEmail.objects.filter(to="ada@example.org").exists(), (
        "nothing more is sent to, or kept about, the person deleted"
    )
    assert not ModelLogEntry.objects.filter(label__icontains="Ada").exists(), (
        "the admin's history does not name them"
    )
    assert shown(response) == [
        (
            "success",
            "Deleted the sign-up of Ada Lovelace. Ben Okri, from the waiting list, now has the "
            "place and has been emailed.",
        )
    ]


def test_cancelling_a_sign_up_in_the_admin_tells_the_organiser_who_got_the_place(
    client, organiser, one_place
):
    client.force_login(organiser)
    ada = person("ada@example.org")
    response = client.post(f"/admin/events/sign-ups/{ada.pk}/cancel-sign-up/")
    ben = person("ben@example.org")
    assert (person("ada@example.org").status, ben.status) == ("cancelled", "confirmed")
    assert OutboundEmail.objects.filter(idempotency_key=f"promoted:{ben.pk}").exists()
    assert OutboundEmail.objects.filter(idempotency_key=f"cancelled_by_organiser:{ada.pk}").exists()
    assert shown(response) == [
        (
            "success",
            "Cancelled the sign-up of Ada Lovelace. Ben Okri, from the waiting list, now has the "
            "place and has been emailed.",
        )
    ]


# --- 3. Failures are errors ---------------------------------------------------------------


def test_organiser_actions_that_did_nothing_are_shown_as_errors(client, organiser, one_place):
    client.force_login(organiser)
    ada, ben = person("ada@example.org"), person("ben@example.org")
    past = EventPageFactory(title="Last year's event", days_ahead=-30)
    attempts = {
        "give a place in a full event": (
            f"/admin/events/sign-ups/{ben.pk}/give-place/",
            "No places are left: raise the event's capacity first.",
        ),
        "give a place to someone confirmed": (
            f"/admin/events/sign-ups/{ada.pk}/give-place/",
            "Ada Lovelace is not on the waiting list any more: nothing changed.",
        ),
        "cancel an event that has ended": (
            f"/admin/events/{past.pk}/cancel-event/",
            "This event has already ended: it cannot be cancelled.",
        ),
    }
    for what, (url, message) in attempts.items():
        assert shown(client.post(url)) == [("error", message)], what

    assert shown(client.post(f"/admin/events/sign-ups/{ada.pk}/cancel-sign-up/"))[0][0] == "success"
    again = client.post(f"/admin/events/sign-ups/{ada.pk}/cancel-sign-up/")
    assert shown(again) == [
        ("error", "The sign-up of Ada Lovelace was already cancelled: nothing changed.")
    ]
    assert shown(client.post(f"/admin/events/{one_place.pk}/cancel-event/"))[0][0] == "success"
    again = client.post(f"/admin/events/{one_place.pk}/cancel-event/")
    assert shown(again) == [("error", "This event was already cancelled: nothing changed.")]
    nobody = client.post(PERSONAL_DATA_URL, {"email": "nobody@example.org", "action": "erase"})
    assert shown(nobody) == [
        (
            "error",
            "No sign-ups or mailing-list subscriptions are held for that address: there is "
            "nothing to download or erase.",
        )
    ]


# --- 4. Cancelling an event -----------------------------------------------------------------


def test_cancelling_an_event_is_one_confirmed_action_that_emails_everyone(
    django_user_model, one_place
):
    organiser = django_user_model.objects.create_user(
        "csrf-organiser", "o@example.org", "pw-long-enough"
    )
    organiser.groups.add(Group.objects.get(name="Events team"))
    arabic = translate(one_place, title="حلقة الممارسة التأملية")
    client = VerifiedClient(enforce_csrf_checks=True)
    client.force_login(organiser)
    url = f"/admin/events/{one_place.pk}/cancel-event/"

    summary = client.get("/admin/events/summary/").content.decode()
    assert url in summary, "the summary offers the action"
    confirm = client.get(url)
    page = confirm.content.decode()
    assert "Cancel “Reflective practice circle”" in page
    assert "(with a place: 1; on the waiting list: 1)" in page
    assert '<form method="post">' in page and "Yes, cancel the event and email everyone" in page
    assert not EventPage.objects.get(pk=one_place.pk).cancelled, "asking changes nothing"

    assert client.post(url).status_code == 403, "a post without the CSRF token is refused"
    assert not EventPage.objects.get(pk=one_place.pk).cancelled

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(url, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert shown(response) == [
        (
            "success",
            "Cancelled “Reflective practice circle” and emailed the 2 people signed up or waiting.",
        )
    ]
    event = EventPage.objects.get(pk=one_place.pk)
    assert event.cancelled and event.live_revision.as_object().cancelled, "published cancelled"
    assert EventPage.objects.get(pk=arabic.pk).cancelled, "the translation says so too"
    assert event.status == "cancelled"
    registrations = list(Registration.objects.filter(event=event))
    assert {r.status for r in registrations} == {"cancelled"}
    assert set(
        OutboundEmail.objects.filter(idempotency_key__startswith="event_cancelled:").values_list(
            "to", flat=True
        )
    ) == {"ada@example.org", "ben@example.org"}, "the person waiting is told too"
    assert event.live_revision.user == organiser, "the page history says who cancelled it"


def test_cancelling_an_event_keeps_an_editors_unpublished_draft(client, organiser, one_place):
    draft = EventPage.objects.get(pk=one_place.pk)
    draft.summary = "A new summary, not yet published."
    draft.save_revision()
    client.force_login(organiser)
    client.post(f"/admin/events/{one_place.pk}/cancel-event/")
    event = EventPage.objects.get(pk=one_place.pk)
    assert event.cancelled and event.summary == "A test event.", "live: only the tick changed"
    assert event.has_unpublished_changes
    latest = event.get_latest_revision_as_object()
    assert latest.summary == "A new summary, not yet published." and latest.cancelled, (
        "the draft keeps its changes and gets the tick, so publishing it later keeps it cancelled"
    )


def test_the_page_editor_no_longer_cancels_without_telling_people(one_place):
    """The old way (tick "cancelled", publish, then come back to email people) is gone: the
    tick is refused while people are signed up, pointing to the action."""
    event = EventPage.objects.get(pk=one_place.pk)
    event.cancelled = True
    with pytest.raises(ValidationError) as refusal:
        event.full_clean()
    assert "Use “Cancel event” under Sign-ups by event" in str(refusal.value)
    empty = EventPageFactory(title="Nobody came")
    empty.cancelled = True
    empty.full_clean()  # an event nobody signed up for can still be ticked


def test_the_editor_guide_describes_the_one_step_cancellation(client, editor):
    client.force_login(editor)
    guide = client.get("/admin/editor-guide/").content.decode()
    assert "Cancel event" in guide
    assert "Personal data requests" in guide
    assert "ask a developer to export or erase" not in guide


# --- 5. Needs and their consent -------------------------------------------------------------


def test_editing_needs_in_the_admin_keeps_the_consent_rule(client, organiser):
    event = EventPageFactory(capacity=5)
    sector = SectorFactory(name="Health")
    registration = services.sign_up(
        event,
        {"name": "Nia", "email": "nia@example.org", "access_needs": "Step-free access"},
        "en-gb",
    ).registration
    url = f"/admin/events/sign-ups/edit/{registration.pk}/"
    client.force_login(organiser)
    page = client.get(url).content.decode()
    assert 'for="id_access_needs_consent"' in page
    assert re.search(r'name="access_needs_consent"[^>]*checked', page), "stored consent shows"

    def edit(**fields):
        data = {"name": "Nia", "organisation": "", "sector": str(sector.pk), "role": ""}
        data.update(fields)
        return client.post(url, data)

    # Keeping the needs while taking the consent away is refused, with a clear message.
    response = edit(access_needs="Step-free access")
    assert response.status_code == 200
    assert (
        "Access needs are stored only with the person&#x27;s consent" in response.content.decode()
    )
    assert [level for level, _text in shown(response)] == ["error"]
    # New needs without consent are refused too.
    response = edit(access_needs="Step-free access", dietary_needs="Vegan")
    assert (
        "Dietary needs are stored only with the person&#x27;s consent" in response.content.decode()
    )
    registration.refresh_from_db()
    assert (registration.access_needs, registration.dietary_needs) == ("Step-free access", "")

    # With consent the needs are stored and the flags are true.
    response = edit(
        access_needs="Step-free access, a quiet room",
        access_needs_consent="on",
        dietary_needs="Vegan",
        dietary_needs_consent="on",
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.access_needs, registration.access_needs_consent) == (
        "Step-free access, a quiet room",
        True,
    )
    assert (registration.dietary_needs, registration.dietary_needs_consent) == ("Vegan", True)
    assert registration.sector == sector

    # Clearing the needs clears their consent, even if the box stays ticked.
    edit(
        access_needs="",
        access_needs_consent="on",
        dietary_needs="Vegan",
        dietary_needs_consent="on",
    )
    registration.refresh_from_db()
    assert (registration.access_needs, registration.access_needs_consent) == ("", False)
    assert (registration.dietary_needs, registration.dietary_needs_consent) == ("Vegan", True)
    assert registration.status == "confirmed", "editing never changes the status"


# --- 6. Personal-data requests ------------------------------------------------------------


def test_the_events_team_downloads_and_erases_one_persons_data_in_the_admin(
    client, organiser, one_place
):
    client.force_login(organiser)
    assert PERSONAL_DATA_URL in client.get("/admin/").content.decode(), "in the menu"
    page = client.get(PERSONAL_DATA_URL).content.decode()
    assert 'for="id_email"' in page and "csrfmiddlewaretoken" in page
    assert "ada@example.org" not in page, "no one's data is shown before asking"

    download = client.post(PERSONAL_DATA_URL, {"email": "ADA@example.org", "action": "export"})
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="personal-data.json"'
    assert "no-store" in download["Cache-Control"]
    assert download.content.decode() == personal_data.export_json("ada@example.org"), (
        "the same file as manage.py export_personal_data"
    )
    data = json.loads(download.content)
    assert [s["name"] for s in data["event_sign_ups"]] == ["Ada Lovelace"]

    confirm = client.post(PERSONAL_DATA_URL, {"email": "ada@example.org", "action": "erase"})
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert "Erase this person's data?" in text and "Reflective practice circle" in text
    assert 'value="erase-confirmed"' in text
    assert person("ada@example.org").name == "Ada Lovelace", "asking erases nothing"

    response = client.post(
        PERSONAL_DATA_URL, {"email": "ada@example.org", "action": "erase-confirmed"}
    )
    assert response.status_code == 302
    assert [level for level, _text in shown(response)] == ["success"]
    assert not Registration.objects.filter(email="ada@example.org").exists()
    assert Registration.objects.filter(event=one_place, anonymised=True).count() == 1
    assert person("ben@example.org").status == "confirmed", "Ada's place went to Ben"
    assert not OutboundEmail.objects.filter(to="ada@example.org").exists()


def test_only_the_events_team_reaches_personal_data_requests(client, django_user_model, one_place):
    viewers = Group.objects.create(name="Sign-up viewers")
    viewers.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_registration"),
    )
    for name, group in [("Editors", Group.objects.get(name="Editors")), ("viewers", viewers)]:
        user = django_user_model.objects.create_user(
            f"u-{name}", f"{name}@example.org", "pw-long-enough"
        )
        user.groups.add(group)
        client.force_login(user)
        assert PERSONAL_DATA_URL not in client.get("/admin/").content.decode(), name
        assert client.get(PERSONAL_DATA_URL).status_code in (302, 403), name
        for action in ("export", "erase", "erase-confirmed"):
            response = client.post(
                PERSONAL_DATA_URL, {"email": "ada@example.org", "action": action}
            )
            assert response.status_code in (302, 403), (name, action)
            assert b"Ada Lovelace" not in response.content
            assert "attachment" not in response.get("Content-Disposition", "")
    assert person("ada@example.org").name == "Ada Lovelace", "nothing was erased"
