"""News: the index of articles, with its Atom feed, and the articles themselves."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.articles import ArticleMixin, atom_response
from home.blocks import BaseStoryBlock
from home.models.base import SitePage

NEWS_PER_PAGE = 10


class NewsIndexPage(RoutablePageMixin, SitePage):
    """Lists the programme's news, newest first, with a tag filter and an Atom feed."""

    introduction = models.TextField(max_length=600, blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("introduction")]
    lists_content = True  # purged with every publish (home/purging.py)
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index page")

    def get_cached_paths(self):
        return ["/", "/feed/"]

    def articles(self, tag: str = ""):
        articles = NewsPage.objects.child_of(self).live().order_by("-date", "-pk")
        if tag:
            articles = articles.filter(tags__slug=tag)
        return articles

    @path("")
    def index_route(self, request):
        tag = request.GET.get("tag", "")[:100]
        paginator = Paginator(self.articles(tag), NEWS_PER_PAGE)
        return self.render(
            request,
            context_overrides={
                "articles": paginator.get_page(request.GET.get("page")),
                "tag": tag,
                "is_filtered": bool(request.GET),
                "feed_url": self.get_url(request) + self.reverse_subpage("feed_route"),
            },
        )

    @path("feed/")
    def feed_route(self, request):
        return atom_response(
            request,
            title=self.title,
            link=self.get_full_url(request),
            description=self.introduction or self.summary,
            language=self.locale.language_code,
            items=[
                {
                    "title": article.title,
                    "link": article.get_full_url(request),
                    "description": article.summary,
                    "date": article.date,
                    "author": article.author,
                    "is_example_content": article.is_example_content,
                }
                for article in self.articles()[:20]
            ],
        )


class NewsPageTag(TaggedItemBase):
    """Links a news article to a tag."""

    content_object = ParentalKey(
        "home.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(ArticleMixin, SitePage):
    """A news article: what happened, when and who wrote it."""

    date = models.DateField(default=timezone.localdate, help_text=_("The date the news is from."))
    author = models.CharField(
        max_length=150,
        blank=True,
        verbose_name=_("author or team"),
        help_text=_("Who wrote it, e.g. 'VRU Trauma-Informed Practice team'."),
    )
    tags = ClusterTaggableManager(
        through=NewsPageTag,
        blank=True,
        help_text=_("A few words readers can use to find related news, e.g. 'research'."),
    )
    body = StreamField(BaseStoryBlock(), blank=True)

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("date"),
        FieldPanel("author"),
        FieldPanel("tags"),
        FieldPanel("body"),
    ]
    override_translatable_fields = [
        *SitePage.override_translatable_fields,
        TranslatableField("body"),
        TranslatableField("author"),
        SynchronizedField("date"),
        SynchronizedField("tags"),
    ]
    search_fields = [*SitePage.search_fields, index.SearchField("body")]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news article")

    @classmethod
    def newest(cls):
        """Live, public articles, newest first (the home page's "News")."""
        return cls.objects.live().public().select_related("listing_image").order_by("-date", "-pk")

    def article_published(self):
        return self.date

    def article_author(self, request=None) -> str:
        return self.author

    def _siblings(self):
        return (
            NewsPage.objects.sibling_of(self, inclusive=False)
            .live()
            .only("title", "url_path", "path", "depth", "locale_id", "date")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        siblings = self._siblings()
        # Newer and older by date, ties broken by id. Callables: they run only when the cached
        # fragment that shows them is rebuilt.
        newer = models.Q(date__gt=self.date) | models.Q(date=self.date, pk__gt=self.pk)
        older = models.Q(date__lt=self.date) | models.Q(date=self.date, pk__lt=self.pk)
        context["newer"] = lambda: siblings.filter(newer).order_by("date", "pk").first()
        context["older"] = lambda: siblings.filter(older).order_by("-date", "-pk").first()
        context["article_tags"] = lambda: list(self.tags.all())
        # The index is this page's parent: its address is this page's minus the last segment.
        url = self.get_url(request) or ""
        context["news_index_url"] = url[: url.rstrip("/").rfind("/") + 1]
        return context
