"""The London baseline: self-assessment results readers chose to add, anonymously.

Only the stages the answers point to, the sector, the borough and the time are stored. The
public summary shows a group (a sector, a borough, London as a whole) only when it holds at
least BASELINE_MIN_GROUP_SIZE results, so no single organisation can be picked out.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from home.caching import cached
from home.models import Borough, DriverOfChange, Sector
from home.security import is_same_origin
from home.throttling import Rate, Throttle, throttled_response
from roadmap.assessment import build_questions, read_answers, score
from roadmap.baseline_token import TokenExpired, TokenInvalid, submission_key
from roadmap.lookups import live_stages, localized_terms

# One organisation adds its result once; a few more from a shared connection. Beyond that it
# is stuffing: fewer than BASELINE_MIN_GROUP_SIZE entries an hour from one address.
BASELINE_THROTTLE = Throttle("baseline", per_address=(Rate(3, 60 * 60), Rate(10, 24 * 60 * 60)))

# The summary's counts are read once and kept until an entry is added or deleted: the key
# carries a version that `forget_summary` replaces (see roadmap/signals.py).
VERSION_KEY = "roadmap:baseline:version"


def forget_summary(*args, **kwargs) -> None:
    """Make the next summary read the entries again (a new entry arrived)."""
    cache.set(VERSION_KEY, get_random_string(12), timeout=None)


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, get_random_string(12), timeout=None)
        version = cache.get(VERSION_KEY) or "none"
    return version


def entry_counts() -> list[tuple]:
    """(stage key, sector key, borough key, number of entries) for every combination that has
    entries: one grouped query whatever the number of entries, then cached."""
    from roadmap.models import BaselineEntry

    def build():
        return [
            (
                row["overall_stage__translation_key"],
                row["sector__translation_key"],
                row["borough__translation_key"],
                row["entries"],
            )
            for row in BaselineEntry.objects.values(
                "overall_stage__translation_key",
                "sector__translation_key",
                "borough__translation_key",
            )
            .annotate(entries=Count("pk"))
            .order_by()
        ]

    return cached(f"roadmap:baseline-counts:{_version()}", build)


def stage_rows(counts: Counter, stages: list) -> list[dict]:
    """Counts of entries per stage, for each stage in journey order."""
    return [{"stage": stage, "count": counts.get(stage.translation_key, 0)} for stage in stages]


def aggregate(locale: Locale, min_group: int = 0) -> dict:
    """The baseline grouped by sector and by borough. Groups smaller than `min_group` are
    counted but not shown."""
    stages = live_stages(locale)
    rows = entry_counts()
    london: Counter = Counter()
    for stage_key, _sector, _borough, entries in rows:
        london[stage_key] += entries
    total = sum(london.values())
    groups = {}
    for kind, model, position in [("sector", Sector, 1), ("borough", Borough, 2)]:
        per_term: dict = defaultdict(Counter)
        for row in rows:
            if row[position] is not None:
                per_term[row[position]][row[0]] += row[3]
        shown, hidden = [], 0
        for term in localized_terms(model, locale):
            counts = per_term.get(term.translation_key)
            if not counts:
                continue
            members = sum(counts.values())
            if members < min_group:
                hidden += 1
                continue
            shown.append({"term": term, "total": members, "rows": stage_rows(counts, stages)})
        # Complementary suppression: "All of London" minus the groups shown must not leave a
        # small remainder, or subtracting the tables would reveal the hidden few. Hide the
        # smallest shown groups until the remainder is empty or large enough.
        remainder = total - sum(group["total"] for group in shown)
        while shown and 0 < remainder < min_group:
            smallest = min(shown, key=lambda group: group["total"])
            shown.remove(smallest)
            hidden += 1
            remainder += smallest["total"]
        groups[kind] = {"shown": shown, "hidden": hidden}
    return {
        "stages": stages,
        "total": total,
        "london": stage_rows(london, stages) if total and total >= min_group else None,
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
    refusal = BASELINE_THROTTLE.refuse_address(request)
    if refusal:
        return throttled_response(request, refusal, back_url=page.url)
    stages = live_stages(page.locale_id)
    answers = read_answers(request.POST, build_questions(page, stages))
    result = (
        score(answers, stages, localized_terms(DriverOfChange, page.locale_id))
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
    if key is None:
        return render(
            request, "roadmap/baseline_refused.html", {"page": page, "reason": refused}, status=400
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
        pass  # this token was used already (a double click, a resent form): once is enough
    result_url = page.url + page.reverse_subpage("result")
    response = HttpResponseRedirect(f"{result_url}?{answers.query()}&added=1#baseline")
    response.status_code = 303  # see the result again with GET, so a reload cannot resend
    return response
