"""A document link tells readers the file's size in their own language: Django's localized
`filesizeformat`, so an Arabic page shows Arabic units (and a decimal comma), not "KB"."""

from __future__ import annotations

import re

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from home.factories import StandardPageFactory, translate
from home.models import StandardPage

pytestmark = pytest.mark.django_db


def page_with_a_document(language_code: str) -> StandardPage:
    document = get_document_model().objects.create(
        title="Roadmap summary",
        file=ContentFile(b"The roadmap, in short.", name="summary.pdf"),
        file_size=12_345,
    )
    body = [("document", {"document": document, "title": "", "description": ""})]
    page = StandardPageFactory(title="About the roadmap", body=body)
    if language_code != page.locale.language_code:
        page = translate(page, language_code, body=body)
    return page


def document_meta(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    found = re.search(
        r'<span class="document-link__meta">\((.*?)\)</span>', response.content.decode()
    )
    assert found is not None, "the document link shows its type and size"
    return found.group(1)


def test_an_arabic_page_shows_the_file_size_in_arabic_units(client):
    meta = document_meta(client, page_with_a_document("ar"))
    assert "KB" not in meta and "MB" not in meta and "bytes" not in meta, meta
    assert "ك.ب" in meta, meta  # Arabic for kilobytes


def test_an_english_page_shows_the_file_size_in_english_units(client):
    meta = document_meta(client, page_with_a_document("en-gb"))
    assert re.fullmatch(r"PDF, 12\.1\sKB", meta), meta
