"""The London baseline: self-assessment results readers chose to add, anonymously.

Only the stages the answers point to, the sector, the borough and the time are stored. The
public summary shows a group (a sector, a borough, London as a whole) only when it holds at
least BASELINE_MIN_GROUP_SIZE results, so no single organisation can be picked out.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.core.cache import cache
from django.utils.crypto import get_random_string
from wagtail.models import Locale

from home.models import Borough, Sector
from home.throttling import Rate, Throttle

# One organisation adds its result once; a few more from a shared connection. Beyond that it
# is stuffing: fewer than BASELINE_MIN_GROUP_SIZE entries an hour from one address.
BASELINE_THROTTLE = Throttle("baseline", per_address=(Rate(3, 60 * 60), Rate(10, 24 * 60 * 60)))

# The summary's counts (BaselineEntry.counts) are read once and kept until an entry is added or
# deleted: the key carries a version that `forget_summary` replaces (roadmap/signal_handlers.py).
VERSION_KEY = "roadmap:baseline:version"


def forget_summary(*args, **kwargs) -> None:
    """Make the next summary read the entries again (a new entry arrived)."""
    cache.set(VERSION_KEY, get_random_string(12), timeout=None)


def summary_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, get_random_string(12), timeout=None)
        version = cache.get(VERSION_KEY) or "none"
    return version


def stage_rows(counts: Counter, stages: list) -> list[dict]:
    """Counts of entries per stage, for each stage in journey order."""
    return [{"stage": stage, "count": counts.get(stage.translation_key, 0)} for stage in stages]


def aggregate(rows: list[tuple], stages: list, locale: Locale | int, min_group: int = 0) -> dict:
    """The baseline's counts (BaselineEntry.counts) grouped by sector and by borough, with the
    stages in journey order and the terms in `locale`. Groups smaller than `min_group` are
    counted but not shown."""
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
        for term in model.terms_in(locale):
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
