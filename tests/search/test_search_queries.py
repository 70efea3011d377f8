"""A search costs the same number of queries with a few matching items as with many: each
source (pages, recommendations, documents, glossary terms) is matched in two queries, and each
kind shows a bounded number of results."""

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

# Queries of a new search (the page warm, the search not yet in the content cache), whatever
# it finds. Each view makes the search page's own row (its route and privacy come from the
# content cache, as every page's: tests/benchmarks/test_page_budgets.py) and the reader's
# locale. Then:
# - everything: for each of the four sources, its matches in the index and which of them
#   readers may see (8), the pages' view restrictions and the documents' restricted
#   collections (2), the promotions, each kind's first results (one query for each page type
#   among them), and (first after a change) where the glossary and the recommendations
#   listing are: here 25, with eight of the nine kinds found;
# - one kind chosen, its counts already kept by the search above: its source's matches and
#   which of them readers may see (2), the view restrictions or restricted collections, and
#   the page of results (one query; pages: one for each page type among them): at most 6.
EVERYTHING_QUERIES = 25
ONE_KIND_QUERIES = 6
REPEATED_QUERIES = 2
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


def queries(client, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/en-gb/search/", params)
    assert response.status_code == 200
    return len(captured.captured_queries)


def new_and_repeated(client, params: dict) -> tuple[int, int]:
    """Queries of a search no one has made since the last change (the page itself warm), and
    of the same search made again."""
    assert client.get("/en-gb/search/", {**params, "q": "warm-up"}).status_code == 200
    return queries(client, params), queries(client, params)


def test_search_queries_do_not_grow_with_content_or_results(client):
    SearchPageFactory()
    GlossaryPageFactory()
    add_items(1)
    views = [{"q": WORD}] + [{"q": WORD, "type": kind.slug} for kind in KINDS]
    few = {str(view): new_and_repeated(client, view) for view in views}
    add_items(14, start=1)
    many = {str(view): new_and_repeated(client, view) for view in views}
    assert many == few, (few, many)
    new = {view: counted[0] for view, counted in many.items()}
    everything = new.pop(str(views[0]))
    assert everything == EVERYTHING_QUERIES
    assert max(new.values()) == ONE_KIND_QUERIES, new
    # The same search again comes from the content cache until the next change: the search
    # page's own row and the reader's locale, whatever it finds.
    assert {counted[1] for counted in many.values()} == {REPEATED_QUERIES}
