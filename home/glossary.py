"""Glossary links in body text: the first time a page uses a glossary term, it links to the
term on that language's glossary page, as
`<a class="glossary-term" href="…#term-aces"><abbr title="Adverse Childhood Experiences">ACEs</abbr></a>`
(an abbreviation) or `<a …><dfn>trauma-informed</dfn></a>` (a term).

The rich text HTML is read with the standard library's HTML parser and written back as it
came, except for the text between tags: only text is ever matched, never tags or attributes,
and never text inside a link, a heading, an existing abbr or dfn, code, or a form control.
The terms come from the content cache (GlossaryTerm.glossary_in) and their pattern is compiled
once per set of terms, so marking up costs no query. Matching is case-insensitive and whole
word for terms and their variants; abbreviations match as written, or with a plural s (so
'ICB' matches 'ICBs', and 'ACEs' never matches 'aces').
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape
from html.parser import HTMLParser

from django.utils.safestring import SafeString, mark_safe

from home.models import GlossaryTerm

# Text inside these is left as it is: links cannot hold links, headings make the outline, and
# the rest is code, a form control or already marked up.
SKIPPED = frozenset(
    {
        "a",
        "abbr",
        "dfn",
        "code",
        "pre",
        "kbd",
        "samp",
        "var",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "summary",
        "button",
        "label",
        "select",
        "option",
        "textarea",
        "script",
        "style",
        "svg",
        "math",
        "template",
        "title",
    }
)
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
# A whole word: no letter, digit or hyphen just before it, and no letter, digit or
# hyphenated word part just after it ("VRU's" matches VRU, "VRU-led" does not).
BEFORE, AFTER = r"(?<![\w-])", r"(?![\w]|-\w)"
# Arabic writes "and", "so", "with", "for" and "like" as one letter joined to the next word
# ("وهيئات" is "and boards"): in Arabic a term may also start just after one of them, when that
# letter starts the word.
ARABIC_PROCLITICS = "وفبلك"
BEFORE_ARABIC = rf"(?:{BEFORE}|(?<=[{ARABIC_PROCLITICS}])(?<![\w-][{ARABIC_PROCLITICS}]))"


@lru_cache(maxsize=16)
def _pattern(
    entries: tuple[tuple[str, tuple[str, ...], str], ...], arabic: bool = False
) -> re.Pattern[str] | None:
    """One pattern for a language's terms: group `t<i>` is the i-th term's words (any case),
    `a<i>` its abbreviation (as written). Longer forms are tried first."""
    alternatives: list[tuple[int, str]] = []
    for number, (term, variants, abbreviation) in enumerate(entries):
        words = sorted({term, *variants} - {""}, key=len, reverse=True)
        if words:
            body = "|".join(re.escape(escape(word, quote=False)) for word in words)
            alternatives.append((max(map(len, words)), f"(?P<t{number}>{body})"))
        if abbreviation:
            # As written, and its plural ("ICBs") unless it already ends in s ("ACEs").
            plural = "" if abbreviation.endswith("s") else "s?"
            written = re.escape(escape(abbreviation, quote=False))
            alternatives.append((len(abbreviation), f"(?P<a{number}>(?-i:{written}{plural}))"))
    if not alternatives:
        return None
    alternatives.sort(key=lambda item: item[0], reverse=True)
    body = "|".join(alternative for _length, alternative in alternatives)
    before = BEFORE_ARABIC if arabic else BEFORE
    return re.compile(f"{before}(?:{body}){AFTER}", re.IGNORECASE)


def _entries(terms: list[dict]) -> tuple[tuple[str, tuple[str, ...], str], ...]:
    return tuple((term["term"], tuple(term["variants"]), term["abbreviation"]) for term in terms)


class _Marker(HTMLParser):
    """Writes the HTML back unchanged, but for glossary terms in text outside skipped tags."""

    def __init__(self, pattern: re.Pattern[str], terms: list[dict], url: str, seen: set[str]):
        super().__init__(convert_charrefs=False)  # text stays as written (already escaped)
        self.pattern, self.terms, self.url, self.seen = pattern, terms, url, seen
        self.out: list[str] = []
        self.open: list[str] = []  # the elements we are inside
        self.skipping = 0  # how many of them are SKIPPED

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text() or "")
        if tag in VOID:
            return
        self.open.append(tag)
        if tag in SKIPPED:
            self.skipping += 1

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag not in self.open:
            return  # a stray end tag: the browser ignores it, and so do we
        while self.open:
            closed = self.open.pop()
            if closed in SKIPPED:
                self.skipping -= 1
            if closed == tag:
                break

    def handle_data(self, data):
        self.out.append(data if self.skipping else self._mark(data))

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")

    def _mark(self, text: str) -> str:
        if len(self.seen) == len(self.terms):
            return text
        parts: list[str] = []
        position = 0
        for match in self.pattern.finditer(text):
            group = match.lastgroup or ""
            term = self.terms[int(group[1:])]
            if term["slug"] in self.seen:
                continue
            self.seen.add(term["slug"])
            parts.append(text[position : match.start()])
            parts.append(self._link(term, match.group(), is_abbreviation=group[0] == "a"))
            position = match.end()
        parts.append(text[position:])
        return "".join(parts)

    def _link(self, term: dict, words: str, is_abbreviation: bool) -> str:
        href = escape(f"{self.url}#term-{term['slug']}")
        if is_abbreviation and term["expansion"]:
            inner = f'<abbr title="{escape(term["expansion"])}">{words}</abbr>'
        else:
            inner = f"<dfn>{words}</dfn>"
        return f'<a href="{href}" class="glossary-term">{inner}</a>'


class PageGlossary:
    """One page's glossary links: its language's terms and pattern, read once, and the terms
    already linked on it, so that each is linked once per page across all its blocks."""

    def __init__(self, locale_id: int):
        glossary = GlossaryTerm.glossary_in(locale_id)
        self.terms: list[dict] = glossary["terms"]
        self.url: str | None = glossary["url"]
        arabic = glossary["language_code"].startswith("ar")
        self.pattern = _pattern(_entries(self.terms), arabic) if self.url and self.terms else None
        self.seen: set[str] = set()

    def mark(self, html: str) -> SafeString:
        """`html` (rendered rich text) with the first use on this page of each term linked to
        the glossary page."""
        if self.pattern is None or self.url is None:
            return mark_safe(html)  # noqa: S308  (rich text the caller already made safe)
        marker = _Marker(self.pattern, self.terms, self.url, self.seen)
        marker.feed(str(html))
        marker.close()
        return mark_safe("".join(marker.out))  # noqa: S308  (its own tags, and text as it came)


def mark_terms(html: str, locale_id: int) -> SafeString:
    """`html` with the first use of each term of the language linked (a page of its own)."""
    return PageGlossary(locale_id).mark(html)
