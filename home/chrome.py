"""The site chrome (navigation, footer, notice, footer links) for one site and language.

Every page needs it and it changes only when an editor publishes, so it is kept in the
content cache (home/caching.py) and rebuilt after any change.
"""

from __future__ import annotations

from django.utils.translation import get_language
from wagtail.models import Locale, Page
from wagtail.rich_text import expand_db_html

from home.caching import cached, watch
from home.models import (
    Audience,
    Borough,
    DriverOfChange,
    FooterText,
    NoticeBanner,
    Principle,
    Sector,
    SiteSettings,
)

# The shared snippets readers see: changing any of them refreshes every cached page part.
watch(FooterText, NoticeBanner, SiteSettings, Principle, DriverOfChange, Audience, Sector, Borough)


def get_chrome(site, language_code: str | None = None) -> dict:
    """Navigation, footer and notice for the site in the reader's language, from the cache."""
    language_code = language_code or get_language()
    return cached(f"site:{site.pk}:{language_code}", lambda: build_chrome(site, language_code))


def _localized_live(pages, locale) -> dict[int, Page]:
    """Map each page's id to its live translation in `locale` (or itself), in one query."""
    keys = {page.translation_key: page for page in pages if page}
    found = {
        page.translation_key: page
        for page in Page.objects.live().filter(translation_key__in=keys, locale=locale)
    }
    return {page.id: found.get(key, page) for key, page in keys.items()}


def build_chrome(site, language_code: str) -> dict:
    try:
        locale = Locale.objects.get_for_language(language_code)
    except Locale.DoesNotExist:
        locale = Locale.get_default()
    home = (
        site.root_page.get_translations(inclusive=True).filter(locale=locale).first()
        or site.root_page
    )
    navigation = [
        {"title": page.title, "url": page.get_url(), "path": page.url_path}
        for page in home.get_children().live().in_menu().filter(locale=locale)
    ]
    settings = SiteSettings.for_site(site)
    footer_pages = [settings.privacy_page, settings.accessibility_page, settings.cookies_page]
    localized = _localized_live(footer_pages, locale)
    footer_links = [
        {"title": localized[page.id].title, "url": localized[page.id].get_url()}
        for page in footer_pages
        if page and page.live
    ]
    footer = (
        FooterText.objects.filter(locale=locale, live=True).first()
        or FooterText.objects.filter(locale=Locale.get_default(), live=True).first()
    )
    notice = NoticeBanner.objects.filter(locale=locale, live=True, is_enabled=True).first()
    search_page = (
        home.get_children().live().filter(locale=locale, content_type__model="searchpage").first()
    )
    return {
        "home_url": home.get_url(),
        "home_path": home.url_path,
        "navigation": navigation,
        "footer_links": footer_links,
        "footer": {
            "support_heading": footer.support_heading,
            "support_html": expand_db_html(footer.support_text),
            "about_html": expand_db_html(footer.about_text),
        }
        if footer
        else None,
        "notice": {"level": notice.level, "html": expand_db_html(notice.message)}
        if notice
        else None,
        "search_url": search_page.get_url() if search_page else "",
        "organisation_name": settings.organisation_name,
        "contact_email": settings.contact_email,
        "contact_phone": settings.contact_phone,
        "social_links": settings.social_links(),
    }
