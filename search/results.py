"""What one search finds, across every kind of content readers can open: pages (grouped into
case studies, events, news, reports, the roadmap and other pages), recommendations, documents
(with the text inside their PDFs) and glossary terms, plus the results editors promote.

Every kind is searched in the index of the site's search backend (Wagtail's database backend:
SQLite's FTS5 or PostgreSQL's full-text search), through search/matches.py, which ranks the
matches in the database and keeps at most a fixed number of the best of each type. The number
of queries depends on the number of kinds, never on how much content there is or how many
results match:

- the matches and counts: two queries for each source (pages of every type at once,
  recommendations, documents, glossary terms), made once per search;
- the results shown of one kind: one query, then the shown pages' own fields (one query per
  page type among them) to write their excerpts.

Models of other apps are named by string (`apps.get_model`), as this app imports only `home`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.utils import normalise_query_string

from home.caching import cached
from home.models import GlossaryTerm
from search import highlight, matches
from search.highlight import excerpt
from search.matches import Matches

OPERATOR = "and"
StrOrPromise = str | Promise


@dataclass(frozen=True)
class Kind:
    """A type of result readers can narrow the results to."""

    slug: str
    label: StrOrPromise
    source: str = "pages"  # pages, recommendations, documents or glossary
    page_types: tuple[str, ...] = ()  # "app_label.model" of the page types it holds


KINDS: tuple[Kind, ...] = (
    Kind("case-studies", _("Case studies"), page_types=("casestudies.casestudypage",)),
    Kind("events", _("Events"), page_types=("events.eventpage",)),
    Kind("news", _("News"), page_types=("home.newspage",)),
    Kind("reports", _("Research and reports"), page_types=("casestudies.reportpage",)),
    Kind(
        "roadmap",
        _("Roadmap stages, actions and questions"),
        page_types=(
            "roadmap.roadmapstagepage",
            "roadmap.roadmappage",
            "roadmap.selfassessmentpage",
        ),
    ),
    Kind("recommendations", _("Recommendations"), source="recommendations"),
    Kind("documents", _("Documents"), source="documents"),
    Kind("glossary", _("Glossary"), source="glossary"),
    Kind("pages", _("Other pages")),  # every other page type
)
KINDS_BY_SLUG = {kind.slug: kind for kind in KINDS}
OTHER_PAGES = "pages"


@dataclass(frozen=True)
class Counts:
    """How many results of each kind one search has (by kind slug), and the kinds whose count
    is a floor: they had more matches than a search keeps (matches.BEST_PER_TYPE a type)."""

    by_kind: dict[str, int]
    at_least: frozenset[str] = frozenset()

    def __getitem__(self, slug: str) -> int:
        return self.by_kind[slug]

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())


@dataclass
class Result:
    """One result as the search page shows it."""

    title: str
    url: str
    excerpt: SafeString
    kind: Kind
    detail: str = ""  # e.g. "Question to reflect on", or a document's type and size
    is_example_content: bool = False
    lang: str = ""  # set when the result is not in the reader's language
    promoted: bool = False
    extra: dict = field(default_factory=dict)


def _page_type_ids(labels: Iterable[str]) -> set[int]:
    models = [apps.get_model(label) for label in labels if _model_exists(label)]
    return {ct.pk for ct in ContentType.objects.get_for_models(*models).values()}


def _model_exists(label: str) -> bool:
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


def _kind_of_page_type(content_type_id: int) -> str:
    for kind in KINDS:
        if kind.page_types and content_type_id in _page_type_ids(kind.page_types):
            return kind.slug
    return OTHER_PAGES


def _raw_strings(data, into: list[str]) -> list[str]:
    """The sentences in a StreamField's stored data, read without loading its blocks (which
    would fetch the pages, images and documents they choose)."""
    if isinstance(data, str):
        if " " in data.strip() and not data.startswith(("http", "/")):
            into.append(highlight.plain(data))
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in ("type", "id"):
                _raw_strings(value, into)
    elif isinstance(data, list | tuple):
        for value in data:
            _raw_strings(value, into)
    return into


def _list_items(items) -> list[str]:
    """A ListBlock's stored items, in either of Wagtail's formats."""
    return [item["value"] if isinstance(item, dict) else item for item in items or []]


def _stage_passages(page) -> list[tuple[str, str, StrOrPromise]]:
    """A stage's actions and reflective questions: (text, anchor on the stage page, label)."""
    passages: list[tuple[str, str, StrOrPromise]] = []
    for block in page.actions.raw_data:
        value = block.get("value") or {}
        audience = value.get("audience", "")
        for action in _list_items(value.get("actions")):
            passages.append((action, f"actions-{audience}", _("Action")))
    for number, block in enumerate(page.reflective_questions.raw_data, start=1):
        passages.append((block.get("value", ""), f"question-{number}", _("Question to reflect on")))
    return passages


