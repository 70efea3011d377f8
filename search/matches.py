"""The matches of one search in one source of content, ranked, with a bounded amount of
work.

Wagtail's database backend keeps the index (an entry per object: its title and body, in
SQLite's FTS5 table or PostgreSQL's tsvector columns) and turns the reader's words into the
database's query and ranking (bm25 on SQLite, ts_rank on PostgreSQL). Its own search joins
every object that may be shown to the index and ranks each with a subquery: on SQLite that
read the index once per object of the model, so a search's time grew with the content.

Here the index is read first, and once, in two queries per source:

1. the best BEST_PER_TYPE matches of each content type, with their rank: the database ranks
   every match inside its own full-text search (FTS5's bm25, ts_rank, as Wagtail ranks them)
   and numbers them within their type, and only the best leave it;
2. of those, the ones readers may see: the caller's queryset, filtered to their ids;

then they are sorted best first (ties newest first), as Wagtail orders them.

So whatever matches, a search turns at most BEST_PER_TYPE matches of each content type into
Python values and checks only those for readers; every type keeps its own best, so a kind
with weaker matches is never crowded out by another. A type with more matches than that
keeps its best, and its count says "at least" (`Matches.capped`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BigIntegerField, BooleanField, F, QuerySet
from django.db.models.expressions import CombinedExpression, RawSQL
from django.db.models.functions import Cast
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import get_descendants_content_types_pks

# At most this many matches of one content type (the best) are kept, counted and shown.
BEST_PER_TYPE = 200


@dataclass
class Matches:
    """What one search found in one queryset: the ids readers may see, best first."""

    ids: list[int] = field(default_factory=list)
    content_types: dict[int, int] = field(default_factory=dict)  # id -> its content type
    # Content types with more than BEST_PER_TYPE matches: only their best were kept.
    capped: set[int] = field(default_factory=set)


def find(query: str, queryset: QuerySet, operator: str = "and") -> Matches:
    """The objects of `queryset` that match `query`, best first (at most BEST_PER_TYPE of
    each content type)."""
    backend = get_search_backend()
    compiler = backend.query_compiler_class(queryset, query, operator=operator)
    sql, params = best_per_type_sql(backend, compiler, queryset.model)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # One more than kept was asked for of each type: a type that has it has more matches.
    capped = {ct for _oid, ct, _rank, number in rows if number > BEST_PER_TYPE}
    candidates = [(oid, ct, rank) for oid, ct, rank, number in rows if number <= BEST_PER_TYPE]
    if not candidates:
        return Matches()
    # What readers may see of them, looked up by their ids at once: a list of at most
    # BEST_PER_TYPE numbers a type, which the database checks in one pass whatever its
    # statistics say. (A join, or a lookup per match, was planned as a scan of every page
    # per match by a PostgreSQL whose statistics were out of date after a bulk import.)
    visible = queryset.filter(_pk_among(queryset.model, [oid for oid, _ct, _rank in candidates]))
    shown = {pk for (pk,) in _rows(visible.order_by().values_list("pk"))}
    ranked = sorted(
        (row for row in candidates if row[0] in shown), key=lambda row: (-row[2], -row[0])
    )
    return Matches(
        ids=[oid for oid, _ct, _rank in ranked],
        content_types={oid: ct for oid, ct, _rank in ranked},
        capped=capped,
    )


def best_per_type_sql(backend, compiler, model) -> tuple[str, tuple]:
    """The SQL, and its parameters, of the best BEST_PER_TYPE + 1 matches of each content
    type of `model` (and its subclasses): oid, ct, rank and their number within their type.
    The matches are read once (a materialized CTE, so that SQLite's bm25 stays inside its
    full-text query), then numbered by rank within their type."""
    candidates_sql, params = _candidates(backend, compiler, model).query.sql_with_params()
    sql = (
        f"WITH m AS MATERIALIZED ({candidates_sql}) "  # noqa: S608 - SQL that Django compiled
        "SELECT oid, ct, rank, number FROM (SELECT oid, ct, rank, ROW_NUMBER() OVER "
        "(PARTITION BY ct ORDER BY rank DESC, oid DESC) AS number FROM m) numbered "
        "WHERE number <= %s"
    )
    return sql, (*params, BEST_PER_TYPE + 1)


def _pk_among(model, ids: list[int]) -> RawSQL:
    """`model`'s primary key among `ids`, written directly: the ids are numbers read from the
    index, and Django's `pk__in` prepares each one, which took longer than the query. (The
    column is named with the queryset's own table, as Django names it.) PostgreSQL is given
    them as one array."""
    table, column = (connection.ops.quote_name(model._meta.db_table), model._meta.pk.column)
    column = f"{table}.{connection.ops.quote_name(column)}"
    if connection.vendor == "postgresql":
        return RawSQL(f"{column} = ANY(%s)", [ids], output_field=BooleanField())  # noqa: S611
    placeholders = ", ".join(["%s"] * len(ids))
    return RawSQL(f"{column} IN ({placeholders})", ids, output_field=BooleanField())  # noqa: S611


def _rows(values: QuerySet) -> list[tuple]:
    """The rows of a values() queryset as the database driver gives them (plain numbers), so
    without Django's conversion of each value."""
    sql, params = values.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _candidates(backend, compiler, model) -> QuerySet:
    """The matching entries of `model` (and its subclasses), best first, as oid (the
    object's id), ct (its content type) and rank (higher is better)."""
    content_types = get_descendants_content_types_pks(model)
    if connection.vendor == "sqlite":
        return _sqlite_candidates(backend, compiler, content_types)
    if connection.vendor == "postgresql":
        return _postgres_candidates(backend, compiler, content_types)
    raise NotImplementedError(f"Site search needs SQLite or PostgreSQL, not {connection.vendor}.")


