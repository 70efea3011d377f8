"""Erasure that erases: after `purge_registrations` or `erase_personal_data`, the person's name
and email are gone from every store, not only the sign-up's row: Wagtail's log entries (an
organiser's edit is logged under the person's name), page revisions and comments quoting them,
the search index and the cache. Each store is read directly after each command."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Comment, CommentReply, ModelLogEntry, PageLogEntry, Revision
from wagtail.search.models import IndexEntry

from events import services
from events.factories import EventPageFactory
from events.models import EventPage, OutboundEmail, Registration

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Zebedee Quill", "zeb.quill@example.org"
OTHER_NAME, OTHER_EMAIL = "Olwen Keeper", "olwen@example.org"


def copies_of(text: str) -> dict[str, int]:
    """How many rows of each store hold the text (case-insensitive), plus the cache."""
    found = {
        "model log entries": ModelLogEntry.objects.annotate(d=Cast("data", TextField()))
        .filter(label__icontains=text)
        .count()
        + ModelLogEntry.objects.annotate(d=Cast("data", TextField()))
        .filter(d__icontains=text)
        .count(),
        "page log entries": PageLogEntry.objects.annotate(d=Cast("data", TextField()))
        .filter(d__icontains=text)
        .count()
        + PageLogEntry.objects.filter(label__icontains=text).count(),
        "revisions": Revision.objects.annotate(c=Cast("content", TextField()))
        .filter(c__icontains=text)
        .count()
        + Revision.objects.filter(object_str__icontains=text).count(),
        "comments": Comment.objects.filter(text__icontains=text).count()
        + CommentReply.objects.filter(text__icontains=text).count(),
        "search index": IndexEntry.objects.filter(title__icontains=text).count()
        + IndexEntry.objects.filter(body__icontains=text).count()
        + IndexEntry.objects.filter(autocomplete__icontains=text).count(),
        "sign-ups": Registration.objects.filter(name__icontains=text).count()
        + Registration.objects.filter(email__icontains=text).count(),
        "emails": OutboundEmail.objects.filter(to__icontains=text).count()
        + OutboundEmail.objects.filter(text__icontains=text).count(),
    }
    # The test settings' cache is Django's local-memory cache: read every stored value (pickled,
    # which keeps text as UTF-8).
    values = list(cache._cache.values())
    assert values, "the pages visited filled the cache"
    found["cache"] = sum(text.lower().encode() in value.lower() for value in values)
    return found


@pytest.fixture
def traces(client, editor, django_user_model, django_capture_on_commit_callbacks):
    """An event where Zebedee signed up, and every place the admin and site copy them to:
    an organiser's edit of the sign-up, an editor's comment on the event page (logged, and
    kept in the page's revisions), an admin search, and the public pages (cached)."""
    event = EventPageFactory(slug="erasure-event", capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.sign_up(event, {"name": NAME, "email": EMAIL}, "en-gb")
        services.sign_up(event, {"name": OTHER_NAME, "email": OTHER_EMAIL}, "en-gb")
    zebedee = Registration.objects.get(email=EMAIL)

    organiser = django_user_model.objects.create_user(
        "organiser", "organiser@example.org", "a-long-test-password"
    )
    organiser.groups.add(Group.objects.get(name="Events team"))
    client.force_login(organiser)
    response = client.post(
        f"/admin/events/sign-ups/edit/{zebedee.pk}/",
        {"name": NAME, "organisation": "Quill & Co", "role": "", "sector": ""}
        | {"access_needs": "", "dietary_needs": ""},
    )
    assert response.status_code == 302, "the organiser's edit was saved"
    client.get(f"/admin/events/sign-ups/?q={NAME}")
    client.get(f"/admin/events/sign-ups/inspect/{zebedee.pk}/")

    page = EventPage.objects.get(pk=event.pk)
    comment = Comment.objects.create(
        page=page,
        user=editor,
        contentpath="title",
        text=f"{NAME} ({EMAIL}) asked whether there is a hearing loop",
    )
    revision = page.save_revision(user=editor, log_action=True)
    comment.log_create(page_revision=revision, user=editor)
    CommentReply.objects.create(comment=comment, user=editor, text=f"Yes: told {EMAIL}")
    revision.publish(user=editor)
    client.get(page.url)
    client.get("/en-gb/events/")

    before = copies_of(NAME)
    assert before["model log entries"] >= 1, "the organiser's edit is logged under the name"
    assert before["page log entries"] >= 1 and before["revisions"] >= 1 and before["comments"]
    assert copies_of(EMAIL)["comments"] >= 2
    return event


def run(command: str, *args: str) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def assert_gone_everywhere(name: str, email: str) -> None:
    for text in (name, email):
        remaining = {store: count for store, count in copies_of(text).items() if count}
        assert remaining == {}, f"{text!r} is still in {remaining}"


def test_erase_personal_data_removes_the_person_from_every_store(traces):
    assert "Erased 1 sign-up(s)" in run("erase_personal_data", EMAIL)
    assert_gone_everywhere(NAME, EMAIL)
    # The sign-up's history is kept, under a neutral label; other people are untouched.
    zebedee = Registration.objects.get(event=traces, anonymised=True)
    labels = set(
        ModelLogEntry.objects.filter(object_id=str(zebedee.pk), action="wagtail.edit").values_list(
            "label", flat=True
        )
    )
    assert labels == {f"Anonymised sign-up {zebedee.pk}"}
    assert copies_of(OTHER_NAME)["sign-ups"] == 1
    comment = Comment.objects.get(page=traces)
    assert comment.text == "[erased] ([erased]) asked whether there is a hearing loop"


def test_purge_registrations_removes_everyone_from_every_store(traces):
    EventPage.objects.filter(pk=traces.pk).update(
        start=timezone.now() - timedelta(days=400), end=timezone.now() - timedelta(days=400)
    )
    assert "Anonymised 2 sign-up(s)" in run("purge_registrations")
    assert_gone_everywhere(NAME, EMAIL)
    assert_gone_everywhere(OTHER_NAME, OTHER_EMAIL)
    assert Registration.objects.filter(event=traces).count() == 2, "the counts are kept"
