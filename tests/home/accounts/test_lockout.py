"""Limits on guessing passwords: the admin sign-in (django-axes) and password-protected pages
and documents (accounts.throttling), through the real views."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def sign_in(
    client: Client, password: str, username: str = "editor", address: str = "203.0.113.7", **headers
):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def fail_five_times(client: Client, **kwargs) -> None:
    """Four wrong passwords are refused with the form; the fifth brings the lockout page."""
    for attempt in range(4):
        response = sign_in(client, f"wrong-guess-{attempt}", **kwargs)
        assert response.status_code == 200, f"attempt {attempt + 1} should just be refused"
    assert sign_in(client, "wrong-guess-5", **kwargs).status_code == 429


def test_five_wrong_passwords_lock_the_sign_in_even_for_the_right_one(editor):
    client = Client()
    fail_five_times(client)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    html = response.content.decode()
    assert "Too many wrong passwords" in html
    assert "Please wait 15 minutes" in html  # when to try again
    assert "contact one of the site's administrators" in html  # who can help
    assert "_auth_user_id" not in client.session


def test_the_lockout_holds_for_that_account_from_anywhere_and_for_that_address(
    editor, django_user_model
):
    django_user_model.objects.create_superuser("colleague", "c@example.org", PASSWORD)
    fail_five_times(Client())
    # The same account from another address: still locked.
    assert sign_in(Client(), PASSWORD, address="198.51.100.20").status_code == 429
    # Another account from the guessing address: locked too.
    assert sign_in(Client(), PASSWORD, username="colleague").status_code == 429
    # Another account from another address signs in.
    assert (
        sign_in(Client(), PASSWORD, username="colleague", address="198.51.100.20").status_code
        == 302
    )


def test_the_address_is_the_one_the_trusted_proxy_appended(editor, settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client()
    for attempt in range(5):
        # The client writes a new address each time; the proxy appends the real one.
        sign_in(
            client,
            f"wrong-{attempt}",
            username=f"nobody-{attempt}",
            address="10.0.0.5",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 203.0.113.99",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.99"}
    locked = sign_in(
        client, PASSWORD, address="10.0.0.5", HTTP_X_FORWARDED_FOR="192.0.2.200, 203.0.113.99"
    )
    assert locked.status_code == 429


def test_the_lock_lifts_after_the_cool_off(editor):
    fail_five_times(Client())
    with freeze_time(timezone.now() + timedelta(minutes=16)):
        assert sign_in(Client(), PASSWORD).status_code == 302


def test_trying_again_while_locked_starts_the_wait_again(editor):
    start = timezone.now()
    fail_five_times(Client())
    with freeze_time(start + timedelta(minutes=10)):
        assert sign_in(Client(), PASSWORD).status_code == 429
    with freeze_time(start + timedelta(minutes=16)):
        assert sign_in(Client(), PASSWORD).status_code == 429
    with freeze_time(start + timedelta(minutes=32)):  # 15 minutes after the last try
        assert sign_in(Client(), PASSWORD).status_code == 302


def test_an_operator_unlocks_an_account_with_axes_reset_username(editor):
    fail_five_times(Client())
    assert sign_in(Client(), PASSWORD, address="198.51.100.20").status_code == 429
    out = StringIO()
    call_command("axes_reset_username", "editor", stdout=out)
    assert "attempts removed" in out.getvalue()
    assert sign_in(Client(), PASSWORD, address="198.51.100.20").status_code == 302


def test_an_operator_unlocks_an_address_with_axes_reset_ip(editor, django_user_model):
    django_user_model.objects.create_superuser("colleague", "c@example.org", PASSWORD)
    for attempt in range(5):
        sign_in(Client(), "wrong", username=f"nobody-{attempt}")
    assert sign_in(Client(), PASSWORD, username="colleague").status_code == 429
    call_command("axes_reset_ip", "203.0.113.7", stdout=StringIO())
    assert sign_in(Client(), PASSWORD, username="colleague").status_code == 302


# --- Password-protected pages and documents ------------------------------------------------


@pytest.fixture
def protected_page():
    page = StandardPageFactory(title="Papers for the board")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="the-shared-word"
    )
    return page, restriction


def guess_page(client, page, restriction, password, address="203.0.113.7", language="en-gb"):
    return client.post(
        f"/{language}/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": password, "return_url": page.url},
        REMOTE_ADDR=address,
    )


def test_guessing_a_page_password_is_stopped_after_five_wrong_tries(protected_page):
    page, restriction = protected_page
    client = Client()
    assert client.get(page.url).status_code == 200
    assert 'name="password"' in client.get(page.url).content.decode()
    for attempt in range(5):
        response = guess_page(client, page, restriction, f"guess-{attempt}")
        assert response.status_code == 200, "a wrong password shows the form again"
    locked = guess_page(client, page, restriction, "the-shared-word")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Too many wrong passwords" in html
    assert "Please wait 15 minutes" in html
    assert "whoever shared this page" in html
    # Someone else, elsewhere, who knows the password still gets in.
    other = guess_page(Client(), page, restriction, "the-shared-word", address="198.51.100.20")
    assert other.status_code == 302


def test_the_page_lockout_page_speaks_arabic(protected_page):
    page, restriction = protected_page
    client = Client()
    for attempt in range(6):
        response = guess_page(client, page, restriction, f"guess-{attempt}", language="ar")
    assert response.status_code == 429
    html = response.content.decode()
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert "Too many wrong passwords" not in html


def test_guessing_a_document_password_is_stopped_after_five_wrong_tries():
    collection = Collection.get_first_root_node().add_child(name="Board papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password="board-only"
    )
    document = get_document_model().objects.create(
        title="Minutes", collection=collection, file=ContentFile(b"minutes", name="minutes.txt")
    )
    client = Client()
    form = client.get(document.url)
    assert 'name="password"' in form.content.decode()
    url = f"/documents/authenticate_with_password/{restriction.pk}/"
    for attempt in range(5):
        response = client.post(
            url,
            {"password": f"guess-{attempt}", "return_url": document.url},
            REMOTE_ADDR="203.0.113.7",
        )
        assert response.status_code == 200
    locked = client.post(
        url, {"password": "board-only", "return_url": document.url}, REMOTE_ADDR="203.0.113.7"
    )
    assert locked.status_code == 429
    right = Client().post(
        url, {"password": "board-only", "return_url": document.url}, REMOTE_ADDR="198.51.100.20"
    )
    assert right.status_code == 302
