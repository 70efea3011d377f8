"""The matches of one search in one kind of content, ranked, with a bounded amount of work.

Wagtail's database backend keeps the index (an entry per object: its title and body, in
SQLite's FTS5 table or PostgreSQL's tsvector columns) and turns the reader's words into the
database's query and ranking (bm25 on SQLite, ts_rank on PostgreSQL). Its own search joins
every object that may be shown to the index and ranks each with a subquery: on SQLite that
reads the index once per object of the model, so a search's time grew with the content.

Here the index is read first, and once, from its newest entries back:

1. the newest CANDIDATES entries that match, with their rank (one query; SQLite's FTS5 walks
   its index in that order and stops there);
2. which of them readers may see: the caller's queryset, filtered to those ids (one query);
3. sorted best first in Python, ties newest first, as Wagtail orders them.

So a search costs two queries per kind of content, and reads at most CANDIDATES entries
however much matches. A search with more matches than that ranks its newest CANDIDATES, and
says its counts are "at least" (`Matches.complete`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.expressions import CombinedExpression
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import get_descendants_content_types_pks

# At most this many matching index entries of one kind of content are read and ranked.
CANDIDATES = 2_000


@dataclass
class Matches:
    """What one search found in one queryset: the ids readers may see, best first."""

    ids: list[int] = field(default_factory=list)
    content_types: dict[int, int] = field(default_factory=dict)  # id -> its content type
    complete: bool = True  # False: more than CANDIDATES matched, and only those were ranked

    def of_types(self, content_types: set[int], exclude: bool = False) -> list[int]:
        """The ids whose content type is (or, with `exclude`, is not) one of these."""
        return [pk for pk in self.ids if (self.content_types.get(pk) in content_types) != exclude]


def find(query: str, queryset: QuerySet, operator: str = "and") -> Matches:
    """The objects of `queryset` that match `query`, best first (at most CANDIDATES read)."""
    backend = get_search_backend()
    compiler = backend.query_compiler_class(queryset, query, operator=operator)
    candidates = _candidates(backend, compiler, queryset.model)
    if not candidates:
        return Matches()
    to_python = queryset.model._meta.pk.to_python
    by_id = {
        to_python(object_id): (rank, content_type) for object_id, content_type, rank in candidates
    }
    visible = [
        pk for (pk,) in _rows(queryset.filter(pk__in=list(by_id)).order_by().values_list("pk"))
    ]
    ids = sorted(visible, key=lambda pk: (-by_id[pk][0], -pk))
    return Matches(
        ids=ids,
        content_types={pk: by_id[pk][1] for pk in ids},
        complete=len(candidates) < CANDIDATES,
    )


def _candidates(backend, compiler, model) -> list[tuple[str, int, float]]:
    """(object id, content type, rank: higher is better) of the newest matching entries."""
    content_types = get_descendants_content_types_pks(model)
    if connection.vendor == "sqlite":
        return _sqlite_candidates(backend, compiler, content_types)
    if connection.vendor == "postgresql":
        return _postgres_candidates(backend, compiler, content_types)
    raise NotImplementedError(f"Site search needs SQLite or PostgreSQL, not {connection.vendor}.")


def _sqlite_candidates(backend, compiler, content_types) -> list[tuple[str, int, float]]:
    # Wagtail's own pieces: its query parser, MATCH expression and bm25 rank. bm25 is lower
    # for better matches, so the rank is negated. Ordering by the FTS table's rowid makes
    # SQLite read the FTS index first (newest first) and stop at CANDIDATES. (Imported here:
    # the FTS model exists only when the database is SQLite.)
    from wagtail.search.backends.database.sqlite.query import (
        MatchExpression,
        normalize,
    )
    from wagtail.search.models import SQLiteFTSIndexEntry

    config = compiler.get_config(backend)
    search_query = compiler.build_search_query(normalize(compiler.query), config=config)
    rank = compiler._build_rank_expression(compiler.get_search_vectors(), config)
    rows = (
        SQLiteFTSIndexEntry.objects.filter(MatchExpression(compiler.FTS_TABLE_FIELDS, search_query))
        .filter(index_entry__content_type__in=content_types)
        .annotate(rank=-rank)
        .order_by("-pk")
        .values_list("index_entry__object_id", "index_entry__content_type_id", "rank")
    )
    return _rows(rows[:CANDIDATES])


def _postgres_candidates(backend, compiler, content_types) -> list[tuple[str, int, float]]:
    # As Wagtail's PostgreSQL search: the title and body vectors combined, matched against
    # its tsquery, ranked with its ts_rank expression (higher is better).
    from wagtail.search.models import IndexEntry

    config = compiler.get_config(backend)
    search_query = compiler.build_tsquery(compiler.query, config=config)
    vectors = [(F("title"), F("title_norm")), (F("body"), 1.0)]
    rank = compiler._build_rank_expression(vectors, config)
    rows = (
        IndexEntry.objects.filter(content_type__in=content_types)
        .annotate(_vector_=CombinedExpression(F("title"), "||", F("body")))
        .filter(_vector_=search_query)
        .annotate(rank=rank)
        .order_by("-pk")
        .values_list("object_id", "content_type_id", "rank")
    )
    return _rows(rows[:CANDIDATES])


def _rows(values: QuerySet) -> list[tuple]:
    """The rows of a values_list() queryset as the database driver gives them: up to
    CANDIDATES of them, so without Django's conversion of each value (plain numbers and text
    here), which took most of a search's time."""
    sql, params = values.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
