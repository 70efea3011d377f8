"""On local storage (development and tests), image files are served from disk but document
files never are: documents always go through Wagtail's view, which checks privacy."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_files():
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "images").mkdir(parents=True, exist_ok=True)
    document = settings.MEDIA_ROOT / "documents" / "private-minutes.pdf"
    image = settings.MEDIA_ROOT / "images" / "street.jpg"
    document.write_bytes(b"%PDF-1.4 private")
    image.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    yield
    document.unlink()
    image.unlink()


def test_document_files_are_not_reachable_by_their_storage_path(client, media_files):
    assert client.get("/media/documents/private-minutes.pdf").status_code == 404


def test_image_files_are_served_locally(client, media_files):
    response = client.get("/media/images/street.jpg")
    assert response.status_code == 200