def page_passages(page) -> list[tuple[str, str, StrOrPromise]]:
    """The texts a page's excerpt can come from, in the order readers meet them: its
    summary and introduction, a stage's actions and questions, then its body."""
    passages: list[tuple[str, str, StrOrPromise]] = []
    for name in ("search_description", "listing_summary", "introduction", "summary"):
        value = getattr(page, name, "")
        if isinstance(value, str) and value.strip():
            passages.append((value, "", ""))
    if page._meta.label_lower == "roadmap.roadmapstagepage":
        passages.extend(_stage_passages(page))
    for name in ("body", "description", "content"):
        value = getattr(page, name, None)
        raw = getattr(value, "raw_data", None)
        if raw is not None:
            passages.extend((text, "", "") for text in _raw_strings(list(raw), []))
        elif isinstance(value, str) and value.strip():
            passages.append((highlight.plain(value), "", ""))
    return passages


def specific_pages(content_types: dict[int, int]) -> dict[int, Page]:
    """The pages' own rows, by id, from their ids and content types: one query per page
    type among them."""
    by_type: dict[int, list[int]] = {}
    for pk, content_type_id in content_types.items():
        by_type.setdefault(content_type_id, []).append(pk)
    found: dict[int, Page] = {}
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:
            found.update((page.pk, page) for page in model._default_manager.filter(pk__in=ids))
    return found


