"""The roadmap's one view outside the page tree: adding a self-assessment result to the London
baseline (the result page's form posts here)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from home import spam
from home.models import Borough, DriverOfChange, Sector
from home.security import same_origin_post
from home.throttling import throttled_response
from roadmap.assessment import build_questions, read_answers, score
from roadmap.baseline import BASELINE_THROTTLE
from roadmap.baseline_token import TokenExpired, TokenInvalid, submission_key
from roadmap.models import BaselineEntry, SelfAssessmentPage

# The baseline form's name in its spam stamp (home/spam.py), as the result page writes it.
BASELINE_FORM = "baseline"


# No CSRF cookie for this public form (readers get no cookies): a forged cross-site post is
# refused by its Origin or Referer instead (home/security.py). It adds one anonymous row.
@same_origin_post
@require_POST
def add_to_baseline(request, page_id: int):
    """Add a self-assessment result to the London baseline, then show the result again."""
    page = get_object_or_404(SelfAssessmentPage.objects.live(), pk=page_id)
    refusal = BASELINE_THROTTLE.refuse_address(request)
    if refusal:
        return throttled_response(request, refusal, back_url=page.url)
    stages = page.journey_stages()
    answers = read_answers(request.POST, build_questions(page, stages))
    result_url = f"{page.url}{page.reverse_subpage('result')}?{answers.query()}"
    verdict = spam.check(request.POST, BASELINE_FORM)
    if not verdict.saves:
        # A bot that filled the hidden box is told it worked; a post sent too quickly (or from
        # a page opened a day ago) shows the result again, asking to add it again.
        return _see_result(result_url, "added=1" if verdict is spam.Verdict.HONEYPOT else "again=1")
    result = (
        score(answers, stages, DriverOfChange.terms_in(page.locale_id))
        if answers.complete
        else None
    )
    refused = _(
        "The result in the form was incomplete or had been changed. Open your result again and add it from there."
    )
    key = None
    if result is not None:
        try:
            key = submission_key(request.POST.get("token", ""), page.pk, answers.query())
        except TokenExpired:
            refused = _(
                "Your result page was opened too long ago. Open your result again and add it from there."
            )
        except TokenInvalid:
            pass
    if key is None or result is None:
        return render(
            request, "roadmap/baseline_refused.html", {"page": page, "reason": refused}, status=400
        )
    default = Locale.get_default()
    sector = Sector.objects.filter(
        live=True, locale=default, slug=request.POST.get("sector", "")
    ).first()
    borough = Borough.objects.filter(
        live=True, locale=default, slug=request.POST.get("borough", "")
    ).first()
    overall = result.overall.get_translation_or_none(default) or result.overall
    try:
        with transaction.atomic():
            BaselineEntry.objects.create(
                overall_stage=overall,
                driver_stages={driver.slug: stage.slug for driver, stage, _q in result.groups},
                sector=sector,
                borough=borough,
                submission_key=key,
            )
    except IntegrityError:
        pass  # this token was used already (a double click, a resent form): once is enough
    return _see_result(result_url, "added=1")


def _see_result(result_url: str, outcome: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(f"{result_url}&{outcome}#baseline")
    response.status_code = 303  # see the result again with GET, so a reload cannot resend
    return response
