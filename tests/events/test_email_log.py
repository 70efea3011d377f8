"""The email log in the admin (issue 11 point 4): every outbox email, sign-up emails and
Wagtail's own alike, for the Events team only; filtered and searched; given-up emails put back
in the queue one at a time or together, with the same function as `manage.py requeue_emails`;
and no more of the person than the log needs."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core import mail
from django.utils import timezone

from events import emails, services
from events.factories import EventPageFactory
from events.links import manage_url
from events.models import OutboundEmail, Registration
from tests.support.accounts import VerifiedClient

pytestmark = pytest.mark.django_db

LOG = "/admin/events/emails/"
REQUEUE = "/admin/events/emails/requeue/"
NEEDS = "A quiet room near the exit, please"
ERROR = "SMTPRecipientsRefused: the mail server said no"


def sign_up(event, name: str, email: str, **extra) -> Registration:
    services.sign_up(event, {"name": name, "email": email, **extra}, "en-gb")
    return Registration.objects.get(event=event, email=email)


def give_up(email: OutboundEmail) -> OutboundEmail:
    """The state the sender leaves an email in after its last failed try."""
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=OutboundEmail.Status.GAVE_UP,
        attempts=emails.MAX_ATTEMPTS,
        last_error=ERROR,
        next_attempt_at=None,
    )
    email.refresh_from_db()
    return email


@pytest.fixture
def outbox(settings):
    """One email in each state: Ada's confirmation (given up), Ben's waiting-list email
    (sent), Cleo's confirmation for another event (failing), and a Wagtail moderation notice
    (waiting)."""
    from wagtail.admin.mail import send_mail

    concert = EventPageFactory(slug="log-concert", title="Log concert", capacity=1)
    talk = EventPageFactory(slug="log-talk", title="Log talk", capacity=5)
    ada = sign_up(concert, "Ada Lovelace", "ada@example.org", access_needs=NEEDS)
    ben = sign_up(concert, "Ben Okri", "ben@example.org")
    cleo = sign_up(talk, "Cleo Laine", "cleo@example.org")
    settings.EMAIL_BACKEND = "events.emails.OutboxBackend"  # as on the site (pytest uses locmem)
    send_mail("Page submitted for moderation", "A page is waiting.", ["moderator@example.org"])

    given_up = give_up(OutboundEmail.objects.get(registration=ada))
    sent = OutboundEmail.objects.get(registration=ben)
    OutboundEmail.objects.filter(pk=sent.pk).update(
        status=OutboundEmail.Status.SENT, attempts=1, sent_at=timezone.now()
    )
    failing = OutboundEmail.objects.get(registration=cleo)
    OutboundEmail.objects.filter(pk=failing.pk).update(
        status=OutboundEmail.Status.FAILED,
        attempts=2,
        last_error="TimeoutError: timed out",
        next_attempt_at=timezone.now() + timedelta(minutes=2),
    )
    wagtails = OutboundEmail.objects.get(to="moderator@example.org")
    return {
        "concert": concert,
        "talk": talk,
        "ada": ada,
        "given_up": given_up,
        "sent": sent,
        "failing": failing,
        "wagtails": wagtails,
    }


def member_of(django_user_model, group_name: str):
    user = django_user_model.objects.create_user(
        f"{group_name.lower().replace(' ', '-')}-member",
        "member@example.org",
        "a-long-test-password",
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def organiser(client, django_user_model):
    """Someone in the Events team, signed in."""
    user = member_of(django_user_model, "Events team")
    client.force_login(user)
    return user


def listing_table(content: str) -> str:
    start = content.index('<table class="listing')
    return content[start : content.index("</table>", start)]


def rows(content: str) -> list[str]:
    """The listing's table rows (without the header), as text."""
    table = listing_table(content)
    body = table[table.index("<tbody") : table.index("</tbody>")]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)) for row in body.split("<tr")[1:]]


def recipients(content: str) -> list[str]:
    return sorted(re.findall(r"[a-z]+@example\.org", " ".join(rows(content))))


def row_for(content: str, address: str) -> str:
    (row,) = [row for row in rows(content) if address in row]
    return row


def messages_of(response) -> list[tuple[str, str]]:
    return [(message.level_tag, str(message)) for message in get_messages(response.wsgi_request)]


# --- What the listing shows -----------------------------------------------------------------


