"""The roadmap's cached lists are forgotten whenever an editor changes a recommendation (or its
stage and sector tags). Pages and the shared taxonomy are watched by home/caching.py itself.
The baseline summary's counts are forgotten whenever an entry is added or deleted."""

from django.db.models.signals import post_delete, post_save

from home.caching import watch
from roadmap.baseline import forget_summary


def connect() -> None:
    from roadmap.models import BaselineEntry, Recommendation

    watch(Recommendation)
    for signal in (post_save, post_delete):
        signal.connect(
            forget_summary, sender=BaselineEntry, dispatch_uid=f"baseline-summary-{signal!r}"
        )
