"""Mailing lists with double opt-in: joining counts for nothing until the reader presses
"Confirm" on the page the signed, expiring link opens; every list email carries a one-click
unsubscribe (a link, List-Unsubscribe and List-Unsubscribe-Post, RFC 8058); a preferences
page; the members per list for the comms role, their CSV; erasure; spam rules and throttle."""

from __future__ import annotations

import io
import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core import signing
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale

from events import emails, links, personal_data
from events.factories import MailingListFactory
from events.list_views import JOIN
from events.models import OutboundEmail, Subscription
from home.factories import StandardPageFactory, served_stamp

pytestmark = pytest.mark.django_db

HOST = {"HTTP_HOST": "localhost", "HTTP_ORIGIN": "http://localhost"}


@pytest.fixture
def client(client):
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.fixture
def lists():
    return [
        MailingListFactory(name="Newsletter", slug="newsletter"),
        MailingListFactory(name="Event announcements", slug="events"),
    ]


def join(client, lists, language="en-gb", **overrides):
    data = {
        "email": "rosa@example.org",
        "lists": [str(item.pk) for item in lists],
        "privacy_consent": "on",
        **served_stamp(JOIN.name),
        **overrides,
    }
    return client.post(f"/{language}/mailing-lists/join/", data, **HOST)


def confirm_link(email_row: OutboundEmail) -> str:
    return re.search(r"https?://\S+/mailing-lists/confirm/\S+/", email_row.text).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_joining_counts_for_nothing_until_confirm_is_pressed_and_a_get_confirms_nothing(
    client, lists
):
    response = join(client, lists, email="Rosa@Example.org")
    assert response.status_code == 303
    page = client.get(response["Location"])
    assert "Check your email" in page.content.decode()
    assert not page.cookies
    assert set(Subscription.objects.values_list("status", flat=True)) == {"pending"}
    assert Subscription.objects.confirmed().count() == 0
    confirmation = OutboundEmail.objects.get(idempotency_key__startswith="list_confirm:")
    assert confirmation.to == "rosa@example.org"
    assert "Newsletter" in confirmation.text and "Event announcements" in confirmation.text

    link = path_of(confirm_link(confirmation))
    shown = client.get(link)  # what a mail scanner fetching links does
    assert shown.status_code == 200
    assert '<button type="submit">Confirm</button>' in shown.content.decode()
    assert Subscription.objects.confirmed().count() == 0, "a GET never confirms"

    assert client.post(link, **HOST).status_code == 200
    assert Subscription.objects.confirmed().count() == 2
    assert emails.of_kind(OutboundEmail.objects.all(), "list_welcome").count() == 2