def test_the_log_lists_every_email_with_its_kind_event_status_tries_and_error(
    client, organiser, outbox
):
    response = client.get(LOG)
    assert response.status_code == 200
    content = response.content.decode()
    table = listing_table(content)
    headings = table[table.index("<thead") : table.index("</thead>")]
    for heading in (
        "Recipient",
        "Kind",
        "Event",
        "Status",
        "Attempts",
        "Last error",
        "Queued",
        "Sent",
        "Next attempt",
    ):
        assert heading in headings, heading
    assert recipients(content) == [
        "ada@example.org",
        "ben@example.org",
        "cleo@example.org",
        "moderator@example.org",
    ]
    ada = row_for(content, "ada@example.org")
    assert "Place confirmed" in ada and "Log concert" in ada
    assert "Given up" in ada and f" {emails.MAX_ATTEMPTS} " in ada and ERROR in ada
    ben = row_for(content, "ben@example.org")
    assert "On the waiting list" in ben and "Sent" in ben and "Log concert" in ben
    cleo = row_for(content, "cleo@example.org")
    assert "Failing, will retry" in cleo and "Log talk" in cleo and "TimeoutError" in cleo
    moderator = row_for(content, "moderator@example.org")
    assert "Admin email (moderation, password reset)" in moderator and "Waiting" in moderator
    assert content.count(f'name="id" value="{outbox["given_up"].pk}"') == 1, (
        "the given-up email can be ticked"
    )
    assert f'name="id" value="{outbox["sent"].pk}"' not in content, "a sent one cannot"
    assert f"{REQUEUE}?all=1" in content, "the 'Requeue all given up' button"


def test_the_log_shows_no_email_text_and_no_sign_up_details(client, organiser, outbox):
    email = outbox["given_up"]
    # The private link as the email holds it (its signature carries the time it was made).
    links = re.findall(r"https?://\S+/my-sign-up/\S+/", email.text)
    assert "Ada Lovelace" in email.text and len(links) == 1  # what must stay out
    manage_link = links[0]
    secret = manage_link.split("/my-sign-up/")[1].split(":")[0]  # the signed part: Ada's token
    assert secret == manage_url(outbox["ada"]).split("/my-sign-up/")[1].split(":")[0]
    for url in (LOG, f"{LOG}inspect/{email.pk}/"):
        content = client.get(url).content.decode()
        assert "ada@example.org" in content, url
        for private in ("Ada Lovelace", manage_link, secret, NEEDS, "private-room"):
            assert private not in content, (url, private)
    detail = client.get(f"{LOG}inspect/{email.pk}/").content.decode()
    assert email.subject in detail and ERROR in detail, "the detail shows subject and error"


def test_the_log_is_read_only_apart_from_requeueing(client, editor, outbox):
    client.force_login(editor)  # a superuser: may do everything Wagtail offers here
    pk = outbox["given_up"].pk
    assert client.get(LOG).status_code == 200
    for url in (f"{LOG}new/", f"{LOG}edit/{pk}/", f"{LOG}delete/{pk}/"):
        assert client.get(url, follow=True).status_code == 404, url
    detail = client.get(f"{LOG}inspect/{pk}/").content.decode()
    assert f"{REQUEUE}?id={pk}" in detail


# --- Filters and search ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=given_up", ["ada@example.org"]),
        ("status=sent", ["ben@example.org"]),
        ("status=failing", ["cleo@example.org"]),
        ("status=waiting", ["moderator@example.org"]),
        ("kind=confirmed", ["ada@example.org", "cleo@example.org"]),
        ("kind=waiting", ["ben@example.org"]),
        ("kind=mail", ["moderator@example.org"]),
        ("event={concert}", ["ada@example.org", "ben@example.org"]),
        ("event={talk}&kind=confirmed", ["cleo@example.org"]),
        ("q=cleo@example", ["cleo@example.org"]),
        ("q=BEN", ["ben@example.org"]),
    ],
)
def test_the_log_filters_by_status_kind_and_event_and_searches_by_recipient(
    client, organiser, outbox, query, expected
):
    query = query.format(concert=outbox["concert"].pk, talk=outbox["talk"].pk)
    response = client.get(f"{LOG}?{query}")
    assert response.status_code == 200
    assert recipients(response.content.decode()) == expected


# --- Requeueing -----------------------------------------------------------------------------


def sent_by_the_sender(email: OutboundEmail, settings) -> bool:
    """Whether a pass of the sender now sends it (it reads `status`, then `next_attempt_at`)."""
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    emails.send_pending()
    return [message.to for message in mail.outbox] == [[email.to]]


