"""The shared app's signal handlers, connected by importing this module in HomeConfig.ready.

- The content cache (home/caching.py) is forgotten when a page is published, unpublished,
  moved or deleted, and when a model an app `watch`es (or its many-to-many tags) changes,
  including wagtail-localize's translation records (for the out-of-date translation notice).
- The CDN in front of the site is purged of a published or unpublished page and every page
  listing it (home/purging.py).
- Translators may edit each new language's page tree (the roles: home/migrations/0004).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import GroupPagePermission, Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail_localize.models import Translation, TranslationSource

from home import caching, purging
from home.models import (
    Audience,
    Borough,
    DriverOfChange,
    FooterText,
    GlossaryTerm,
    NoticeBanner,
    Principle,
    Sector,
    SiteSettings,
)

# The shared snippets readers see: changing any of them refreshes every cached page part.
caching.watch(
    FooterText,
    NoticeBanner,
    SiteSettings,
    Principle,
    DriverOfChange,
    Audience,
    Sector,
    Borough,
    GlossaryTerm,
)
# Submitting a page for translation, syncing it and stopping a synced translation save these:
# whether a translated page shows the "translated from an earlier version" notice
# (home/translations.py) can change with them, without a publish.
caching.watch(Translation, TranslationSource)
# Wagtail's routing (home/routing.py) is cached too: which site a host name belongs to, the
# languages, and which pages are private (a page made private asks for its password at once).
caching.watch(Site, Locale, PageViewRestriction)


@receiver([page_published, page_unpublished, post_page_move], dispatch_uid="caching-page-changed")
def forget_content_when_a_page_changes(sender, **kwargs) -> None:
    caching.invalidate()


@receiver(post_save, dispatch_uid="caching-watched-saved")
def forget_content_when_a_watched_model_is_saved(sender, **kwargs) -> None:
    if sender in caching.WATCHED_MODELS:
        caching.invalidate()


@receiver(post_delete, dispatch_uid="caching-deleted")
def forget_content_when_a_page_or_watched_model_is_deleted(sender, **kwargs) -> None:
    if sender in caching.WATCHED_MODELS or issubclass(sender, Page):
        caching.invalidate()


@receiver(m2m_changed, dispatch_uid="caching-watched-tags-changed")
def forget_content_when_watched_tags_change(sender, **kwargs) -> None:
    if sender in caching.WATCHED_THROUGH:
        caching.invalidate()


@receiver([page_published, page_unpublished], dispatch_uid="purge-affected")
def purge_page_and_its_listings(sender, instance, **kwargs) -> None:
    purging.purge_affected(sender, instance, **kwargs)


TRANSLATORS = "Translators"


@receiver(post_save, dispatch_uid="roles-translators-new-language")
def let_translators_edit_a_new_language(sender, instance, created, **kwargs) -> None:
    """A new language's home page (a page just under the root, not in the default language)
    gives the Translators group page editing on it, so on that language's whole tree, as the
    roles migration did for the languages that existed then. Wagtail's page permissions know no
    languages: a tree's top page is where a language begins."""
    if kwargs.get("raw") or not (created and isinstance(instance, Page) and instance.depth == 2):
        return
    if instance.locale.language_code == settings.LANGUAGE_CODE:
        return
    group = Group.objects.filter(name=TRANSLATORS).first()
    if group is not None:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=instance,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename="change_page"
            ),
        )
