"""Forms editors build themselves (home.FormPage, on wagtail.contrib.forms): rendered with the
site's form components in both languages, sent without a cookie, validated with messages that
say what to do, spam-checked, kept in the admin for the people who handle personal data, and
deleted after the retention period."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from events.models import OutboundEmail
from home import spam
from home.factories import FormPageFactory, served_stamp, translate
from home.models import FormField
from home.views import FORM_PAGE

pytestmark = pytest.mark.django_db

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}
ANSWERS = {
    "your_name": "Rita Reader",
    "email_address": "rita@example.org",
    "your_sector": "Health",
    "your_message": "How do we join the champions network?",
    "i_agree_to_be_contacted_about_my_message": "on",
}


@pytest.fixture(autouse=True)
def _the_sites_outbox(settings):
    settings.EMAIL_BACKEND = "events.emails.OutboxBackend"  # pytest-django swaps in locmem


def send(client, page, **answers):
    data = {**served_stamp(FORM_PAGE.name), **answers}
    return client.post(page.send_url, data, **ORIGIN)


def test_the_form_is_built_from_the_site_components_and_sets_no_cookie(client):
    page = FormPageFactory(slug="contact")
    response = client.get(page.url)
    assert response.status_code == 200 and not response.cookies
    html = response.content.decode()
    assert f'action="{page.send_url}"' in html and "csrfmiddlewaretoken" not in html
    assert '<label for="id_your_name">Your name</label>' in html
    assert '<fieldset class="choices" id="id_your_sector">' in html
    assert "<legend>Your sector</legend>" in html, "a choice of several is a fieldset"
    assert 'type="email"' in html and 'autocomplete="email"' in html
    assert '<div class="form-honeypot" aria-hidden="true">' in html


def test_a_form_with_mistakes_says_what_to_fix_and_keeps_the_answers(client):
    page = FormPageFactory(slug="contact-errors")
    response = send(client, page, your_name="Rita", email_address="not-an-email")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert "Enter an email address in the right format, like name@example.org" in summary
    assert "Enter your message" in summary
    assert "Tick the box: i agree to be contacted about my message" in summary
    assert 'href="#id_your_message"' in summary
    assert 'value="Rita"' in html and 'aria-invalid="true"' in html
    assert not FormSubmission.objects.exists()


def test_a_sent_form_is_kept_and_the_reader_is_thanked(client):
    page = FormPageFactory(slug="contact-sent", to_address="team@example.org", subject="Contact")
    response = send(client, page, **ANSWERS)
    assert response.status_code == 303 and response["Location"] == f"{page.url}?sent=1"
    submission = FormSubmission.objects.get(page=page)
    assert submission.get_data()["your_message"] == "How do we join the champions network?"
    thanks = client.get(response["Location"]).content.decode()
    assert "Thank you: your form has been sent" in thanks
    assert "We reply within five working days." in thanks
    assert "<form" not in thanks.split("<main", 1)[1]
    (email,) = OutboundEmail.objects.filter(to="team@example.org")
    assert "How do we join the champions network?" in email.text, "through the site's outbox"


def test_a_post_from_another_site_is_refused(client):
    page = FormPageFactory(slug="contact-cross-site")
    data = {**served_stamp(FORM_PAGE.name), **ANSWERS}
    response = client.post(page.send_url, data, HTTP_ORIGIN="https://attacker.example")
    assert response.status_code == 403 and not FormSubmission.objects.exists()


def test_spam_rules_keep_nothing(client):
    page = FormPageFactory(slug="contact-spam")
    bot = send(client, page, **ANSWERS, **{spam.HONEYPOT_FIELD: "http://spam.example"})
    assert bot.status_code == 303 and bot["Location"] == f"{page.url}?sent=1"
    quick = client.post(
        page.send_url, {**ANSWERS, **served_stamp(FORM_PAGE.name, seconds_ago=1)}, **ORIGIN
    )
    assert quick.status_code == 200
    assert "Please check your answers and send the form again." in quick.content.decode()
    assert 'value="Rita Reader"' in quick.content.decode()
    assert not FormSubmission.objects.exists()


def test_the_arabic_form_is_in_arabic_and_stores_answers_under_the_same_names(client):
    page = FormPageFactory(slug="contact-ar", questions=[("Your name", "singleline", True, "")])
    arabic = translate(page, title="اتصل بنا")
    field = FormField.objects.get(page=arabic)
    field.label = "اسمك"
    field.save()
    html = client.get(arabic.url).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert '<label for="id_your_name">اسمك</label>' in html
    errors = send(client, arabic).content.decode()
    assert "أدخل" in errors, "the required message is in Arabic"
    send(client, arabic, your_name="ريتا")
    assert FormSubmission.objects.get(page=arabic).get_data()["your_name"] == "ريتا"


def test_only_the_events_team_sees_submissions_in_the_admin(client, django_user_model):
    page = FormPageFactory(slug="contact-admin")
    send(client, page, **ANSWERS)
    listing = f"/admin/forms/submissions/{page.pk}/"

    def member_of(group: str):
        user = django_user_model.objects.create_user(
            group.split()[0].lower(), f"{group.split()[0].lower()}@example.org", "pw-long-enough"
        )
        user.groups.add(Group.objects.get(name=group))
        return user

    client.force_login(member_of("Events team"))
    response = client.get(listing)
    assert response.status_code == 200 and "rita@example.org" in response.content.decode()
    client.force_login(member_of("Editors"))
    assert client.get(listing).status_code in (302, 403)
    assert "rita@example.org" not in client.get("/admin/forms/").content.decode()


def test_submissions_are_deleted_after_the_retention_period(client, settings):
    page = FormPageFactory(slug="contact-retention")
    send(client, page, **ANSWERS)
    send(client, page, **{**ANSWERS, "your_name": "Newer Nia"})
    old = FormSubmission.objects.order_by("pk").first()
    FormSubmission.objects.filter(pk=old.pk).update(
        submit_time=timezone.now() - timedelta(days=settings.FORM_SUBMISSION_RETENTION_DAYS + 1)
    )
    out = StringIO()
    call_command("purge_form_submissions", "--dry-run", stdout=out)
    assert "1 form submission(s)" in out.getvalue() and FormSubmission.objects.count() == 2
    call_command("purge_form_submissions", stdout=StringIO())
    (kept,) = FormSubmission.objects.all()
    assert kept.get_data()["your_name"] == "Newer Nia"
