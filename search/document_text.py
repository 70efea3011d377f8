"""The text inside documents, for site search: read from PDFs with pypdf when a document is
saved (search/signal_handlers.py) or by `manage.py extract_document_text`.

Bounded: at most MAX_PAGES pages and MAX_CHARACTERS characters are kept. A file that cannot be
read (corrupt, encrypted, missing from storage) is logged and the document is kept without
text: a bad PDF never breaks an upload. The file is read through the storage API, so it works
the same on local disk and on S3."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader

logger = logging.getLogger(__name__)

MAX_PAGES = 50
MAX_CHARACTERS = 100_000
MAX_FILE_BYTES = 20 * 1024 * 1024


def read_pdf_text(data: bytes) -> str:
    """The text of a PDF's first MAX_PAGES pages, at most MAX_CHARACTERS long. Raises on a file
    pypdf cannot read or that is encrypted."""
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise ValueError("the PDF is encrypted")
    parts: list[str] = []
    size = 0
    for page in reader.pages[:MAX_PAGES]:
        text = " ".join((page.extract_text() or "").split())
        parts.append(text)
        size += len(text) + 1
        if size >= MAX_CHARACTERS:
            break
    return " ".join(parts)[:MAX_CHARACTERS]


def extract(document) -> tuple[str, str]:
    """(text, problem): the document's text, or "" and why there is none ("" when it is simply
    not a PDF)."""
    if (document.file_extension or "").lower() != "pdf":
        return "", ""
    try:
        if document.file_size and document.file_size > MAX_FILE_BYTES:
            return "", "too large"
        with document.file.storage.open(document.file.name, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            return "", "too large"
        return read_pdf_text(data), ""
    except Exception as error:
        logger.warning(
            "Could not read the text of document %s (%s): %s",
            document.pk,
            document.file.name,
            error.__class__.__name__,
        )
        return "", "unreadable"
