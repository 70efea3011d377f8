"""Media and documents on S3: with a bucket configured, uploads go to the bucket (the demo
loader's too), renditions are made there, and readers get the files; nothing overwrites an
existing file, and private documents stay private.

A real S3-compatible server (moto in server mode) runs on loopback; the site runs in gunicorn
against it, exactly as production runs against a bucket.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from html import unescape
from urllib.parse import urlsplit

import boto3
import pytest
from moto.server import ThreadedMotoServer

from tests.support.server import free_port, start_site_server

# A moto S3 server and a gunicorn server using it.
pytestmark = pytest.mark.server

BUCKET = "tilondon-media-test"

SETUP_IN_THE_SERVER = r"""
import json
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction
from home.demo.builder import make_image
from home.models import HomePage, StandardPage


print("STORAGE", type(storages["default"]).__name__)
Document = get_document_model()
image = make_image("Workshop in Lambeth", (30, 80, 110), size=(1000, 600))
document = Document.objects.create(
    title="Roadmap summary", file=ContentFile(b"%PDF-1.4 the roadmap in short", name="roadmap-summary.pdf")
)
private = Collection.get_first_root_node().add_child(name="Internal papers")
CollectionViewRestriction.objects.create(
    collection=private, restriction_type=CollectionViewRestriction.LOGIN
)
secret = Document.objects.create(
    title="Draft budget", collection=private,
    file=ContentFile(b"not for readers", name="draft-budget.pdf"),
)
home = HomePage.objects.get(locale__language_code="en-gb")
page = StandardPage(
    title="Photos from the workshops", slug="workshop-photos",
    body=[
        ("image", {"image": image, "alt_text": "People talking around a table", "caption": "Lambeth"}),
        ("document", {"document": document, "title": "", "description": ""}),
    ],
)
home.add_child(instance=page)
page.save_revision().publish()
first = default_storage.save("uploads/notes.txt", ContentFile(b"first upload"))
second = default_storage.save("uploads/notes.txt", ContentFile(b"second upload"))
print(json.dumps({
    # Everything in the libraries, including what the demo loader uploaded on its own.
    "library": [item.file.name for item in get_image_model().objects.all()]
    + [item.file.name for item in Document.objects.all()],
    "image": image.file.name, "document": document.file.name, "document_url": document.url,
    "secret_url": secret.url, "page": page.url, "first": first, "second": second,
}))
"""


@pytest.fixture(scope="module")
def s3():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=BUCKET)
    yield endpoint, client
    server.stop()


@pytest.fixture(scope="module")
def s3_site(s3, tmp_path_factory):
    endpoint, _client = s3
    server = start_site_server(
        tmp_path_factory.mktemp("s3-site"),
        extra_env={
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": endpoint,
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
            "AWS_S3_REGION_NAME": "us-east-1",
            "CSP_MEDIA_ORIGINS": endpoint,
        },
        workers=2,
    )
    result = server.manage("shell", "-v", "0", "-c", SETUP_IN_THE_SERVER)
    lines = result.stdout.strip().splitlines()
    assert "STORAGE S3Storage" in lines, result.stdout + result.stderr
    uploaded = json.loads(lines[-1])
    yield server, uploaded
    server.stop()


def bucket_keys(client) -> set[str]:
    keys = set()
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        keys.update(item["Key"] for item in page.get("Contents", []))
    return keys


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read(), response.url
    except urllib.error.HTTPError as error:
        return error.code, error.read(), url


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def first_response(url: str) -> tuple[int, str]:
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", "")


def test_uploads_are_stored_in_the_bucket(s3, s3_site):
    _endpoint, client = s3
    _server, uploaded = s3_site
    keys = bucket_keys(client)
    assert f"media/{uploaded['image']}" in keys
    assert f"media/{uploaded['document']}" in keys
    assert uploaded["image"].startswith("original_images/")
    missing = [name for name in uploaded["library"] if f"media/{name}" not in keys]
    assert missing == [], f"not in the bucket: {missing}"


def test_a_reader_gets_the_page_its_image_renditions_and_the_document(s3, s3_site):
    endpoint, client = s3
    server, uploaded = s3_site
    status, body, _url = fetch(server.url + uploaded["page"])
    assert status == 200
    html = body.decode()
    # The renditions were made when the page was first shown, and stored in the bucket.
    renditions = [key for key in bucket_keys(client) if key.startswith("media/images/")]
    assert any(".width-800." in key for key in renditions), renditions
    assert any(".width-1200." in key for key in renditions), renditions
    image_urls = [unescape(url) for url in re.findall(r'<img [^>]*?\bsrc="([^"]+)"', html)]
    assert image_urls and all(url.startswith(endpoint + "/") for url in image_urls)
    status, image_bytes, _url = fetch(image_urls[0])
    assert status == 200
    assert image_bytes[:4] == b"RIFF" and image_bytes[8:12] == b"WEBP"

    # The document link goes through the site, which redirects to a signed address.
    status, location = first_response(server.url + uploaded["document_url"])
    assert status == 302
    assert location.startswith(f"{endpoint}/{BUCKET}/media/documents/")
    assert "Signature" in location or "X-Amz-Signature" in location
    status, document_bytes, _url = fetch(server.url + uploaded["document_url"])
    assert status == 200
    assert document_bytes == b"%PDF-1.4 the roadmap in short"


@pytest.mark.browser
def test_the_image_shows_in_a_browser_under_the_sites_content_security_policy(s3_site, chromium):
    server, uploaded = s3_site
    context = chromium.new_context(viewport={"width": 375, "height": 800})  # CSP enforced
    page = context.new_page()
    blocked = []
    page.on("console", lambda message: blocked.append(message.text))
    page.goto(server.url + uploaded["page"], wait_until="networkidle")
    image = page.locator("figure img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert image.get_attribute("alt") == "People talking around a table"
    assert not [text for text in blocked if "Content Security Policy" in text], blocked
    context.close()


def test_a_file_with_the_same_name_never_overwrites_the_first(s3, s3_site):
    _endpoint, client = s3
    _server, uploaded = s3_site
    assert uploaded["first"] == "uploads/notes.txt"
    assert uploaded["second"] != uploaded["first"]
    first = client.get_object(Bucket=BUCKET, Key=f"media/{uploaded['first']}")["Body"].read()
    second = client.get_object(Bucket=BUCKET, Key=f"media/{uploaded['second']}")["Body"].read()
    assert (first, second) == (b"first upload", b"second upload")


def test_a_document_in_a_private_collection_is_not_served_to_readers(s3, s3_site):
    endpoint, _client = s3
    server, uploaded = s3_site
    status, location = first_response(server.url + uploaded["secret_url"])
    assert status == 302
    assert not location.startswith(endpoint), "an anonymous reader was sent to the file"
    assert "login" in urlsplit(location).path
    status, body, _url = fetch(server.url + uploaded["secret_url"])
    assert b"not for readers" not in body
