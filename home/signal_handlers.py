"""The shared app's signal handlers, connected by importing this module in HomeConfig.ready.

- The content cache (home/caching.py) is forgotten when a page is published, unpublished,
  moved or deleted, and when a model an app `watch`es (or its many-to-many tags) changes,
  including wagtail-localize's translation records (for the out-of-date translation notice).
- The cache in front of the site (Varnish or a CDN) is purged after the commit of what each
  change shows on (home/purging.py): a page published, unpublished, moved or deleted and the
  pages listing it; the whole site for the shared snippets and terms (`purges_site`); the
  listings for the models apps register with `purges_listings`.
- Translators may edit each new language's page tree (the roles: home/migrations/0004).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move
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

# The shared snippets readers see, on every page (the footer, the banner, glossary links in body
# text, the terms' names on cards and filters): a change refreshes every cached page part and
# purges the whole site from the cache in front.
SHOWN_ON_EVERY_PAGE = (
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
caching.watch(*SHOWN_ON_EVERY_PAGE)
purging.purges_site(*SHOWN_ON_EVERY_PAGE)
# Submitting a page for translation, syncing it and stopping a synced translation save these:
# whether a translated page shows the "translated from an earlier version" notice
# (home/translations.py) can change with them, without a publish.
caching.watch(Translation, TranslationSource)
# Images: cached cards and fragments hold their renditions' addresses, which change when an
# editor moves an image's focal point or replaces its file (the old renditions are deleted).
# Renditions themselves are not watched: readers' requests make them.
caching.watch(get_image_model())
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
    purging.page_published_or_unpublished(instance)


@receiver(post_page_move, dispatch_uid="purge-moved")
def purge_moved_page(sender, instance, url_path_before, url_path_after, **kwargs) -> None:
    purging.page_moved(instance, url_path_before, url_path_after)


@receiver(page_slug_changed, dispatch_uid="purge-slug-changed")
def purge_renamed_page(sender, instance, instance_before, **kwargs) -> None:
    purging.page_moved(instance, instance_before.url_path, instance.url_path)


@receiver(post_delete, dispatch_uid="purge-deleted")
def purge_deleted_page_or_model(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        purging.page_deleted(instance)
    elif sender in purging.SITE_WIDE_MODELS or sender in purging.LISTING_MODELS:
        purging.model_changed(sender)


@receiver(post_save, dispatch_uid="purge-saved")
def purge_saved_model(sender, update_fields=None, **kwargs) -> None:
    if sender in purging.SITE_WIDE_MODELS or sender in purging.LISTING_MODELS:
        purging.model_changed(sender, update_fields)


@receiver(m2m_changed, dispatch_uid="purge-tags-changed")
def purge_retagged_model(sender, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        purging.model_changed(sender)


TRANSLATORS = "Translators"


@receiver(post_migrate, dispatch_uid="refresh-after-migrate")
def migrated(sender, **kwargs) -> None:
    """`migrate` ran, as every deploy runs it. Data migrations save through historical models,
    which no handler here sees, and a deploy may change templates: every cached page is
    refreshed, in the app's caches and in front of the site. (Sent once per app: home's is
    enough.)"""
    if sender.label != "home":
        return
    caching.invalidate()
    purging.site_changed()


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
