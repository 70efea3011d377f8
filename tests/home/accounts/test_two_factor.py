"""Two-step sign-in for the admin (accounts/): what an editor meets, through the real screens.

These tests use a plain django.test.Client and sign in with the password form, as a person
would; codes are worked out from the secret the set-up screen shows, as an app would.
"""

from __future__ import annotations

import re
from base64 import b32decode
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from home.accounts.checks import check_two_factor_required
from tests.support.accounts import current_code

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
DASHBOARD_MARK = 'id="wagtail-sidebar"'


def sign_in_with_password(client: Client, username: str = "editor") -> None:
    response = client.post(
        "/admin/login/", {"username": username, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302, "the password itself was accepted"


def code_from_set_up_screen(html: str) -> str:
    """Read the typed-in key from the set-up screen and compute the code an app would show."""
    secret = re.search(r'class="two-step-secret">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    return f"{TOTP(key).token():06d}"


def test_a_password_alone_never_reaches_the_dashboard(editor):
    client = Client()
    sign_in_with_password(client)
    for path in ("/admin/", "/admin/pages/", "/admin/users/", "/admin/images/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/two-step/?next="), path
    page = client.get("/admin/", follow=True)
    html = page.content.decode()
    assert "Enter your sign-in code" in html
    assert DASHBOARD_MARK not in html


def test_a_new_admin_user_is_sent_to_set_up_and_can_reach_nothing_else(django_user_model):
    django_user_model.objects.create_superuser("newcomer", "new@example.org", PASSWORD)
    client = Client()
    sign_in_with_password(client, "newcomer")
    for path in ("/admin/", "/admin/pages/", "/admin/two-step/", "/admin/two-step/settings/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/two-step/set-up/"), path
    html = client.get("/admin/two-step/set-up/").content.decode()
    assert "Set up two-step sign-in" in html
    assert '<svg role="img"' in html  # the QR code, drawn inline
    assert DASHBOARD_MARK not in html


def test_setting_up_and_a_right_code_reach_the_dashboard(django_user_model):
    user = django_user_model.objects.create_superuser("newcomer", "new@example.org", PASSWORD)
    client = Client()
    sign_in_with_password(client, "newcomer")
    set_up = client.get("/admin/two-step/set-up/?next=/admin/pages/").content.decode()

    wrong = client.post("/admin/two-step/set-up/", {"code": "000000", "next": "/admin/pages/"})
    assert "That code did not match" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    # The wrong code made the next try wait a second (django-otp's throttling).
    TOTPDevice.objects.filter(user=user).update(throttling_failure_count=0)
    done = client.post(
        "/admin/two-step/set-up/",
        {"code": code_from_set_up_screen(set_up), "next": "/admin/pages/"},
    )
    html = done.content.decode()
    assert "Your recovery codes" in html
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    assert len(codes) == 10
    assert 'href="/admin/pages/"' in html  # continue where they were going

    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert DASHBOARD_MARK in dashboard.content.decode()


def test_a_used_code_cannot_be_replayed(editor):
    device = TOTPDevice.objects.get(user=editor)
    code = current_code(device)

    first = Client()
    sign_in_with_password(first)
    response = first.post("/admin/two-step/", {"code": code, "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert first.get("/admin/").status_code == 200

    # Someone who saw the code over the editor's shoulder, with the password too.
    second = Client()
    sign_in_with_password(second)
    replay = second.post("/admin/two-step/", {"code": code, "next": "/admin/"})
    assert replay.status_code == 200
    assert "already been used" in replay.content.decode()
    assert second.get("/admin/").status_code == 302


def test_a_wrong_code_is_refused_and_says_what_to_do(editor):
    client = Client()
    sign_in_with_password(client)
    response = client.post("/admin/two-step/", {"code": "12345", "next": "/admin/"})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    empty = client.post("/admin/two-step/", {"code": "", "next": "/admin/"})
    assert "Enter the code." in empty.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_works_once(editor):
    # The editor's codes, as made at set-up (here through their own settings screen).
    verified = Client()
    sign_in_with_password(verified)
    verified.post("/admin/two-step/", {"code": current_code(TOTPDevice.objects.get(user=editor))})
    html = verified.post("/admin/two-step/settings/").content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    assert len(codes) == 10

    lost_phone = Client()
    sign_in_with_password(lost_phone)
    response = lost_phone.post("/admin/two-step/", {"code": codes[0].upper(), "next": "/admin/"})
    assert response.status_code == 302
    assert "9 are left" in lost_phone.get("/admin/").content.decode()

    again = Client()
    sign_in_with_password(again)
    refused = again.post("/admin/two-step/", {"code": codes[0], "next": "/admin/"})
    assert "already been used" in refused.content.decode()
    assert again.get("/admin/").status_code == 302
    assert StaticToken.objects.filter(device__user=editor).count() == 9


def test_new_recovery_codes_replace_the_old_ones(editor, client):
    client.force_login(editor)
    first = re.findall(
        r"<li><code>([a-z2-7]{8})</code></li>",
        client.post("/admin/two-step/settings/").content.decode(),
    )
    second = re.findall(
        r"<li><code>([a-z2-7]{8})</code></li>",
        client.post("/admin/two-step/settings/").content.decode(),
    )
    assert len(second) == 10 and not set(first) & set(second)
    assert (
        "You have 10 unused recovery codes"
        in client.get("/admin/two-step/settings/").content.decode()
    )

    other = Client()
    sign_in_with_password(other)
    refused = other.post("/admin/two-step/", {"code": first[0]})
    assert "That code is not right" in refused.content.decode()


def test_an_administrator_resets_a_lost_phone(editor, client, django_user_model):
    colleague = django_user_model.objects.create_user("colleague", "c@example.org", PASSWORD)
    colleague.is_superuser = True
    colleague.save()
    colleagues_session = Client()
    sign_in_with_password(colleagues_session, "colleague")
    TOTPDevice.objects.create(user=colleague, name="Old phone", confirmed=True)
    colleagues_session.post(
        "/admin/two-step/", {"code": current_code(TOTPDevice.objects.get(user=colleague))}
    )
    assert colleagues_session.get("/admin/").status_code == 200

    client.force_login(editor)
    listing = client.get("/admin/users/").content.decode()
    assert f"/admin/two-step/reset/{colleague.pk}/" in listing
    confirm = client.get(f"/admin/two-step/reset/{colleague.pk}/").content.decode()
    assert "Yes, reset two-step sign-in" in confirm
    done = client.post(f"/admin/two-step/reset/{colleague.pk}/", follow=True)
    assert "colleague will set up two-step sign-in again" in done.content.decode()

    assert not TOTPDevice.objects.filter(user=colleague).exists()
    # Their open session is no longer verified: they set up the new phone first.
    response = colleagues_session.get("/admin/")
    assert response["Location"].startswith("/admin/two-step/set-up/")


def test_only_administrators_can_reset_someone_else(editor, client, django_user_model):
    moderator = django_user_model.objects.create_user("moderator", "m@example.org", PASSWORD)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    assert client.get("/admin/").status_code == 200
    refused = client.post(f"/admin/two-step/reset/{editor.pk}/", follow=True)
    assert "Sorry, you do not have permission" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=editor).exists()


def test_the_reset_command_removes_the_authenticator(editor):
    out = StringIO()
    call_command("reset_two_factor", "editor", stdout=out)
    assert "Reset two-step sign-in for 'editor'" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=editor).exists()
    client = Client()
    sign_in_with_password(client)
    assert client.get("/admin/")["Location"].startswith("/admin/two-step/set-up/")


def test_one_setting_turns_it_off_for_local_development(editor, settings):
    settings.ADMIN_REQUIRE_2FA = False
    client = Client()
    sign_in_with_password(client)
    assert client.get("/admin/").status_code == 200


def test_deploy_check_warns_when_it_is_off_in_production(settings):
    settings.DEBUG = False
    settings.ADMIN_REQUIRE_2FA = False
    assert [warning.id for warning in check_two_factor_required(None)] == ["accounts.W001"]
    settings.ADMIN_REQUIRE_2FA = True
    assert check_two_factor_required(None) == []
