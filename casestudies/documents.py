"""Small, valid documents generated for the demo site, so the research section has real files
to download without keeping binaries in the repository."""

from __future__ import annotations

import io
import textwrap

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model


def _pdf_escape(text: str) -> str:
    text = text.encode("latin-1", "replace").decode("latin-1")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(title: str, paragraphs: list[str]) -> bytes:
    """A one-page PDF (Helvetica, A4) with a title and wrapped paragraphs, written by hand."""
    lines = [("F2", 18, title)]
    for paragraph in paragraphs:
        lines.append(("F1", 11, ""))
        lines.extend(("F1", 11, line) for line in textwrap.wrap(paragraph, 88))
    stream = ["BT", "56 780 Td"]
    for font, size, text in lines:
        stream.append(f"/{font} {size} Tf 0 -{size + 5} Td ({_pdf_escape(text)}) Tj")
    stream.append("ET")
    content = "\n".join(stream).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>",
        b"<< /Title (%s) >>" % _pdf_escape(title).encode("latin-1"),
    ]
    output = io.BytesIO()
    output.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        output.write(b"%010d 00000 n \n" % offset)
    output.write(
        b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, xref)
    )
    return output.getvalue()


def make_xlsx(title: str, header: list[str], rows: list[list]) -> bytes:
    """A spreadsheet with one sheet of data, made with openpyxl."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_document(title: str, filename: str, content: bytes, collection=None):
    """A Wagtail document holding `content`, saved through default_storage (S3 when set)."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    document = Document(title=title, file=ContentFile(content, name=filename))
    if collection is not None:
        document.collection = collection
    document._set_document_file_metadata()  # size and hash, as an upload in the admin would
    document.save()
    return document
