"""Template tags for the site shell, loaded as builtins in every template."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import get_language
from wagtail.models import Page, Site

from home import caching, chrome_context, glossary, images, json_ld, spam, translations
from home.examples import is_example, labelled

register = template.Library()


@register.simple_tag(takes_context=True)
def get_chrome(context) -> dict:
    """Navigation, footer and notice for this site and language (cached; see home/chrome_context.py).
    A snippet's preview in the admin gives its own, with the unsaved footer or notice in place."""
    if preview := context.get("preview_chrome"):
        return preview
    request = context.get("request")
    site = Site.find_for_request(request) if request else Site.objects.get(is_default_site=True)
    if site is None:
        return {}
    return chrome_context.get_chrome(site)


@register.simple_tag
def shows_quick_exit(page, chrome) -> bool:
    """Whether this page shows the 'Exit this page' button: its own choice, or its type's
    default from the site settings (in the cached chrome, so it costs no query)."""
    decide = getattr(page, "shows_quick_exit", None)
    if decide is None:
        return False
    return decide((chrome or {}).get("quick_exit_page_types", ()))


@register.simple_tag(takes_context=True)
def language_links(context, page=None) -> list[dict]:
    """One entry per site language: the same page in that language where it exists, or that
    language's home page, marked with whether it is the same page and whether it is current."""
    current = get_language()
    translated_urls = {}
    if isinstance(page, Page) and page.pk:
        request = context.get("request")
        translated_urls = caching.cached(
            f"translations:{page.pk}",
            lambda: {
                translation.locale.language_code: translation.get_url(request)
                for translation in page.get_translations(inclusive=True)
                .live()
                .select_related("locale")
            },
        )
    links = []
    for code, name in settings.LANGUAGES:
        url = translated_urls.get(code) or f"/{code}/"
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "is_current": code == current,
                "is_same_page": code in translated_urls,
                "dir": "rtl" if code in settings.RTL_LANGUAGES else "ltr",
            }
        )
    return links


@register.simple_tag(takes_context=True)
def stale_translation(context, page=None) -> dict:
    """The current source page, when `page` is a translation made from an earlier version of it
    (home/translations.py); empty otherwise. Cached: no query once warm."""
    return translations.stale_source_link(page, context.get("request"))


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page) -> list[dict]:
    """Title and address of the page's ancestors from its language's home page down."""
    if not isinstance(page, Page) or not page.pk or page.depth <= 2:
        return []
    request = context.get("request")
    return caching.cached(
        f"breadcrumbs:{page.pk}",
        lambda: [
            {"title": ancestor.title, "url": ancestor.get_url(request)}
            for ancestor in page.get_ancestors().filter(depth__gte=2)
        ],
    )


@register.filter
def is_current_section(nav_path: str, page) -> bool:
    """True where the page is the navigation item or below it."""
    return isinstance(page, Page) and bool(nav_path) and (page.url_path or "").startswith(nav_path)


@register.simple_tag
def content_generation() -> int:
    """The content cache's generation: lets a `{% wagtailpagecache %}` fragment that shows
    other pages (related items, previous/next) refresh as soon as anything is published."""
    return caching.current_generation()


@register.filter
def anchor(value) -> str:
    """An id for a heading that works in every script: Arabic headings keep their letters
    (Django's `slugify` filter drops them, leaving an empty, duplicated id)."""
    return slugify(str(value), allow_unicode=True) or "section"


@register.inclusion_tag("components/example_label.html")
def example_label(item) -> dict:
    """The example label for a card or list item whose details are invented (home/examples.py)."""
    return {"is_example": is_example(item)}


@register.filter(name="labelled")
def labelled_filter(text, item) -> str:
    """Plain text with the example label in front when `item` is example content (for
    descriptions shown off the page: search engines, shared links)."""
    return labelled(str(text), item) if text else text


@register.simple_tag
def rendition(image, spec: str):
    """`{% rendition image "fill-480x270 format-webp" as photo %}{% if photo %}<img ...>`: the
    one way templates show an image; None (image left out) when it cannot be made."""
    return images.rendition(image, spec)


@register.simple_tag
def srcset_rendition(image, spec: str, **attrs):
    """Wagtail's srcset_image tag, through the one image helper: `{% srcset_rendition image
    "width-{800,1200} format-webp" sizes="..." alt=... as photo %}{% if photo %}{{ photo }}`
    renders an <img> with a srcset of every width; None (image left out) when it cannot be made."""
    return images.responsive(image, spec, attrs)


@register.filter(name="json_ld")
def json_ld_filter(data) -> str:
    """Structured data as safe script text (the one JSON-LD helper: home/json_ld.py)."""
    return json_ld.as_script_text(data) if data else ""


@register.simple_tag(takes_context=True)
def spam_fields(context, form_name: str):
    """The honeypot and signed time stamp every public form carries (home/spam.py)."""
    request = context.get("request")
    posted = request.POST if request is not None and request.method == "POST" else None
    return spam.fields(form_name, posted)


@register.simple_tag(takes_context=True)
def glossary_terms(context, html):
    """Rendered rich text with the first use on this page of each glossary term linked to the
    glossary page of the page's language (home/glossary.py). No query once warm, and the terms
    are read from the cache once per page, not once per block."""
    page = context.get("page")
    locale_id = getattr(page, "locale_id", None)
    if not isinstance(page, Page) or not locale_id:
        return html
    request = context.get("request")
    if request is None:
        return glossary.mark_terms(html, locale_id)
    # This request's glossary state per page: what it has linked so far.
    pages = request.__dict__.setdefault("page_glossaries", {})
    key = (page.pk, locale_id)
    if key not in pages:
        pages[key] = glossary.PageGlossary(locale_id)
    return pages[key].mark(html)
