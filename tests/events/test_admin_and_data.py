"""Comms staff in the admin (counts, filtered lists, CSV/XLSX, organiser actions, who may see
personal data) and the personal-data commands (purge, export, erase, reminders)."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from events import emails, services
from events.factories import EventPageFactory
from events.models import EventPage, OutboundEmail, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_with_people():
    event = EventPageFactory(slug="admin-event", capacity=2)
    for name in ("Alice", "Bob", "Chidi"):
        services.sign_up(
            event,
            {"name": name, "email": f"{name.lower()}@example.org", "organisation": "Org"},
            "en-gb",
        )
    return event


def _run(command, *args) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_the_summary_shows_counts_per_event(client, editor, event_with_people):
    client.force_login(editor)
    response = client.get("/admin/events/summary/")
    assert response.status_code == 200
    content = response.content.decode()
    row = content[content.index(f'data-event="{event_with_people.pk}"') :]
    row = row[: row.index("</tr>")]
    assert '<td class="count-confirmed">2</td>' in row
    assert '<td class="count-waiting">1</td>' in row
    assert '<td class="count-places-left">0</td>' in row


def test_the_list_filters_by_event_and_status(client, editor, event_with_people):
    client.force_login(editor)
    response = client.get(f"/admin/events/sign-ups/?event={event_with_people.pk}&status=waiting")
    content = response.content.decode()
    assert "Chidi" in content
    assert "Alice" not in content


def test_sign_ups_export_to_csv_and_xlsx(client, editor, event_with_people):
    client.force_login(editor)
    url = f"/admin/events/sign-ups/?event={event_with_people.pk}"
    response = client.get(url + "&export=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["Name"] for row in rows] == ["Alice", "Bob", "Chidi"]
    assert [row["Status"] for row in rows] == ["Confirmed", "Confirmed", "On the waiting list"]
    assert rows[2]["Waiting list position"] == "1"

    response = client.get(url + "&export=xlsx")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert "Email" in values[0]
    emails = {row[values[0].index("Email")] for row in values[1:]}
    assert emails == {"alice@example.org", "bob@example.org", "chidi@example.org"}


def test_organisers_cancel_and_promote_through_the_same_rules(client, editor, event_with_people):
    client.force_login(editor)
    alice = Registration.objects.get(email="alice@example.org")
    chidi = Registration.objects.get(email="chidi@example.org")
    response = client.get(f"/admin/events/sign-ups/{alice.pk}/cancel-sign-up/")
    assert "Cancel the sign-up of Alice" in response.content.decode()
    client.post(f"/admin/events/sign-ups/{alice.pk}/cancel-sign-up/")
    alice.refresh_from_db()
    chidi.refresh_from_db()
    assert alice.status == "cancelled"
    assert chidi.status == "confirmed", "the first person waiting got the place"
    assert OutboundEmail.objects.filter(idempotency_key=f"promoted:{chidi.pk}").exists()


def test_organisers_cannot_promote_into_a_full_event(client, editor, event_with_people):
    client.force_login(editor)
    chidi = Registration.objects.get(email="chidi@example.org")
    response = client.post(f"/admin/events/sign-ups/{chidi.pk}/give-place/")
    shown = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    assert shown == [("error", "No places are left: raise the event's capacity first.")], (
        "the refusal is shown as an error, not as a success"
    )
    chidi.refresh_from_db()
    assert chidi.status == "waiting"


def test_cancelling_an_event_emails_everyone(client, editor, event_with_people):
    client.force_login(editor)
    event = EventPage.objects.get(pk=event_with_people.pk)
    client.post(f"/admin/events/{event.pk}/cancel-event/")
    event.refresh_from_db()
    assert event.cancelled, "one action: the page is marked cancelled too"
    keys = set(OutboundEmail.objects.values_list("idempotency_key", flat=True))
    registrations = list(Registration.objects.filter(event=event))
    assert len(registrations) == 3, "Alice, Bob and Chidi (waiting) were signed up"
    assert {r.status for r in registrations} == {"cancelled"}
    assert {key for key in keys if key.startswith("event_cancelled:")} == {
        f"event_cancelled:{r.pk}" for r in registrations
    }, "everyone, the waiting list too, is emailed once"


def test_editors_without_the_events_permission_see_no_personal_data(
    client, django_user_model, event_with_people
):
    editor = django_user_model.objects.create_user(
        "plain-editor", "e@example.org", "a-long-test-password"
    )
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    home = client.get("/admin/").content.decode()
    assert "Event sign-ups" not in home
    assert "Sign-ups by event" not in home
    # Wagtail answers a refused admin page by sending the user back to the dashboard.
    for url in (
        "/admin/events/summary/",
        "/admin/events/sign-ups/",
        "/admin/events/sign-ups/?export=csv",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert not response.streaming
        assert b"alice@example.org" not in response.content

    editor.groups.add(Group.objects.get(name="Events team"))
    editor = django_user_model.objects.get(pk=editor.pk)
    client.force_login(editor)
    assert "Event sign-ups" in client.get("/admin/").content.decode()
    assert client.get("/admin/events/summary/").status_code == 200


def test_purge_dry_run_changes_nothing_and_the_real_run_anonymises(event_with_people):
    EventPage.objects.filter(pk=event_with_people.pk).update(
        start=timezone.now() - timedelta(days=400), end=timezone.now() - timedelta(days=400)
    )
    output = _run("purge_registrations", "--dry-run")
    assert "3 sign-up(s)" in output and "Nothing was changed" in output
    assert Registration.objects.filter(event=event_with_people, anonymised=False).count() == 3

    output = _run("purge_registrations")
    assert "Anonymised 3 sign-up(s)" in output
    rows = Registration.objects.filter(event=event_with_people)
    assert rows.count() == 3, "counts are kept"
    assert not rows.exclude(name="").exists()
    assert not rows.filter(email__endswith="@example.org").exists()
    assert rows.filter(status="confirmed").count() == 2


def test_one_persons_data_can_be_exported_and_erased(event_with_people):
    data = json.loads(_run("export_personal_data", "Bob@example.org"))
    assert data["event_sign_ups"][0]["name"] == "Bob"
    assert data["event_sign_ups"][0]["organisation"] == "Org"

    assert "Erased 1 sign-up(s)" in _run("erase_personal_data", "bob@example.org")
    assert json.loads(_run("export_personal_data", "bob@example.org"))["event_sign_ups"] == []
    chidi = Registration.objects.get(email="chidi@example.org")
    assert chidi.status == "confirmed", "Bob's place went to the waiting list"


def test_reminders_go_once_and_dry_run_sends_nothing():
    event = EventPageFactory(slug="soon", days_ahead=1)
    services.sign_up(event, {"name": "Rita", "email": "rita@example.org"}, "en-gb")
    mail.outbox.clear()
    assert "Would send 1 reminder(s)" in _run("send_event_reminders", "--dry-run")
    assert not OutboundEmail.objects.filter(idempotency_key__startswith="reminder:").exists()
    assert "Sent 1 reminder(s)" in _run("send_event_reminders")
    assert "Sent 0 reminder(s)" in _run("send_event_reminders")
    emails.send_pending()
    reminders = [m for m in mail.outbox if m.subject.startswith("Reminder")]
    assert len(reminders) == 1
    assert reminders[0].attachments[0][0] == "event.ics"
