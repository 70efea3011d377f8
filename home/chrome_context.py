"""The chrome context: what every page's frame shows (navigation, footer, notice, footer links,
contact details) for one site in the reader's language, as the dict templates read as `chrome`.

Every page needs it and it changes only when an editor publishes, so it is kept in the
content cache (home/caching.py) and rebuilt after any change. The models it reads are the
site-wide settings and snippets in home/models/site_wide.py; they are looked up in the app
registry rather than imported, since page models (home.articles) read the organisation from here.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import get_language
from wagtail.models import Locale, Site
from wagtail.rich_text import expand_db_html

from home import images
from home.caching import cached

# The publisher's logo in schema.org data: within what search engines show.
LOGO_SPEC = "max-600x600"


def get_chrome(site) -> dict:
    """Navigation, footer and notice for the site in the reader's language, from the cache."""
    return cached(f"site:{site.pk}:{get_language()}", lambda: build_chrome(site))


def organisation(request=None) -> dict:
    """The organisation that runs the site, named in the active language (the footer text's
    name in that language, else the site settings'): `name`, and `logo` (a
    dict of url, width and height, or None) and `contact_email`. Read from the cached chrome of the request's site
    (the default site without a request), so pages pay no query for it once the chrome is cached.
    """
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    chrome = get_chrome(site) if site is not None else {}
    return {
        "name": chrome.get("organisation_name", ""),
        "logo": chrome.get("organisation_logo"),
        "contact_email": chrome.get("contact_email", ""),
    }


def _logo(image) -> dict | None:
    """The organisation's logo as search engines are given it, or None (none set, or the
    rendition cannot be made)."""
    logo = images.rendition(image, LOGO_SPEC)
    if logo is None:
        return None
    return {"url": logo.full_url, "width": logo.width, "height": logo.height}


def _footer_links(settings, footer) -> list[dict]:
    """The footer's links in the reader's language: the privacy, accessibility and cookies pages
    the settings name, then the footer text's own links, each page only while it is live."""
    links = [
        {"title": shown.title, "url": shown.get_url(), "is_external": False}
        for shown in (
            page.localized
            for page in (settings.privacy_page, settings.accessibility_page, settings.cookies_page)
            if page and page.live
        )
    ]
    for block in footer.links if footer else []:
        link = block.value
        page = link.get("page")
        if page is not None:
            shown = page.localized
            if shown.live:
                links.append(
                    {
                        "title": link.get("label") or shown.title,
                        "url": shown.get_url(),
                        "is_external": False,
                    }
                )
        elif link.get("external_url") and link.get("label"):
            links.append({"title": link["label"], "url": link["external_url"], "is_external": True})
    return links


def build_chrome(site, draft=None) -> dict:
    """The chrome of `site` in the active language (Locale.get_active, default as fallback).
    `draft`, an unsaved footer text or notice banner, is shown in place of the live one, for
    its preview in the admin; such a chrome is never cached."""
    locale = Locale.get_active()
    home = site.root_page.localized
    navigation = [
        {"title": page.title, "url": page.get_url(), "path": page.url_path}
        for page in home.get_children().live().in_menu().filter(locale=locale)
    ]
    settings = apps.get_model("home", "SiteSettings").for_site(site)
    FooterText = apps.get_model("home", "FooterText")
    NoticeBanner = apps.get_model("home", "NoticeBanner")
    default_quick_exit = settings._meta.get_field("quick_exit_url").default
    footer = (
        draft
        if isinstance(draft, FooterText)
        else (
            FooterText.objects.filter(locale=locale, live=True).first()
            or FooterText.objects.filter(locale=Locale.get_default(), live=True).first()
        )
    )
    notice = (
        draft
        if isinstance(draft, NoticeBanner)
        else NoticeBanner.objects.filter(locale=locale, live=True, is_enabled=True).first()
    )
    search_page = (
        home.get_children().live().filter(locale=locale, content_type__model="searchpage").first()
    )
    return {
        "home_url": home.get_url(),
        "home_path": home.url_path,
        "navigation": navigation,
        "footer_links": _footer_links(settings, footer),
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
        # The footer text's name for the organisation in this language, else the settings'.
        "organisation_name": (footer.organisation_name if footer else "")
        or settings.organisation_name,
        "organisation_logo": _logo(settings.organisation_logo)
        if settings.organisation_logo_id
        else None,
        "quick_exit_url": settings.quick_exit_url or default_quick_exit,
        "quick_exit_is_default": (settings.quick_exit_url or default_quick_exit)
        == default_quick_exit,
        # Which page types show 'Exit this page' unless a page decides (SitePage.shows_quick_exit).
        "quick_exit_page_types": list(settings.quick_exit_page_types or []),
        "contact_email": settings.contact_email,
        "contact_phone": settings.contact_phone,
        "social_links": settings.social_links(),
    }
