"""A search costs the same number of queries with a few matching items as with many: the
counts are one query per kind of content, and each kind shows a bounded number of results."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casestudies.documents import make_document, make_pdf
from casestudies.factories import CaseStudyPageFactory, ReportDocumentFactory
from events.factories import EventPageFactory
from home.factories import GlossaryPageFactory, GlossaryTermFactory, StandardPageFactory
from roadmap.factories import RecommendationFactory, RoadmapStagePageFactory
from search.factories import SearchPageFactory
from search.results import KINDS

pytestmark = pytest.mark.django_db

# Queries of a search page with results, once warm, whatever it finds. Each view makes the
# search page's own row (its route and privacy come from the content cache, as every page's:
# tests/benchmarks/test_page_budgets.py), the reader's locale, the pages' view restrictions,
# the documents' restricted collections, and the counts (one facet over the pages' types, one
# count each for recommendations, documents and glossary terms): 9. Then:
# - one kind chosen: its paginated count, its results, and their pages' own rows (one query
#   per page type among them; none for recommendations, documents and terms): 10 or 11;
# - everything: the promotions, and for each kind found its first results and their pages'
#   own rows: here 20, with eight of the nine kinds found.
BASE_QUERIES = 9
ONE_KIND_QUERIES = BASE_QUERIES + 2
EVERYTHING_QUERIES = 20
WORD = "harbour"


def add_items(number: int, start: int = 0) -> None:
    for n in range(start, start + number):
        CaseStudyPageFactory(title=f"Harbour case study {n}", summary=f"The {WORD}.")
        EventPageFactory(title=f"Harbour walk {n}", summary=f"By the {WORD}.")
        StandardPageFactory(title=f"Harbour page {n}", introduction=f"About the {WORD}.")
        RecommendationFactory(title=f"Harbour recommendation {n}", body=f"<p>{WORD}</p>")
        GlossaryTermFactory(term=f"harbour term {n}", definition=f"<p>A {WORD}.</p>")
        document = make_document(
            f"Document {n}", f"doc-{n}.pdf", make_pdf(f"Document {n}", [f"The {WORD} plan."])
        )
        ReportDocumentFactory(document=document)
    RoadmapStagePageFactory(
        title=f"Stage {start}", reflective_questions=[("question", f"Which {WORD}?")]
    )


def warm_queries(client, params: dict) -> int:
    assert client.get("/en-gb/search/", params).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en-gb/search/", params)
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_search_queries_do_not_grow_with_content_or_results(client):
    SearchPageFactory()
    GlossaryPageFactory()
    add_items(1)
    views = [{"q": WORD}] + [{"q": WORD, "type": kind.slug} for kind in KINDS]
    few = {str(view): warm_queries(client, view) for view in views}
    add_items(14, start=1)
    many = {str(view): warm_queries(client, view) for view in views}
    assert many == few
    everything = many.pop(str(views[0]))
    assert everything == EVERYTHING_QUERIES
    assert max(many.values()) <= ONE_KIND_QUERIES, many
