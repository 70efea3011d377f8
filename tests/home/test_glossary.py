"""The glossary: terms as reviewed, translatable snippets, the glossary page that lists them,
and the link a term's first use in body text gets (home/glossary.py)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import WorkflowContentType
from wagtail.search.backends import get_search_backend
from wagtail.test.utils.form_data import rich_text

from home.factories import (
    GlossaryPageFactory,
    GlossaryTermFactory,
    StandardPageFactory,
    home_page,
    translate,
)
from home.glossary import mark_terms
from home.models import GlossaryPage, GlossaryTerm

pytestmark = pytest.mark.django_db


class Links(HTMLParser):
    """The glossary links of a page: (href, the element inside, its title, its text)."""

    def __init__(self):
        super().__init__()
        self.links: list[dict] = []
        self._current: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "glossary-term" in (attrs.get("class") or ""):
            self._current = {"href": attrs["href"], "inner": None, "title": None, "text": ""}
            self.links.append(self._current)
        elif self._current is not None and tag in ("dfn", "abbr"):
            self._current["inner"], self._current["title"] = tag, attrs.get("title")

    def handle_endtag(self, tag):
        if tag == "a":
            self._current = None

    def handle_data(self, data):
        if self._current is not None:
            self._current["text"] += data


def glossary_links(html: str) -> list[dict]:
    parser = Links()
    parser.feed(html)
    return parser.links


def body(*paragraphs: str) -> list[tuple[str, str]]:
    return [("paragraph", paragraph) for paragraph in paragraphs]


@pytest.fixture
def glossary():
    """An English glossary page under the home page, with two live terms."""
    page = GlossaryPageFactory(parent=home_page())
    aces = GlossaryTermFactory(
        term="Adverse Childhood Experiences",
        abbreviation="ACEs",
        definition="<p>Stressful or traumatic events in childhood.</p>",
        source="London VRU, Trauma Informed Research",
    )
    informed = GlossaryTermFactory(
        term="trauma-informed",
        variants="trauma informed",
        definition="<p>Practice that assumes people may have experienced trauma.</p>",
    )
    return page, aces, informed


# --- The glossary page -------------------------------------------------------------------------


def test_the_glossary_page_lists_live_terms_alphabetically_with_anchors(client, glossary):
    page, aces, informed = glossary
    GlossaryTermFactory(term="Borough", definition="<p>A London council area.</p>")
    html = client.get(page.url).content.decode()
    assert '<dt id="term-adverse-childhood-experiences">' in html
    assert '<abbr title="Adverse Childhood Experiences">ACEs</abbr>' in html
    assert "Stressful or traumatic events in childhood." in html
    assert "Source: London VRU, Trauma Informed Research" in html
    order = [html.index(f'id="term-{slug}"') for slug in (aces.slug, "borough", informed.slug)]
    assert order == sorted(order)
    assert 'href="#letter-1"' in html and 'id="letter-1"' in html  # the A to Z jump list


def test_a_draft_term_is_not_shown_nor_linked(client, glossary):
    page, _aces, _informed = glossary
    draft = GlossaryTerm.objects.create(
        term="system leader", definition="<p>Not yet approved.</p>", live=False
    )
    draft.save_revision()
    article = StandardPageFactory(body=body("<p>Every system leader counts.</p>"))
    assert "term-system-leader" not in client.get(page.url).content.decode()
    assert glossary_links(client.get(article.url).content.decode()) == []


def test_an_example_term_is_labelled_as_an_example(client, glossary):
    page, _aces, _informed = glossary
    GlossaryTermFactory(term="implementer", is_example_content=True)
    html = client.get(page.url).content.decode()
    entry = html[html.index('id="term-implementer"') :]
    assert 'class="example-label"' in entry[: entry.index("</dt>")]


def test_one_glossary_page_per_language():
    home = home_page()
    assert GlossaryPage.can_create_at(home)
    GlossaryPageFactory(parent=home)
    assert not GlossaryPage.can_create_at(home)


# --- First use in body text --------------------------------------------------------------------


def test_the_first_use_on_a_page_is_linked_and_the_next_is_not(client, glossary):
    page, _aces, _informed = glossary
    article = StandardPageFactory(
        body=body(
            "<p>Being Trauma-Informed matters. Trauma-informed again.</p>",
            "<p>Research on ACEs, and ACEs again; Adverse Childhood Experiences too.</p>",
        )
    )
    links = glossary_links(client.get(article.url).content.decode())
    assert links == [
        {
            "href": f"{page.url}#term-trauma-informed",
            "inner": "dfn",
            "title": None,
            "text": "Trauma-Informed",
        },
        {
            "href": f"{page.url}#term-adverse-childhood-experiences",
            "inner": "abbr",
            "title": "Adverse Childhood Experiences",
            "text": "ACEs",
        },
    ]


def test_terms_inside_links_headings_and_code_are_left_alone(client, glossary):
    _page, _aces, _informed = glossary
    article = StandardPageFactory(
        body=[
            ("heading", {"text": "Why trauma-informed practice", "level": "h2"}),
            (
                "paragraph",
                '<p><a href="https://example.org/">trauma-informed guide</a> and '
                "<code>ACEs</code>, then trauma informed work.</p>",
            ),
        ]
    )
    html = client.get(article.url).content.decode()
    links = glossary_links(html)
    assert [link["text"] for link in links] == ["trauma informed"]
    assert "<h2" in html and "Why trauma-informed practice</h2>" in html
    assert '<a href="https://example.org/">trauma-informed guide</a>' in html


def test_only_whole_words_in_text_are_matched_and_html_is_kept(glossary):
    _page, _aces, _informed = glossary
    english = GlossaryPage.objects.get().locale_id
    html = (
        '<p title="trauma-informed">aces, ACEsX and non-trauma-informed-ish &amp; '
        '<img alt="ACEs" src="/x.png"> &lt;ACEs&gt;</p>'
    )
    marked = str(mark_terms(html, english))
    assert marked.startswith('<p title="trauma-informed">aces, ACEsX and non-trauma-informed-ish')
    assert '<img alt="ACEs" src="/x.png">' in marked
    assert "&amp;" in marked and "&lt;" in marked
    assert [link["text"] for link in glossary_links(marked)] == ["ACEs"]


def test_an_abbreviation_matches_as_written_and_its_plural(glossary):
    GlossaryTermFactory(term="Integrated Care Board", abbreviation="ICB")
    english = GlossaryPage.objects.get().locale_id
    links = glossary_links(str(mark_terms("<p>icb, Icbs and London's ICBs; ICB.</p>", english)))
    assert [(link["inner"], link["title"], link["text"]) for link in links] == [
        ("abbr", "Integrated Care Board", "ICBs")
    ]


def test_without_a_glossary_page_nothing_is_linked(client):
    GlossaryTermFactory(term="trauma-informed")
    article = StandardPageFactory(body=body("<p>Being trauma-informed.</p>"))
    assert glossary_links(client.get(article.url).content.decode()) == []


# --- Languages ---------------------------------------------------------------------------------


def test_arabic_pages_use_arabic_terms_and_the_arabic_glossary(client, glossary):
    page, aces, _informed = glossary
    arabic_page = translate(page, title="مسرد المصطلحات")
    translate(
        aces,
        term="تجارب الطفولة الضارة",
        abbreviation="",
        definition="<p>أحداث مرهقة أو صادمة في الطفولة.</p>",
    )
    article = StandardPageFactory(body=body("<p>About ACEs.</p>"))
    arabic_article = translate(
        article, body=body("<p>Some ACEs here, وتجارب الطفولة الضارة هنا.</p>")
    )
    with translation.override("ar"):
        listing = client.get(arabic_page.url).content.decode()
        links = glossary_links(client.get(arabic_article.url).content.decode())
    assert "تجارب الطفولة الضارة" in listing
    assert "أحداث مرهقة أو صادمة في الطفولة." in listing
    assert "trauma-informed" not in listing  # not translated: not in the Arabic glossary
    assert arabic_page.url.startswith("/ar/")
    # Only the term is linked, not the "and" (و) Arabic writes joined to it.
    assert links == [
        {
            "href": f"{arabic_page.url}#term-{aces.slug}",
            "inner": "dfn",
            "title": None,
            "text": "تجارب الطفولة الضارة",
        }
    ]


# --- Publishing --------------------------------------------------------------------------------


def test_publishing_a_term_updates_pages_at_once(client, glossary):
    page, _aces, _informed = glossary
    article = StandardPageFactory(body=body("<p>Every system leader counts.</p>"))
    assert glossary_links(client.get(article.url).content.decode()) == []
    term = GlossaryTerm.objects.create(
        term="system leader", definition="<p>A senior leader.</p>", live=False
    )
    term.save_revision().publish()
    assert [link["text"] for link in glossary_links(client.get(article.url).content.decode())] == [
        "system leader"
    ]
    assert "A senior leader." in client.get(page.url).content.decode()
    term.definition = "<p>Someone who sets strategy.</p>"
    term.save_revision().publish()
    assert "Someone who sets strategy." in client.get(page.url).content.decode()


def test_terms_go_through_the_moderators_approval_workflow():
    workflow = WorkflowContentType.objects.get(content_type__model="glossaryterm").workflow
    assert workflow.name == "Moderators approval"


def test_editors_submit_terms_and_moderators_publish_them():
    from django.contrib.auth.models import Group

    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    moderators = set(
        Group.objects.get(name="Moderators").permissions.values_list("codename", flat=True)
    )
    assert {"add_glossaryterm", "change_glossaryterm"} <= editors
    assert "publish_glossaryterm" not in editors
    assert {"add_glossaryterm", "change_glossaryterm", "publish_glossaryterm"} <= moderators


# --- Cost --------------------------------------------------------------------------------------


def warm_queries(client, url: str) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_number_of_terms(client, glossary):
    page, _aces, _informed = glossary
    article = StandardPageFactory(
        body=body("<p>ACEs and trauma-informed.</p>", "<p>More trauma-informed text.</p>")
    )
    before = (warm_queries(client, article.url), warm_queries(client, page.url))
    for number in range(8):
        GlossaryTermFactory(term=f"extra term {number}")
    article_after, page_after = warm_queries(client, article.url), warm_queries(client, page.url)
    assert (article_after, page_after) == before
    html = client.get(page.url).content.decode()
    assert len(re.findall(r'<dt id="term-', html)) == 10


# --- The admin ---------------------------------------------------------------------------------


def test_editors_add_terms_as_drafts_and_find_them_in_the_list(client, editor, glossary):
    page, _aces, _informed = glossary
    client.force_login(editor)
    add = reverse("wagtailsnippets_home_glossaryterm:add")
    assert client.get(add).status_code == 200
    response = client.post(
        add,
        {
            "term": "Young People's Action Group",
            "abbreviation": "",
            "expansion": "",
            "definition": rich_text("<p>Young people who advise the VRU.</p>"),
            "variants": "",
            "slug": "",
            "source": "",
        },
    )
    assert response.status_code == 302
    term = GlossaryTerm.objects.get(term="Young People's Action Group")
    assert term.slug == "young-peoples-action-group"
    assert not term.live  # a draft until it is published
    assert "Young People" not in client.get(page.url).content.decode()
    listing = client.get(reverse("wagtailsnippets_home_glossaryterm:list"), {"q": "ACEs"})
    assert "Adverse Childhood Experiences" in listing.content.decode()


def test_a_full_form_without_an_abbreviation_is_refused_with_a_clear_message(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("wagtailsnippets_home_glossaryterm:add"),
        {
            "term": "Violence Reduction Unit",
            "abbreviation": "",
            "expansion": "Violence Reduction Unit",
            "definition": rich_text("<p>A team.</p>"),
            "variants": "",
            "slug": "",
            "source": "",
        },
    )
    assert response.status_code == 200
    assert "Add the abbreviation this is the full form of" in response.content.decode()
    assert not GlossaryTerm.objects.exists()


def test_terms_are_found_by_wagtail_search(glossary):
    found = get_search_backend().search("Childhood", GlossaryTerm.objects.filter(live=True))
    assert [term.slug for term in found] == ["adverse-childhood-experiences"]
