"""The admin home (/admin/) as an operations dashboard, the events app's panels: upcoming
events (places left, waiting, sign-ups this week) and the emails waiting, failing and given up,
for the Events team only. Each makes a fixed number of queries, however many events or emails
there are."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from events.factories import EventPageFactory, RegistrationFactory
from events.models import OutboundEmail, Registration
from tests.support.dashboard import DASHBOARD_QUERIES, dashboard, queries_for_dashboard

pytestmark = pytest.mark.django_db


EVENTS_HEADING = "Upcoming events"
EMAILS_HEADING = 'id="dashboard-emails-heading">Emails</h2>'


def row_of(html: str, title: str) -> str:
    row = html[html.index(f">{title}</a>") :]
    return row[: row.index("</tr>")]


def email(status: str, n: int = 0) -> OutboundEmail:
    return OutboundEmail.objects.create(
        to=f"someone{n}@example.org",
        subject="A test email",
        text="Hello",
        idempotency_key=f"test-{status}-{n}",
        status=status,
    )


def test_upcoming_events_show_places_left_waiting_and_sign_ups_this_week(client, editor):
    event = EventPageFactory(title="Trauma-informed practice 101", capacity=5, days_ahead=3)
    RegistrationFactory.create_batch(3, event=event)
    old = RegistrationFactory(event=event)
    Registration.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=10))
    RegistrationFactory.create_batch(2, event=event, status=Registration.Status.WAITING)
    RegistrationFactory(event=event, status=Registration.Status.CANCELLED)
    quiet = EventPageFactory(title="A quiet workshop", capacity=8, days_ahead=10)
    EventPageFactory(title="A past event", days_ahead=-5)
    EventPageFactory(title="A cancelled event", cancelled=True)
    client.force_login(editor)
    html = dashboard(client)
    assert EVENTS_HEADING in html
    row = row_of(html, "Trauma-informed practice 101")
    assert "<td data-places-left>1</td>" in row  # 5 places, 4 confirmed
    assert "<td data-waiting>2</td>" in row
    # 3 confirmed and 2 waiting in the last seven days; not the older one nor the cancelled one
    assert "<td data-this-week>5</td>" in row
    quiet_row = row_of(html, "A quiet workshop")
    assert "<td data-places-left>8</td>" in quiet_row
    assert "<td data-waiting>0</td>" in quiet_row
    assert f'href="/admin/pages/{quiet.pk}/edit/">A quiet workshop</a>' in html
    assert html.index("Trauma-informed practice 101") < html.index("A quiet workshop")
    assert "A past event" not in html
    assert "A cancelled event" not in html
    assert 'href="/admin/events/summary/"' in html


def test_emails_waiting_failing_and_given_up_are_counted_with_a_link_to_the_log(client, editor):
    email(OutboundEmail.Status.PENDING, 1)
    email(OutboundEmail.Status.SENDING, 2)
    email(OutboundEmail.Status.FAILED, 3)
    for n in range(3):
        email(OutboundEmail.Status.GAVE_UP, 10 + n)
    email(OutboundEmail.Status.SENT, 20)
    client.force_login(editor)
    html = dashboard(client)
    assert EMAILS_HEADING in html
    assert "Open the email log" in html
    for status, label, count in [
        ("waiting", "Waiting", 2),
        ("failing", "Failing, will retry", 1),
        ("given_up", "Given up", 3),
    ]:
        row = row_of(html, label)
        assert f"<td>{count}</td>" in row, label
        assert f'href="/admin/events/emails/?status={status}"' in html


def test_people_without_events_rights_do_not_see_the_events_or_emails_panels(
    client, django_user_model
):
    EventPageFactory(title="Trauma-informed practice 101")
    email(OutboundEmail.Status.GAVE_UP)
    user = django_user_model.objects.create_user("mod", "mod@example.org", "x" * 20)
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    html = dashboard(client)
    assert EVENTS_HEADING not in html
    assert EMAILS_HEADING not in html
    assert "Trauma-informed practice 101" not in html


def test_the_events_team_sees_the_events_and_emails_panels(client, django_user_model):
    EventPageFactory(title="Trauma-informed practice 101")
    user = django_user_model.objects.create_user("team", "team@example.org", "x" * 20)
    user.groups.add(Group.objects.get(name="Events team"))
    client.force_login(user)
    html = dashboard(client)
    assert EVENTS_HEADING in html
    assert EMAILS_HEADING in html
    assert "Trauma-informed practice 101" in html


@pytest.mark.parametrize(("events", "emails"), [(1, 1), (20, 30)], ids=["1", "many"])
def test_the_dashboard_makes_as_many_queries_for_20_events_and_30_emails_as_for_1(
    client, editor, events, emails
):
    for n in range(events):
        event = EventPageFactory(days_ahead=n + 1)
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, status=Registration.Status.WAITING)
    statuses = [
        OutboundEmail.Status.PENDING,
        OutboundEmail.Status.FAILED,
        OutboundEmail.Status.GAVE_UP,
    ]
    for n in range(emails):
        email(statuses[n % 3], n)
    client.force_login(editor)
    html = dashboard(client)
    assert EVENTS_HEADING in html
    assert EMAILS_HEADING in html
    assert queries_for_dashboard(client) == DASHBOARD_QUERIES