def test_a_confirm_post_from_another_site_is_refused(client, lists):
    join(client, lists)
    link = path_of(confirm_link(OutboundEmail.objects.get()))
    response = client.post(link, HTTP_HOST="localhost", HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert Subscription.objects.confirmed().count() == 0


def test_an_expired_link_is_refused_with_a_clear_page(client, lists):
    join(client, lists)
    link = path_of(confirm_link(OutboundEmail.objects.get()))
    later = time.time() + (links.LIST_CONFIRM_MAX_AGE_DAYS * 24 + 1) * 60 * 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.post(link, **HOST)
        shown = client.get(link)
    assert response.status_code == 410
    assert "This link has expired" in shown.content.decode()
    assert Subscription.objects.confirmed().count() == 0
    tampered = client.get(link.replace("/confirm/", "/confirm/x"))
    assert tampered.status_code == 400


def test_rejoining_a_confirmed_list_looks_the_same_and_sends_nothing_new(client, lists):
    Subscription.objects.create(email="rosa@example.org", mailing_list=lists[0], status="confirmed")
    first = join(client, lists[:1])
    stranger = join(client, lists[:1], email="new@example.org")
    assert first.status_code == stranger.status_code == 303
    assert first["Location"] == stranger["Location"]
    assert OutboundEmail.objects.filter(to="rosa@example.org").count() == 0
    assert Subscription.objects.get(email="rosa@example.org").status == "confirmed"


def _confirmed(client, lists, **kwargs):
    join(client, lists, **kwargs)
    client.post(path_of(confirm_link(OutboundEmail.objects.get())), **HOST)
    return OutboundEmail.objects.filter(idempotency_key__startswith="list_welcome:")


def test_list_emails_carry_one_click_unsubscribe_in_the_outbox_and_over_smtp(
    client, lists, smtp_server, settings
):
    welcome = _confirmed(client, lists[:1]).get()
    unsubscribe = welcome.headers["List-Unsubscribe"]
    assert re.fullmatch(r"<https?://\S+/en-gb/mailing-lists/unsubscribe/\S+/>", unsubscribe)
    assert welcome.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in welcome.text, "the link is in the text too"
    assert "/mailing-lists/preferences/" in welcome.text

    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = (
        "127.0.0.1",
        smtp_server.port,
        10,
    )
    assert emails.send(welcome.pk)
    received = smtp_server.wait_for("rosa@example.org", "You have joined")
    assert str(received["List-Unsubscribe"]).strip() == unsubscribe
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_one_click_post_unsubscribes_at_once_without_an_origin(client, lists):
    welcome = _confirmed(client, lists[:1]).get()
    url = path_of(welcome.headers["List-Unsubscribe"].strip("<>"))
    # What a mail provider sends: its own servers, no Origin, no cookie.
    response = client.post(url, {"List-Unsubscribe": "One-Click"}, HTTP_HOST="localhost")
    assert response.status_code == 200
    assert Subscription.objects.get().status == "unsubscribed"


def test_the_unsubscribe_link_shows_a_button_and_a_get_changes_nothing(client, lists):
    welcome = _confirmed(client, lists[:1]).get()
    url = path_of(welcome.headers["List-Unsubscribe"].strip("<>"))
    page = client.get(url)
    assert "Unsubscribe</button>" in page.content.decode()
    assert Subscription.objects.get().status == "confirmed"
    assert (
        client.post(url, HTTP_HOST="localhost", HTTP_ORIGIN="https://evil.example").status_code
        == 403
    )
    assert Subscription.objects.get().status == "confirmed"
    left = client.post(url, **HOST)
    assert "You have left the list" in left.content.decode()
    assert Subscription.objects.get().status == "unsubscribed"
    forged = url.replace("/unsubscribe/", "/unsubscribe/A")
    assert (
        client.post(forged, {"List-Unsubscribe": "One-Click"}, HTTP_HOST="localhost").status_code
        == 400
    )


def test_preferences_show_the_lists_and_change_them_or_leave_all(client, lists):
    welcome = _confirmed(client, lists).first()
    url = path_of(re.search(r"https?://\S+/mailing-lists/preferences/\S+/", welcome.text).group(0))
    page = client.get(url).content.decode()
    assert "Newsletter" in page and "Event announcements" in page
    response = client.post(url, {"action": "save", "lists": [str(lists[0].pk)]}, **HOST)
    assert response.status_code == 303
    statuses = dict(Subscription.objects.values_list("mailing_list__slug", "status"))
    assert statuses == {"newsletter": "confirmed", "events": "unsubscribed"}
    client.post(url, {"action": "leave_all"}, **HOST)
    assert Subscription.objects.confirmed().count() == 0
    assert "You are not on any of our mailing lists" in client.get(url).content.decode()


def test_an_arabic_join_gets_arabic_lists_and_emails(client, lists):
    arabic, _ = Locale.objects.get_or_create(language_code="ar")
    translated = lists[0].copy_for_translation(arabic)
    translated.name = "النشرة الإخبارية"
    translated.save()
    form = client.get("/ar/mailing-lists/check-your-email/")
    assert form.status_code == 200
    response = join(client, lists[:1], language="ar", privacy_consent="")
    assert "النشرة الإخبارية" in response.content.decode(), "list choices in the reader's language"
    join(client, lists[:1], language="ar")
    confirmation = OutboundEmail.objects.get()
    assert "النشرة الإخبارية" in confirmation.text
    assert "/ar/mailing-lists/confirm/" in confirmation.text
    assert confirmation.subject != "Please confirm: join our mailing lists"
    client.post(path_of(confirm_link(confirmation)), **HOST)
    welcome = OutboundEmail.objects.get(idempotency_key__startswith="list_welcome:")
    assert "النشرة الإخبارية" in welcome.subject
    assert "/ar/mailing-lists/unsubscribe/" in welcome.headers["List-Unsubscribe"]


def test_errors_are_explained_and_nothing_is_kept(client, lists):
    response = join(client, [], email="not-an-email", privacy_consent="")
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Enter an email address like name@example.org." in content
    assert "Tick at least one list to join." in content
    assert "Tick the box to agree" in content
    assert Subscription.objects.count() == 0 and OutboundEmail.objects.count() == 0


def test_spam_rules_keep_nothing(client, lists):
    honeypot = join(client, lists, website_address="http://spam.example")
    assert honeypot.status_code == 303, "a bot is answered as a person would be"
    too_quick = join(client, lists, **served_stamp(JOIN.name, seconds_ago=0))
    assert "Please check your answers and send the form again." in too_quick.content.decode()
    no_stamp = join(client, lists, form_started="")
    assert no_stamp.status_code == 200
    assert Subscription.objects.count() == 0 and OutboundEmail.objects.count() == 0


def test_joining_is_throttled_per_email_address(client, lists):
    for _ in range(3):
        assert join(client, lists).status_code == 303
    refused = join(client, lists)
    assert refused.status_code == 429
    assert refused["Retry-After"]


def test_the_daily_purge_deletes_unconfirmed_addresses_after_the_links_life(client, lists):
    join(client, lists[:1], email="old@example.org")
    join(client, lists[:1], email="new@example.org")
    Subscription.objects.filter(email="old@example.org").update(
        created_at=timezone.now() - timedelta(days=links.LIST_CONFIRM_MAX_AGE_DAYS, hours=1)
    )
    out = io.StringIO()
    call_command("purge_registrations", stdout=out)
    assert "Deleted 1 unconfirmed or unsubscribed mailing-list address(es)." in out.getvalue()
    assert list(Subscription.objects.values_list("email", flat=True)) == ["new@example.org"]


def test_export_and_erasure_cover_subscriptions(client, lists):
    _confirmed(client, lists[:1])
    exported = personal_data.export_for_email("ROSA@example.org")
    assert exported["mailing_lists"][0]["list"] == "Newsletter"
    assert exported["mailing_lists"][0]["status"] == "confirmed"
    out = io.StringIO()
    call_command("erase_personal_data", "rosa@example.org", stdout=out)
    assert Subscription.objects.count() == 0
    assert not OutboundEmail.objects.filter(to="rosa@example.org").exists()


def _comms_user(django_user_model, group: str):
    user = django_user_model.objects.create_user(username=group, password="pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def test_the_comms_role_sees_members_per_list_and_exports_them(client, lists, django_user_model):
    Subscription.objects.create(email="a@example.org", mailing_list=lists[0], status="confirmed")
    Subscription.objects.create(email="b@example.org", mailing_list=lists[1], status="confirmed")
    Subscription.objects.create(email="c@example.org", mailing_list=lists[0], status="pending")
    client.force_login(_comms_user(django_user_model, "Moderators"))
    listing = client.get(f"/admin/events/list-members/?mailing_list={lists[0].pk}")
    assert listing.status_code == 200
    content = listing.content.decode()
    assert "a@example.org" in content and "b@example.org" not in content
    csv = client.get(
        f"/admin/events/list-members/?mailing_list={lists[0].pk}&status=confirmed&export=csv"
    )
    assert csv.status_code == 200
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "a@example.org" in body and "c@example.org" not in body and "b@example.org" not in body
    snippets = client.get("/admin/snippets/events/mailinglist/").content.decode()
    assert re.search(r"Newsletter.*?<td[^>]*>\s*1\s*</td>", snippets, re.S), "confirmed count"


def test_editors_define_lists_but_do_not_see_members(client, lists, django_user_model):
    client.force_login(_comms_user(django_user_model, "Editors"))
    assert client.get("/admin/events/list-members/").status_code in (302, 403)
    assert client.get("/admin/snippets/events/mailinglist/add/").status_code == 200


def test_signed_links_carry_no_email_address(client, lists):
    join(client, lists[:1])
    link = confirm_link(OutboundEmail.objects.get())
    signed = link.rstrip("/").rsplit("/", 1)[1]
    value = signing.TimestampSigner(salt=links.LIST_CONFIRM_SALT).unsign(signed)
    assert "rosa" not in value and "rosa" not in link


def test_the_join_block_on_a_page_offers_the_lists_and_follows_an_editors_change(client, lists):
    page = StandardPageFactory(
        slug="stay-in-touch",
        body=[("mailing_lists", {"heading": "Join our mailing lists", "introduction": ""})],
    )
    content = client.get(page.url).content.decode()
    assert 'action="/en-gb/mailing-lists/join/"' in content
    assert "Newsletter" in content and 'name="website_address"' in content
    assert not client.get(page.url).cookies
    lists[0].name = "Monthly newsletter"
    lists[0].save()
    assert "Monthly newsletter" in client.get(page.url).content.decode()


def test_the_join_address_shows_the_form_on_a_page_of_its_own(client, lists):
    response = client.get("/en-gb/mailing-lists/join/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Join our mailing lists</h1>" in content
    assert "Event announcements" in content and 'name="form_started"' in content
    assert not response.cookies