def _sqlite_candidates(backend, compiler, content_types) -> QuerySet:
    # Wagtail's own pieces: its query parser, MATCH expression and bm25 rank. bm25 is lower
    # for better matches, so the rank is negated. Ordered by the FTS table's rowid, SQLite
    # starts from the FTS index and looks each match's entry up by its id; unordered, with one
    # content type, it walked that type's entries and searched the FTS index for each
    # (tests/search/test_search_ranking.py checks the plan).
    # (Imported here: the FTS model exists only when the database is SQLite.)
    from wagtail.search.backends.database.sqlite.query import MatchExpression, normalize
    from wagtail.search.models import SQLiteFTSIndexEntry

    config = compiler.get_config(backend)
    search_query = compiler.build_search_query(normalize(compiler.query), config=config)
    rank = compiler._build_rank_expression(compiler.get_search_vectors(), config)
    return (
        SQLiteFTSIndexEntry.objects.filter(MatchExpression(compiler.FTS_TABLE_FIELDS, search_query))
        .filter(index_entry__content_type__in=content_types)
        .values(
            oid=Cast("index_entry__object_id", BigIntegerField()),
            ct=F("index_entry__content_type_id"),
            rank=-rank,
        )
        .order_by("-pk")
    )


def _postgres_candidates(backend, compiler, content_types) -> QuerySet:
    # As Wagtail's PostgreSQL search: the title and body vectors combined, matched against
    # its tsquery, ranked with its ts_rank expression (higher is better).
    from wagtail.search.models import IndexEntry

    config = compiler.get_config(backend)
    search_query = compiler.build_tsquery(compiler.query, config=config)
    vectors = [(F("title"), F("title_norm")), (F("body"), 1.0)]
    rank = compiler._build_rank_expression(vectors, config)
    return (
        IndexEntry.objects.filter(content_type__in=content_types)
        .annotate(_vector_=CombinedExpression(F("title"), "||", F("body")))
        .filter(_vector_=search_query)
        .values(oid=Cast("object_id", BigIntegerField()), ct=F("content_type_id"), rank=rank)
    )
