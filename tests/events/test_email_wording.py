"""Editors change the wording of every sign-up email in the admin, in English and Arabic
("Email wording" snippets, events/models/wording.py): a change is submitted, approved by a
Moderator, and the next email uses it, in the sign-up's language (else the English wording,
else the built-in one). Placeholders are checked when the wording is saved, filled in safely,
and the preview shows the email with example values."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.models import Workflow

from events import demo as events_demo
from events import services
from events.factories import EmailWordingFactory, EventPageFactory
from events.models import EmailWording, EventPage, Registration
from events.wording import EmailKind, builtin_wording, problems
from home.demo.builder import Demo
from home.factories import home_page, locale

pytestmark = pytest.mark.django_db

NEW_BODY = (
    "Hello {name},\n\n"
    "Good news: you have a place at {event}. Bring a friend's good mood.\n\n"
    "When: {date}\n"
    "Where: {place}\n"
    "Join online: {joining_link}\n\n"
    "Your private link: {manage_link}\n\n"
    "The Trauma-Informed London team"
)


def member_of(django_user_model, name: str):
    username = name.lower().replace(" ", "-")
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw-x9-a")
    user.groups.add(Group.objects.get(name=name))
    return user


def edit_url(wording: EmailWording) -> str:
    return reverse("wagtailsnippets_events_emailwording:edit", args=[wording.pk])


def form_data(wording: EmailWording, **changes) -> dict:
    return {"kind": wording.kind, "subject": wording.subject, "body": wording.body, **changes}


def confirmation_for(event: EventPage, email: str, language: str = "en-gb", name: str = "Ada"):
    result = services.sign_up(event, {"name": name, "email": email}, language)
    assert result.registration.status == Registration.Status.CONFIRMED
    return result.registration.emails.get()


def test_an_approved_change_to_the_confirmation_wording_is_in_the_next_confirmation(
    client, django_user_model
):
    wording = EmailWordingFactory(kind=EmailKind.CONFIRMED)
    event = EventPageFactory(
        title="Listening well",
        venue="City Hall",
        address="1 A Street",
        mode=EventPage.Mode.IN_PERSON,
    )
    client.force_login(member_of(django_user_model, "Editors"))
    data = form_data(
        wording, subject="You're in: {event}", body=NEW_BODY, **{"action-submit": "submit"}
    )
    assert client.post(edit_url(wording), data).status_code == 302

    before = confirmation_for(event, "before@example.org")
    assert "Your place at Listening well is confirmed." in before.text, "a draft is not used"
    assert "Good news: you have a place" not in before.text

    client.force_login(member_of(django_user_model, "Moderators"))
    wording.refresh_from_db()
    task_state = wording.current_workflow_task_state
    approve = reverse(
        "wagtailsnippets_events_emailwording:workflow_action",
        args=[wording.pk, "approve", task_state.id],
    )
    assert client.post(approve, {"comment": ""}).status_code == 302

    after = confirmation_for(event, "after@example.org", name="Grace")
    assert after.subject == "You're in: Listening well"
    assert after.text.startswith("Hello Grace,\n\nGood news: you have a place at Listening well.")
    assert "Where: City Hall, 1 A Street" in after.text
    assert "Join online" not in after.text, "no joining link for an event in person: line left out"
    link = re.search(r"Your private link: (https?://\S+/my-sign-up/\S+/)", after.text).group(1)
    assert f'<a href="{link}">{link}</a>' in after.html
    assert "friend&#x27;s good mood" in after.html, "the editor's text is escaped in the HTML"
    assert after.ics, "the calendar file is still attached"


def test_an_arabic_sign_up_gets_the_arabic_wording_and_an_english_one_the_english(settings):
    english = EmailWordingFactory(kind=EmailKind.CONFIRMED, subject="Confirmed: {event}")
    arabic = english.copy_for_translation(locale("ar"))
    arabic.subject = "تأكيد: {event}"
    arabic.body = "مرحبًا {name}،\n\nمكانك مؤكد.\n\nرابطك الخاص: {manage_link}\n{joining_link}"  # noqa: RUF001
    arabic.save()
    arabic.save_revision().publish()
    event = EventPageFactory(title="Supervision", mode=EventPage.Mode.IN_PERSON)

    email = confirmation_for(event, "layla@example.org", language="ar", name="Layla")
    assert email.subject == "تأكيد: Supervision"
    assert email.text.startswith("مرحبًا Layla،\n\nمكانك مؤكد.")  # noqa: RUF001
    assert "/ar/my-sign-up/" in email.text
    assert 'lang="ar" dir="rtl"' in email.html
    assert confirmation_for(event, "ada@example.org").subject == "Confirmed: Supervision"


def test_without_a_wording_in_the_sign_ups_language_the_english_wording_is_used():
    EmailWordingFactory(kind=EmailKind.CONFIRMED, subject="Confirmed: {event}", body=NEW_BODY)
    event = EventPageFactory(title="Supervision")
    email = confirmation_for(event, "layla@example.org", language="ar", name="Layla")
    assert email.subject == "Confirmed: Supervision"
    assert email.text.startswith("Hello Layla,")
    assert "/ar/my-sign-up/" in email.text, "the private link stays in the sign-up's language"


def test_with_no_wording_at_all_the_built_in_wording_is_used_in_each_language():
    assert not EmailWording.objects.exists()
    event = EventPageFactory(
        title="Round table",
        mode=EventPage.Mode.ONLINE,
        online_joining_link="https://meet.example.org/round-table",
    )
    email = confirmation_for(event, "ada@example.org")
    assert email.subject == "Your place is confirmed: Round table"
    assert email.text.startswith("Dear Ada,\n\nYour place at Round table is confirmed.")
    assert "Join online: https://meet.example.org/round-table Please do not share" in email.text
    assert "Where:" not in email.text, "an online event has no place: the line is left out"
    assert re.search(r"private to you\):\nhttps?://\S+/my-sign-up/\S+/\n", email.text)

    arabic = confirmation_for(event, "layla@example.org", language="ar", name="Layla")
    assert arabic.subject.startswith("تم تأكيد مكانك")
    assert "عزيزي/عزيزتي Layla" in arabic.text and "/ar/my-sign-up/" in arabic.text


def test_an_unsaved_draft_or_a_wording_for_another_kind_is_not_used():
    EmailWordingFactory(kind=EmailKind.WAITING, subject="Waiting: {event}")
    draft = EmailWording(
        locale=locale("en-gb"), kind=EmailKind.CONFIRMED, subject="Draft", body=NEW_BODY
    )
    draft.live = False
    draft.save()
    email = confirmation_for(EventPageFactory(title="Talk"), "ada@example.org")
    assert email.subject == "Your place is confirmed: Talk"


def test_values_are_filled_in_safely():
    """A name holding markup or a placeholder is shown as written, never run or expanded."""
    EmailWordingFactory(kind=EmailKind.CONFIRMED)
    event = EventPageFactory(title="Tom & Jerry's <talk>")
    email = confirmation_for(event, "x@example.org", name="<b>Sam</b> {manage_link} {{ name }}")
    assert "Dear <b>Sam</b> {manage_link} {{ name }}," in email.text
    assert "&lt;b&gt;Sam&lt;/b&gt; {manage_link} {{ name }}" in email.html
    assert "<b>Sam" not in email.html
    assert len(re.findall(r"/my-sign-up/", email.text)) == 1
    assert "Tom &amp; Jerry&#x27;s &lt;talk&gt;" in email.html


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"body": NEW_BODY + "\n{organiser_phone}"},
            "body",
            "Unknown placeholder {organiser_phone}. This email can use: {name}, {event}",
        ),
        (
            {"body": NEW_BODY.replace("{manage_link}", "")},
            "body",
            "Add {manage_link}: this email must include it",
        ),
        (
            {"body": NEW_BODY.replace("{joining_link}", "")},
            "body",
            "Add {joining_link}: this email must include it",
        ),
        (
            {"subject": "For {name}: {event}"},
            "subject",
            "{name} cannot be in the subject",
        ),
        ({"body": NEW_BODY + "\n{{ event }}"}, "body", "Use single braces around a placeholder"),
    ],
)
def test_a_wrong_placeholder_is_refused_in_the_admin_with_a_message_naming_it(
    client, admin_user, changes, field, message
):
    wording = EmailWordingFactory(kind=EmailKind.CONFIRMED)
    client.force_login(admin_user)
    response = client.post(edit_url(wording), form_data(wording, **changes))
    assert response.status_code == 200, "the form comes back"
    errors = response.context["form"].errors
    assert any(message in error for error in errors[field]), errors
    assert message.replace("'", "&#x27;") in response.content.decode()
    wording.refresh_from_db()
    assert wording.body == builtin_wording(EmailKind.CONFIRMED)[1], "nothing was saved"


def test_a_cancellation_cannot_carry_the_private_link():
    assert problems(EmailKind.CANCELLED, "Cancelled: {event}", "Dear {name}, see {manage_link}")
    assert not problems(EmailKind.CANCELLED, "Cancelled: {event}", "Dear {name}.")


def test_each_kind_has_one_wording_per_language(client, admin_user):
    EmailWordingFactory(kind=EmailKind.CONFIRMED)
    client.force_login(admin_user)
    subject, body = builtin_wording(EmailKind.CONFIRMED)
    response = client.post(
        reverse("wagtailsnippets_events_emailwording:add"),
        {"kind": "confirmed", "subject": subject, "body": body},
    )
    assert response.status_code == 200
    assert "already has a wording in this language" in response.content.decode()
    assert EmailWording.objects.count() == 1


@pytest.mark.parametrize("kind", list(EmailKind))
@pytest.mark.parametrize("language", ["en-gb", "ar"])
def test_the_built_in_wording_of_every_email_passes_the_checks(kind, language):
    with translation.override(language):
        subject, body = builtin_wording(kind)
    assert problems(kind, subject, body) == {}
    assert "%(" not in body, "every catalogue string was filled in"


def test_the_preview_shows_the_email_with_example_values(client, admin_user):
    wording = EmailWordingFactory(kind=EmailKind.WAITING)
    client.force_login(admin_user)
    url = reverse("wagtailsnippets_events_emailwording:preview_on_edit", args=[wording.pk])
    data = form_data(wording, body=wording.body.replace("Dear", "Hello there"))
    assert json.loads(client.post(url, data).content)["is_valid"] is True
    preview = client.get(url).content.decode()
    assert "Hello there Sam Example," in preview
    assert "You are on the waiting list: Example event: a practitioner workshop" in preview
    assert "(number 3)" in preview, "the waiting list position is filled in"
    assert "/my-sign-up/example-private-link/" in preview
    assert "{name}" not in preview and "{manage_link}" not in preview

    bad = form_data(wording, body="Dear {nmae}")
    assert json.loads(client.post(url, bad).content)["is_valid"] is False


def test_the_arabic_preview_is_right_to_left(client, admin_user):
    with translation.override("ar"):
        subject, body = builtin_wording(EmailKind.CONFIRMED)
    wording = EmailWordingFactory(
        kind=EmailKind.CONFIRMED, locale=locale("ar"), subject=subject, body=body
    )
    client.force_login(admin_user)
    url = reverse("wagtailsnippets_events_emailwording:preview_on_edit", args=[wording.pk])
    assert json.loads(client.post(url, form_data(wording)).content)["is_valid"] is True
    preview = client.get(url).content.decode()
    assert 'lang="ar" dir="rtl"' in preview
    assert "عزيزي/عزيزتي Sam Example" in preview


def test_wording_goes_through_the_moderators_approval_and_the_events_team_may_submit(
    client, django_user_model
):
    assert EmailWording.get_default_workflow() == Workflow.objects.get(name="Moderators approval")
    wording = EmailWordingFactory(kind=EmailKind.REMINDER)
    client.force_login(member_of(django_user_model, "Events team"))
    edit = client.get(edit_url(wording)).content.decode()
    assert 'name="action-submit"' in edit and 'name="action-publish"' not in edit
    client.force_login(member_of(django_user_model, "Moderators"))
    assert 'name="action-publish"' in client.get(edit_url(wording)).content.decode()
    client.force_login(member_of(django_user_model, "Translators"))
    assert client.get(edit_url(wording)).status_code in (302, 403)


def test_the_demo_content_has_every_emails_wording_live_in_english_and_arabic():
    demo = Demo(home=home_page(), report=lambda line: None, translation_locales=[locale("ar")])
    events_demo._email_wording(demo)
    events_demo._email_wording(demo)  # a second run keeps what is there
    for language in ("en-gb", "ar"):
        live = EmailWording.objects.filter(live=True, locale__language_code=language)
        assert sorted(live.values_list("kind", flat=True)) == sorted(EmailKind), language
        for wording in live:
            with translation.override(language):
                assert (wording.subject, wording.body) == builtin_wording(wording.kind)
            assert wording.problems() == {}
    email = confirmation_for(EventPageFactory(title="Talk"), "l@example.org", language="ar")
    assert email.subject.startswith("تم تأكيد مكانك") and "عزيزي/عزيزتي" in email.text
