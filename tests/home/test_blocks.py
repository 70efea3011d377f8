"""The shared block library: every block editors can pick is documented, templated and
previews in the block picker."""

from __future__ import annotations

import pytest
from django.urls import reverse

from home.blocks import BaseStoryBlock, CallToActionBlock, LinkBlock

STORY_BLOCKS = list(BaseStoryBlock().child_blocks.items())


@pytest.fixture
def library(db):
    """An image and a document in the library, for the blocks that show one."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from home.demo.builder import make_image

    make_image("Preview image", (40, 90, 120), size=(400, 300))
    get_document_model().objects.create(
        title="Roadmap summary", file=ContentFile(b"The roadmap, in short.", name="summary.txt")
    )


@pytest.mark.parametrize(("name", "block"), STORY_BLOCKS, ids=[name for name, _b in STORY_BLOCKS])
def test_every_block_has_an_icon_a_template_and_a_description(name, block):
    assert block.meta.icon and block.meta.icon != "placeholder", f"{name} has no icon"
    assert block.meta.template and block.meta.template.startswith(
        "components/streamfield/blocks/"
    ), f"{name} has no template of its own"
    assert block.meta.description, f"{name} has no description for editors"
    assert type(block).__doc__, f"{name} has no docstring"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "block"), STORY_BLOCKS, ids=[name for name, _b in STORY_BLOCKS])
def test_every_block_renders_its_preview(library, name, block):
    value = block.get_preview_value()
    assert value not in (None, "", [], {}), f"{name} has no preview value"
    html = block.render(block.normalize(value))
    assert html.strip(), f"{name} renders nothing for its preview value"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "block"), STORY_BLOCKS, ids=[name for name, _b in STORY_BLOCKS])
def test_every_block_previews_in_the_admin_block_picker(library, client, editor, name, block):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    html = response.content.decode()
    assert "tilondon/css/site.css" in html, "the preview is not styled like the site"
    rendered = block.render(block.normalize(block.get_preview_value()))
    assert rendered.strip()[:40] in html


def test_link_blocks_render_their_preview():
    for block in (LinkBlock(), CallToActionBlock()):
        value = block.get_preview_value() or block.meta.preview_value
        assert block.render(block.normalize(value)).strip()


@pytest.mark.django_db
def test_a_deleted_image_or_document_leaves_no_broken_block():
    """A page keeps working when an editor deletes a file a block used."""
    for name in ("image", "document"):
        block = BaseStoryBlock().child_blocks[name]
        value = block.normalize({name: None})
        assert block.render(value).strip() == ""
