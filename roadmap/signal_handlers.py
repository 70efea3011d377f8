"""The roadmap's signal handlers, connected by importing this module in RoadmapConfig.ready.

The roadmap's cached lists are forgotten whenever an editor changes a recommendation (or its
stage and sector tags); pages and the shared taxonomy are watched by home/caching.py itself.
The baseline summary's counts are forgotten whenever an entry is added or deleted."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from home.caching import watch
from home.purging import purges_listings
from roadmap.baseline import forget_summary
from roadmap.models import BaselineEntry, Recommendation

watch(Recommendation)
# Recommendations show on the roadmap, its stage pages, the recommendations listing and its
# audience views: a published change purges the listing pages from the cache in front.
purges_listings(Recommendation)


@receiver(post_save, sender=BaselineEntry, dispatch_uid="roadmap-baseline-summary-save")
@receiver(post_delete, sender=BaselineEntry, dispatch_uid="roadmap-baseline-summary-delete")
def forget_baseline_summary(sender, **kwargs) -> None:
    """A new (or deleted) entry: the next summary reads the entries again."""
    forget_summary()
