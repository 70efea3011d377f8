"""Articles: Atom feeds and schema.org Article data shared by case studies, reports and news."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language

from home import images
from home.chrome_context import organisation
from home.examples import labelled


def _as_datetime(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time(9, 0)))


def atom_response(
    request, *, title: str, link: str, description: str, language: str, items: list[dict]
) -> HttpResponse:
    """An Atom feed response. Each item is a dict of title, link, description, date and
    optional categories, author and is_example_content (example entries carry the label in
    their title and summary, since feed readers show nothing else)."""
    feed = Atom1Feed(
        title=title,
        link=link,
        description=description or title,
        language=language,
        feed_url=request.build_absolute_uri(),
    )
    for item in items:
        feed.add_item(
            title=labelled(item["title"], item),
            link=item["link"],
            description=labelled(item.get("description") or "", item),
            unique_id=item["link"],
            updateddate=_as_datetime(item.get("date")),
            pubdate=_as_datetime(item.get("date")),
            categories=item.get("categories") or (),
            author_name=item.get("author") or None,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def publisher_json_ld(request=None) -> dict:
    """The organisation that runs the site, as schema.org publisher: its name and, when the
    site settings have one, its logo (both from the cached chrome)."""
    found = organisation(request)
    publisher: dict = {"@type": "GovernmentOrganization", "name": found["name"]}
    if found["logo"]:
        publisher["logo"] = {"@type": "ImageObject", **found["logo"]}
    return publisher


def article_json_ld(page, request, *, description: str, published=None, author=None) -> dict:
    """Schema.org Article data for a page (written by templates/components/json_ld.html)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.seo_title or page.title,
        "description": labelled(description or "", page),
        "url": page.get_full_url(request),
        "inLanguage": get_language(),
        "publisher": publisher_json_ld(request),
    }
    published = published or page.first_published_at
    if published:
        data["datePublished"] = published.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if author:
        data["author"] = {"@type": "Organization", "name": author}
    # The same rendition the Open Graph tags use, so it is made once and reused; left out
    # when it cannot be made.
    share = images.rendition(page.sharing_image, "fill-1200x630")
    if share is not None:
        data["image"] = share.full_url
    return data


if TYPE_CHECKING:
    # To the type checker the mixin is a page (it is only ever mixed into one), so `summary`,
    # `first_published_at` and `super().get_context` are known; at run time it stays a plain
    # class, as the migrations that name it as a base expect.
    from wagtail.models import Page as _ArticleBase
else:
    _ArticleBase = object


class ArticleMixin(_ArticleBase):
    """For pages that are articles: Open Graph type 'article' and Article JSON-LD in the page
    context. Pages say what goes in it through the article_* methods."""

    def article_description(self) -> str:
        return self.summary

    def article_published(self):
        return self.first_published_at

    def article_author(self, request=None) -> str:
        return ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["og_type"] = "article"
        context["json_ld"] = article_json_ld(
            self,
            request,
            description=self.article_description(),
            published=self.article_published(),
            author=self.article_author(request),
        )
        return context