class SiteSearch:
    """One reader's search in one language."""

    def __init__(self, query: str, locale: Locale, request=None) -> None:
        self.query = query
        self.locale = locale
        self.request = request
        self.pattern = highlight.terms_pattern(query)
        self._found: dict[str, Matches] = {}
        self._page_kinds: dict[str, list[int]] = {}  # a page kind's slug -> its ids
        self._page_type_kinds: dict[int, str] = {}  # a page type -> its kind's slug

    # --- what is searched -------------------------------------------------------------------

    @cached_property
    def _public_pages(self):
        # public() reads the view restrictions once, when the queryset is made: made once.
        search_page = apps.get_model("search", "SearchPage")
        return (
            Page.objects.live()
            .public()
            .filter(locale=self.locale)
            .exclude(content_type=ContentType.objects.get_for_model(search_page))
        )

    def _recommendations(self):
        model = apps.get_model("roadmap", "Recommendation")
        return model.objects.filter(live=True, locale=self.locale)

    def _glossary(self):
        return GlossaryTerm.objects.filter(live=True, locale=self.locale)

    @cached_property
    def _visible_documents(self):
        document_text = apps.get_model("search", "DocumentText")
        return document_text.objects.visible().select_related("document")

    def _queryset(self, source: str):
        if source == "recommendations":
            return self._recommendations()
        if source == "glossary":
            return self._glossary()
        if source == "documents":
            return self._visible_documents.all()
        return self._public_pages.all()

    def _matches(self, source: str) -> Matches:
        """The matches of one source, best first: found once per search (two queries)."""
        if source not in self._found:
            self._found[source] = matches.find(self.query, self._queryset(source), OPERATOR)
        return self._found[source]

    # --- counts -----------------------------------------------------------------------------

    def counts(self) -> Counts:
        """How many results of each kind, in the order of KINDS, and the kinds with more
        matches than a search keeps of a type (their counts are a floor)."""
        by_kind = {kind.slug: len(self.search(kind)) for kind in KINDS}
        at_least = {kind.slug for kind in KINDS if self._capped(kind)}
        return Counts(by_kind, frozenset(at_least))

    def _capped(self, kind: Kind) -> bool:
        capped = self._matches(kind.source).capped
        if kind.source != "pages":
            return bool(capped)
        return any(self._kind_of(content_type) == kind.slug for content_type in capped)

    def _kind_of(self, content_type_id: int) -> str:
        """The kind of a page type, worked out once per search."""
        if content_type_id not in self._page_type_kinds:
            self._page_type_kinds[content_type_id] = _kind_of_page_type(content_type_id)
        return self._page_type_kinds[content_type_id]

    # --- results ----------------------------------------------------------------------------

    def search(self, kind: Kind) -> list[int]:
        """The ids of the results of one kind, best first (slice it to show one page)."""
        found = self._matches(kind.source)
        if kind.source != "pages":
            return found.ids
        if kind.slug not in self._page_kinds:
            self._page_kinds[kind.slug] = [
                pk for pk in found.ids if self._kind_of(found.content_types[pk]) == kind.slug
            ]
        return self._page_kinds[kind.slug]

    def results(self, kind: Kind, ids: Iterable[int]) -> list[Result]:
        """`ids` (one slice of `search(kind)`) as results to show, in their order: one query
        (for pages, one per page type among them)."""
        ids = list(ids)
        if not ids:
            return []
        if kind.source == "pages":
            # Already checked as visible by this search: each page's own row, by its type.
            types = self._matches(kind.source).content_types
            pages = specific_pages({pk: types[pk] for pk in ids})
            return [self._page(pages[pk], kind) for pk in ids if pk in pages]
        found = self._queryset(kind.source).in_bulk(ids)
        items = [found[pk] for pk in ids if pk in found]
        if kind.source == "recommendations":
            return [self._recommendation(item, kind) for item in items]
        if kind.source == "glossary":
            return [self._term(item, kind) for item in items]
        return [self._document(item, kind) for item in items]

    def _page(self, page, kind: Kind) -> Result:
        passages = page_passages(page)
        texts = [text for text, _anchor, _label in passages]
        position = highlight.first_match(texts, self.pattern)
        chosen = passages[position] if position is not None else (passages or [("", "", "")])[0]
        text, anchor, label = chosen
        url = page.get_url(self.request) or ""
        return Result(
            title=page.title,
            url=f"{url}#{anchor}" if anchor else url,
            excerpt=excerpt(text, self.pattern),
            kind=kind,
            detail=str(label),
            is_example_content=bool(getattr(page, "is_example_content", False)),
        )

    def _roadmap_url(self) -> str:
        def build() -> str:
            roadmap = (
                apps.get_model("roadmap", "RoadmapPage")
                .objects.live()
                .filter(locale=self.locale)
                .order_by("path")
                .first()
            )
            return f"{roadmap.url}recommendations/" if roadmap else ""

        return cached(f"search:recommendations-url:{self.locale.pk}", build)

    def _recommendation(self, item, kind: Kind) -> Result:
        listing = self._roadmap_url()
        return Result(
            title=item.title,
            url=f"{listing}#{item.anchor}" if listing else "",
            excerpt=excerpt(item.body, self.pattern, markup=True),
            kind=kind,
            is_example_content=item.is_example_content,
        )

    def _term(self, item, kind: Kind) -> Result:
        glossary = GlossaryTerm.glossary_in(self.locale)
        title = f"{item.term} ({item.abbreviation})" if item.abbreviation else item.term
        return Result(
            title=title,
            url=f"{glossary['url']}#term-{item.slug}" if glossary["url"] else "",
            excerpt=excerpt(item.definition, self.pattern, markup=True),
            kind=kind,
            is_example_content=item.is_example_content,
        )

    def _document(self, item, kind: Kind) -> Result:
        document = item.document
        return Result(
            title=document.title,
            url=document.url,
            excerpt=excerpt(item.text, self.pattern) if item.text else SafeString(""),
            kind=kind,
            detail=(document.file_extension or "").upper(),
            extra={"size": document.file_size},
        )

    # --- promotions -------------------------------------------------------------------------

    def promoted(self) -> list[Result]:
        """The results editors promoted for this search (Wagtail's search promotions), in
        their order, in the reader's language where the page is translated. Two queries."""
        promotions = list(
            SearchPromotion.objects.filter(query__query_string=normalise_query_string(self.query))
            .select_related("page", "page__locale")
            .order_by("sort_order")
        )
        keys = [p.page.translation_key for p in promotions if p.page_id]
        local = {
            page.translation_key: page
            for page in (
                Page.objects.live().public().filter(locale=self.locale, translation_key__in=keys)
                if keys
                else []
            )
        }
        results = []
        other = KINDS_BY_SLUG[OTHER_PAGES]
        for promotion in promotions:
            if not promotion.page_id:
                results.append(
                    Result(
                        title=promotion.title,
                        url=promotion.link,
                        excerpt=excerpt(promotion.description, None),
                        kind=other,
                        promoted=True,
                    )
                )
                continue
            page = local.get(promotion.page.translation_key)
            lang = ""
            if page is None:
                # Not translated (or not live) in the reader's language: the promoted page
                # itself, marked as in its own language, if readers can see it.
                if not (promotion.page.live and promotion.page.locale_id != self.locale.pk):
                    continue
                page, lang = promotion.page, promotion.page.locale.language_code
            results.append(
                Result(
                    title=page.title,
                    url=page.get_url(self.request) or "",
                    excerpt=excerpt(promotion.description or page.search_description, None),
                    kind=other,
                    lang=lang,
                    promoted=True,
                )
            )
        return results
