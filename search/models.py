"""Site search: one page per language that searches everything readers can open in that
language (search/results.py), and the text inside documents it searches."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, CollectionViewRestriction, Locale
from wagtail.search import index

from home.caching import cached
from home.listing import cached_page
from home.models import SitePage
from search import document_text, matches
from search.results import KINDS, KINDS_BY_SLUG, SiteSearch

RESULTS_PER_PAGE = 10
# Results of each kind shown when the reader has not chosen one.
RESULTS_PER_SECTION = 3
MAX_QUERY_LENGTH = 200
# Characters the search engines treat as syntax (SQLite's FTS5 fails on quotes and brackets):
# everything but letters, digits, spaces, apostrophes, hyphens and combining marks becomes a
# space. Combining marks (Unicode category M) belong to the letter before them: Arabic vowel
# signs and the shadda, or an accent typed as a separate character, must not split a word.
QUERY_SYNTAX = re.compile(r"[^\w\s'-]")


def _syntax_to_space(match: re.Match) -> str:
    return match.group() if unicodedata.category(match.group()).startswith("M") else " "


def clean_query(text: str) -> str:
    """The words a reader searched for, without search syntax, at most MAX_QUERY_LENGTH long."""
    return " ".join(QUERY_SYNTAX.sub(_syntax_to_space, text).split())[:MAX_QUERY_LENGTH]


class SearchPage(SitePage):
    """The search page. Editors can change its title and introduction; results are automatic."""

    introduction = models.TextField(max_length=300, blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("introduction")]
    lists_content = True  # purged with every publish (home/purging.py)
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("search page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = clean_query(request.GET.get("q", ""))
        context["query"] = query
        if query:
            context.update(search_context(query, request))
        return context


class DocumentTextQuerySet(models.QuerySet):
    def visible(self) -> DocumentTextQuerySet:
        """Only documents readers may open without signing in: none from a collection with a
        view restriction, or inside one (one query for the restricted collections)."""
        restricted = Collection.objects.filter(
            pk__in=CollectionViewRestriction.objects.values("collection_id")
        ).values_list("path", flat=True)
        hidden = models.Q()
        for path in restricted:
            hidden |= models.Q(document__collection__path__startswith=path)
        return self.exclude(hidden) if hidden else self.all()


class DocumentText(index.Indexed, models.Model):
    """A document's title and the text inside it (PDFs), kept for site search. Written when
    the document is saved (search/signal_handlers.py) or by `manage.py
    extract_document_text`; editors never edit it."""

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="search_text"
    )
    title = models.CharField(max_length=255, blank=True)
    text = models.TextField(blank=True)
    file_hash = models.CharField(max_length=40, blank=True)
    problem = models.CharField(
        max_length=40, blank=True, help_text="Why there is no text: too large or unreadable."
    )

    objects = DocumentTextQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("text"),
        index.FilterField("document"),
    ]

    class Meta:
        verbose_name = _("document text")

    def __str__(self) -> str:
        return self.title

    @classmethod
    def refresh(cls, document, *, force: bool = False) -> DocumentText:
        """Bring `document`'s text up to date: its title always, the text inside its file when
        the file changed (or when `force`). A file that cannot be read leaves no text."""
        record = cls.objects.filter(document=document).first()
        file_hash = document.file_hash or ""
        if record is None:
            record = cls(document=document)
        elif not force and file_hash and record.file_hash == file_hash:
            if record.title != document.title:
                record.title = document.title
                record.save(update_fields=["title"])
            return record
        record.title = document.title
        record.text, record.problem = document_text.extract(document)
        record.file_hash = file_hash
        record.save()
        return record


def default_language_code() -> str:
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def search_context(query: str, request) -> dict:
    """The search page's context for `query`: counts per kind, the chosen kind's results (or
    a few of each kind), promoted results, and English results when there are none in the
    reader's language.

    Kept in the content cache by language, words, kind and page until the next change an
    editor makes, so a search read again (a popular one, a link shared) costs two queries; a
    new search is ranked in the database, which gives back at most a fixed number of the best
    matches of each type of content (search/matches.py), however much content matches it."""
    locale = Locale.get_active()
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    search = SiteSearch(query, locale, request)
    counts = cached(f"search:counts:{locale.pk}:{digest}", search.counts)
    context: dict = {"fallback": False}
    if not counts.total and locale.language_code != default_language_code():
        default = Locale.get_default()
        search = SiteSearch(query, default, request)
        counts = cached(f"search:counts:{default.pk}:{digest}", search.counts)
        context["fallback"] = bool(counts.total)
        context["fallback_language"] = default.language_code
    key = f"search:{search.locale.pk}:{digest}"
    chosen = KINDS_BY_SLUG.get(request.GET.get("type", ""))
    context["kinds"] = [(kind, counts[kind.slug]) for kind in KINDS]
    context["chosen_kind"] = chosen
    context["at_least"] = counts.at_least
    context["best_per_type"] = matches.BEST_PER_TYPE
    context["total_count"] = counts.total
    context["result_count"] = counts[chosen.slug] if chosen else counts.total
    context["result_count_at_least"] = (
        chosen.slug in counts.at_least if chosen else bool(counts.at_least)
    )
    if chosen:
        context["results"] = cached_page(
            request,
            f"{key}:{chosen.slug}",
            lambda: search.search(chosen),
            RESULTS_PER_PAGE,
            shown=lambda page: search.results(chosen, page.object_list),
        )
    else:
        context["promoted"] = cached(f"{key}:promoted", search.promoted)
        context["sections"] = cached(
            f"{key}:sections",
            lambda: [
                (kind, count, search.results(kind, search.search(kind)[:RESULTS_PER_SECTION]))
                for kind, count in context["kinds"]
                if count
            ],
        )
    return context
