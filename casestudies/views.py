"""The one view this app serves outside the page tree: where the "share your practice" form
posts (readers get no cookies, so it is checked for origin, throttled and spam-checked as every
public form is)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from casestudies.forms import SharePracticeForm
from casestudies.models import PracticeSubmission, SharePracticePage
from home.public_forms import PublicForm, page_with_form
from home.security import same_origin_post
from home.throttling import Rate, Throttle

# Named in its spam stamp as templates/casestudies/share_practice_page.html writes it. A
# practitioner shares a few practices at most; colleagues behind one office connection more.
SHARE_PRACTICE = PublicForm(
    "share-practice",
    Throttle(
        "share-practice",
        per_address=(Rate(5, 10 * 60), Rate(20, 24 * 60 * 60)),
        per_email=(Rate(5, 24 * 60 * 60),),
    ),
    email_field="contact_email",
)


@same_origin_post
@require_POST
def share_practice(request, page_id: int):
    """A practice shared: a draft case study for the Moderators, the contact kept apart, a
    confirmation email to the practitioner; or the form again with what to fix."""
    page = get_object_or_404(SharePracticePage.objects.live(), pk=page_id)
    sent = HttpResponseRedirect(f"{page.url}?sent=1", status=303)
    form = SharePracticeForm(request.POST, locale_id=page.locale_id)
    answer = SHARE_PRACTICE.screen(
        request,
        form,
        sent=lambda: sent,
        show_again=lambda form, message: page_with_form(request, page, form, message),
        back_url=page.url,
    )
    if answer:
        return answer
    answers = form.cleaned_data
    with transaction.atomic():
        case_study = page.draft_case_study(answers)
        PracticeSubmission.objects.create(
            page=case_study,
            contact_name=answers["contact_name"],
            contact_email=answers["contact_email"],
            consent_contact=answers["consent_contact"],
            consent_publish=answers["consent_publish"],
            language=get_language(),
        )
        context = {"name": answers["contact_name"], "title": answers["title"]}
        # Through the site's outbox (settings.EMAIL_BACKEND): only the sender talks to SMTP.
        send_mail(
            render_to_string("casestudies/emails/practice_received_subject.txt", context).strip(),
            render_to_string("casestudies/emails/practice_received.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [answers["contact_email"]],
        )
    return sent
