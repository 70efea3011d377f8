"""The roadmap's cached lists are forgotten whenever an editor changes a recommendation (or its
stage and sector tags). Pages and the shared taxonomy are watched by home/caching.py itself."""

from home.caching import watch


def connect() -> None:
    from roadmap.models import Recommendation

    watch(Recommendation)