def test_a_given_up_email_is_requeued_after_a_confirmation_posted_with_csrf(
    organiser, outbox, settings
):
    client = VerifiedClient(enforce_csrf_checks=True)
    client.force_login(organiser)
    email = outbox["given_up"]
    assert not sent_by_the_sender(email, settings), "given up: the sender leaves it alone"
    # Other due emails would be sent too: settle them first.
    OutboundEmail.objects.exclude(pk=email.pk).update(status=OutboundEmail.Status.SENT)

    confirm = client.get(f"{REQUEUE}?id={email.pk}")
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert "ada@example.org" in page and 'method="post"' in page
    assert "Ada Lovelace" not in page
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.GAVE_UP, "asking changes nothing"

    assert client.post(REQUEUE, {"id": email.pk}).status_code == 403, "no CSRF token"
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.GAVE_UP

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(REQUEUE, {"id": email.pk, "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == LOG
    assert messages_of(response) == [
        ("success", "Requeued 1 email: the sender will send it shortly.")
    ]
    email.refresh_from_db()
    assert (email.status, email.attempts, email.next_attempt_at) == (
        OutboundEmail.Status.PENDING,
        0,
        None,
    )
    listing = client.get(LOG).content.decode()
    assert "Waiting" in row_for(listing, "ada@example.org")
    assert sent_by_the_sender(email, settings)


def test_chosen_given_up_emails_are_requeued_together_and_others_left_alone(
    client, organiser, outbox
):
    second = give_up(outbox["failing"])
    ids = [outbox["given_up"].pk, second.pk, outbox["sent"].pk]
    confirm = client.get(REQUEUE, {"id": ids}).content.decode()
    assert "Put 2 given-up emails back in the queue?" in confirm
    assert "ada@example.org" in confirm and "cleo@example.org" in confirm
    assert "ben@example.org" not in confirm, "a sent email is not offered"

    response = client.post(REQUEUE, {"id": ids})
    assert messages_of(response) == [
        ("success", "Requeued 2 emails: the sender will send them shortly.")
    ]
    statuses = dict(OutboundEmail.objects.filter(pk__in=ids).values_list("to", "status"))
    assert statuses == {
        "ada@example.org": "pending",
        "cleo@example.org": "pending",
        "ben@example.org": "sent",
    }


def test_requeue_all_given_up_asks_then_requeues_every_one(client, organiser, outbox):
    give_up(outbox["failing"])
    confirm = client.get(REQUEUE, {"all": "1"}).content.decode()
    assert "Put 2 given-up emails back in the queue?" in confirm
    assert 'name="all" value="1"' in confirm
    response = client.post(REQUEUE, {"all": "1"})
    assert messages_of(response)[0][0] == "success"
    assert not OutboundEmail.objects.filter(status=OutboundEmail.Status.GAVE_UP).exists()
    assert set(
        OutboundEmail.objects.filter(to__in=["ada@example.org", "cleo@example.org"]).values_list(
            "status", flat=True
        )
    ) == {"pending"}
    assert f"{REQUEUE}?all=1" not in client.get(LOG).content.decode(), "nothing left to requeue"


def test_requeueing_nothing_is_an_error_and_changes_nothing(client, organiser, outbox):
    sent = outbox["sent"]
    confirm = client.get(REQUEUE, {"id": sent.pk}).content.decode()
    assert "there is nothing to requeue" in confirm and 'method="post"' not in confirm
    response = client.post(REQUEUE, {"id": sent.pk})
    assert messages_of(response) == [
        (
            "error",
            "Nothing was requeued: none of the chosen emails had been given up "
            "(someone may have requeued them already).",
        )
    ]
    sent.refresh_from_db()
    assert sent.status == OutboundEmail.Status.SENT
    client.post(REQUEUE, {"id": outbox["given_up"].pk})
    again = client.post(REQUEUE, {"id": outbox["given_up"].pk})
    assert messages_of(again)[0][0] == "error", "requeued twice: the second time did nothing"


# --- Who sees it ----------------------------------------------------------------------------


def test_the_events_team_has_the_menu_item(client, organiser):
    assert "Email log" in client.get("/admin/").content.decode()


@pytest.mark.parametrize("role", ["Editors", "Moderators"])
def test_page_editors_get_no_menu_item_and_are_refused(client, django_user_model, outbox, role):
    client.force_login(member_of(django_user_model, role))
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "Email log" not in dashboard.content.decode()
    pk = outbox["given_up"].pk
    for url in (LOG, f"{LOG}?q=ada", f"{LOG}results/", f"{LOG}inspect/{pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"ada@example.org" not in response.content, url
    for response in (client.get(REQUEUE, {"id": pk}), client.post(REQUEUE, {"id": pk})):
        assert response.status_code == 403
        assert b"ada@example.org" not in response.content
    assert client.post(REQUEUE, {"all": "1"}).status_code == 403
    assert OutboundEmail.objects.get(pk=pk).status == OutboundEmail.Status.GAVE_UP


def test_a_role_that_may_only_look_gets_no_requeue_controls_and_a_refusal(
    client, django_user_model, outbox
):
    group = Group.objects.create(name="Email log readers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_outboundemail"),
    )
    user = django_user_model.objects.create_user("reader", "reader@example.org", "a-long-pass")
    user.groups.add(group)
    client.force_login(user)
    content = client.get(LOG).content.decode()
    assert "ada@example.org" in content
    assert 'name="id"' not in content and REQUEUE not in content
    pk = outbox["given_up"].pk
    assert client.post(REQUEUE, {"id": pk}).status_code == 403
    assert OutboundEmail.objects.get(pk=pk).status == OutboundEmail.Status.GAVE_UP
