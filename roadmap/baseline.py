"""The London baseline: self-assessment results readers chose to add, anonymously.

Only the stages the answers point to, the sector, the borough and the time are stored. The
public summary shows a group (a sector, a borough, London as a whole) only when it holds at
least BASELINE_MIN_GROUP_SIZE results, so no single organisation can be picked out.
"""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from home.models import Borough, DriverOfChange, Sector
from home.security import is_same_origin
from roadmap.assessment import TOKEN_LENGTH, build_questions, read_answers, score
from roadmap.lookups import live_stages, localized_terms


def stage_rows(entries, stages: list) -> list[dict]:
    """Counts of entries per stage, for each stage in journey order."""
    counts = Counter(entry["overall_stage__translation_key"] for entry in entries)
    return [{"stage": stage, "count": counts.get(stage.translation_key, 0)} for stage in stages]


def aggregate(locale: Locale, min_group: int = 0) -> dict:
    """The baseline grouped by sector and by borough. Groups smaller than `min_group` are
    counted but not shown."""
    from roadmap.models import BaselineEntry

    stages = live_stages(locale)
    entries = list(
        BaselineEntry.objects.values(
            "overall_stage__translation_key", "sector__translation_key", "borough__translation_key"
        )
    )
    groups = {}
    for kind, model, key in [
        ("sector", Sector, "sector__translation_key"),
        ("borough", Borough, "borough__translation_key"),
    ]:
        shown, hidden = [], 0
        for term in localized_terms(model, locale):
            members = [entry for entry in entries if entry[key] == term.translation_key]
            if not members:
                continue
            if len(members) < min_group:
                hidden += 1
                continue
            shown.append({"term": term, "total": len(members), "rows": stage_rows(members, stages)})
        groups[kind] = {"shown": shown, "hidden": hidden}
    london_shown = len(entries) >= min_group and entries
    return {
        "stages": stages,
        "total": len(entries),
        "london": stage_rows(entries, stages) if london_shown else None,
        "groups": groups,
        "min_group": min_group,
    }


def summary_context(page, request) -> dict:
    return {
        "baseline": aggregate(page.locale_id, settings.BASELINE_MIN_GROUP_SIZE),
        "form_url": page.url,
    }


# No CSRF cookie for this public form (readers get no cookies): a forged cross-site post is
# refused by its Origin or Referer instead (home/security.py). It adds one anonymous row.
@csrf_exempt
@require_POST
def add_to_baseline(request, page_id: int):
    """Add a self-assessment result to the London baseline, then show the result again."""
    from roadmap.models import BaselineEntry, SelfAssessmentPage

    page = get_object_or_404(SelfAssessmentPage.objects.live(), pk=page_id)
    if not is_same_origin(request):
        return render(
            request,
            "roadmap/baseline_refused.html",
            {"page": page, "reason": _("The form was not sent from this website.")},
            status=403,
        )
    stages = live_stages(page.locale_id)
    answers = read_answers(request.POST, build_questions(page, stages))
    result = (
        score(answers, stages, localized_terms(DriverOfChange, page.locale_id))
        if answers.complete
        else None
    )
    key = request.POST.get("token", "")
    if len(key) != TOKEN_LENGTH or not key.isalnum():
        key = None
    if result is None or key is None:
        return render(
            request,
            "roadmap/baseline_refused.html",
            {
                "page": page,
                "reason": _(
                    "The result in the form was incomplete or had been changed. Open your result "
                    "again and add it from there."
                ),
            },
            status=400,
        )
    default = Locale.get_default()
    sector = Sector.objects.filter(locale=default, slug=request.POST.get("sector", "")).first()
    borough = Borough.objects.filter(locale=default, slug=request.POST.get("borough", "")).first()
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
        pass  # already added (a double click or a resent form): once is enough
    result_url = page.url + page.reverse_subpage("result")
    response = HttpResponseRedirect(f"{result_url}?{answers.query()}&added=1#baseline")
    response.status_code = 303  # see the result again with GET, so a reload cannot resend
    return response
