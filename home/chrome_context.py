"""The chrome context: what every page's frame shows (navigation, footer, notice, footer links,
contact details) for one site in the reader's language, as the dict templates read as `chrome`.

Every page needs it and it changes only when an editor publishes, so it is kept in the
content cache (home/caching.py) and rebuilt after any change. The models it reads are the
site-wide settings and snippets in home/models/site_wide.py.
"""

from __future__ import annotations

from django.utils.translation import get_language
from wagtail.models import Locale
from wagtail.rich_text import expand_db_html

from home.caching import cached
from home.models import FooterText, NoticeBanner, SiteSettings


def get_chrome(site) -> dict:
    """Navigation, footer and notice for the site in the reader's language, from the cache."""
    return cached(f"site:{site.pk}:{get_language()}", lambda: build_chrome(site))


def build_chrome(site) -> dict:
    """The chrome of `site` in the active language (Locale.get_active, default as fallback)."""
    locale = Locale.get_active()
    home = site.root_page.localized
    navigation = [
        {"title": page.title, "url": page.get_url(), "path": page.url_path}
        for page in home.get_children().live().in_menu().filter(locale=locale)
    ]
    settings = SiteSettings.for_site(site)
    footer_pages = [settings.privacy_page, settings.accessibility_page, settings.cookies_page]
    footer_links = [
        {"title": shown.title, "url": shown.get_url()}
        for shown in (page.localized for page in footer_pages if page and page.live)
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
