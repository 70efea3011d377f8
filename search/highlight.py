"""Search terms marked in a short excerpt, on the server: the database backends do not
highlight. Everything is escaped first; only the <mark> elements written here are markup."""

from __future__ import annotations

import re
import unicodedata

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

EXCERPT_LENGTH = 220
# Arabic vowel signs, the shadda and tatweel are optional in writing: a term matches the text
# with or without them.
_OPTIONAL_MARKS = "[\u064b-\u065f\u0670\u0640]*"


def plain(text: str) -> str:
    """Text without markup or runs of white space (rich text, a PDF's extracted text)."""
    return " ".join(strip_tags(text or "").split())


def _term_pattern(term: str) -> str:
    letters = [ch for ch in term if not unicodedata.category(ch).startswith("M") and ch != "\u0640"]
    return _OPTIONAL_MARKS.join(re.escape(ch) for ch in letters)


def terms_pattern(query: str) -> re.Pattern | None:
    """A pattern matching any of the query's words (longest first), ignoring case and Arabic
    vowel signs; None when the query has no word."""
    terms = sorted({t for t in query.split() if t.strip("'-")}, key=len, reverse=True)
    patterns = [p for p in (_term_pattern(t) for t in terms) if p]
    if not patterns:
        return None
    return re.compile("|".join(patterns), re.IGNORECASE)


def first_match(texts: list[str], pattern: re.Pattern | None) -> int | None:
    """The index of the first text holding a search term, or None."""
    if pattern is None:
        return None
    for position, text in enumerate(texts):
        if pattern.search(text):
            return position
    return None


def excerpt(
    text: str, pattern: re.Pattern | None, *, markup: bool = False, length: int = EXCERPT_LENGTH
) -> SafeString:
    """About `length` characters of `text` around its first match, escaped, with every search
    term in it wrapped in <mark>. Cut at word boundaries, with an ellipsis where text is left
    out; the start of the text when nothing matches. `markup`: the text is rich text (HTML),
    whose tags are left out; plain text is shown as written, escaped."""
    text = plain(text) if markup else " ".join((text or "").split())
    match = pattern.search(text) if pattern else None
    start = 0
    if match and match.start() > length // 3:
        start = match.start() - length // 3
        space = text.rfind(" ", 0, start)
        start = space + 1 if space != -1 else start
    end = start + length
    if end < len(text):
        space = text.find(" ", end)
        end = space if space != -1 and space - end < 40 else end
    else:
        end = len(text)
    window = text[start:end]
    parts: list[str] = []
    position = 0
    for found in pattern.finditer(window) if pattern else ():
        parts.append(escape(window[position : found.start()]))
        parts.append(f"<mark>{escape(found.group())}</mark>")
        position = found.end()
    parts.append(escape(window[position:]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every piece is escaped
