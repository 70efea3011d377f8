"""Media blocks: images with alt text, document links and privacy-respecting video."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from home.blocks.base import BLOCK_TEMPLATES


class ImageBlock(blocks.StructBlock):
    """An image with the alternative text a screen reader reads and an optional caption."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text=_(
            "Describe what the image shows for people who cannot see it. "
            "Leave blank only if the image is decorative."
        ),
    )
    decorative = blocks.BooleanBlock(
        required=False,
        help_text=_("Tick if the image adds nothing to the text: screen readers will skip it."),
    )
    caption = blocks.CharBlock(required=False, max_length=250)
    credit = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "image"
        template = f"{BLOCK_TEMPLATES}/image.html"
        description = _("A photo or illustration, with alternative text and an optional caption.")

    def get_preview_value(self):
        # The block picker shows the newest image in the library (there is no stock image).
        from wagtail.images import get_image_model

        image = get_image_model().objects.order_by("-created_at").first()
        return self.normalize({"image": image, "alt_text": image.title if image else ""})

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # A decorative image has an empty alt, so screen readers skip it.
        context["alt"] = "" if value.get("decorative") else value.get("alt_text") or ""
        return context

    def clean(self, value):
        value = super().clean(value)
        if not value.get("alt_text") and not value.get("decorative"):
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(_("Describe the image, or tick 'decorative'."))
                }
            )
        return value


class DocumentLinkBlock(blocks.StructBlock):
    """A download link that tells readers the file's type and size before they click."""

    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        required=False, max_length=150, help_text=_("Leave blank to use the document's title.")
    )
    description = blocks.TextBlock(required=False, max_length=300)

    class Meta:
        icon = "doc-full"
        template = f"{BLOCK_TEMPLATES}/document_link.html"
        description = _("A document to download, shown with its file type and size.")

    def get_preview_value(self):
        # The block picker shows the newest document in the library.
        from wagtail.documents import get_document_model

        document = get_document_model().objects.order_by("-created_at").first()
        return self.normalize({"document": document, "description": ""})


VIDEO_PROVIDERS = {
    # provider: (pattern for the video id, embed address that sets no cookies, watch address)
    "youtube": (
        re.compile(r"(?:youtube\.com/(?:watch\?v=|embed/|shorts/)|youtu\.be/)([\w-]{11})"),
        "https://www.youtube-nocookie.com/embed/{id}?autoplay=1",
        "https://www.youtube.com/watch?v={id}",
    ),
    "vimeo": (
        re.compile(r"vimeo\.com/(?:video/)?(\d+)"),
        "https://player.vimeo.com/video/{id}?dnt=1&autoplay=1",
        "https://vimeo.com/{id}",
    ),
}


def parse_video_url(url: str) -> tuple[str, str, str] | None:
    """Return (provider, embed URL, watch URL) for a YouTube or Vimeo address, else None."""
    for provider, (pattern, embed, watch) in VIDEO_PROVIDERS.items():
        if match := pattern.search(url or ""):
            return provider, embed.format(id=match.group(1)), watch.format(id=match.group(1))
    return None


class VideoStructValue(blocks.StructValue):
    def embed_url(self) -> str:
        parsed = parse_video_url(self.get("url"))
        return parsed[1] if parsed else ""

    def watch_url(self) -> str:
        parsed = parse_video_url(self.get("url"))
        return parsed[2] if parsed else self.get("url")

    def provider_name(self) -> str:
        parsed = parse_video_url(self.get("url"))
        return {"youtube": "YouTube", "vimeo": "Vimeo"}.get(parsed[0] if parsed else "", "")


class VideoEmbedBlock(blocks.StructBlock):
    """A YouTube or Vimeo video that loads nothing from the video site until the reader asks."""

    url = blocks.URLBlock(help_text=_("The video's address on YouTube or Vimeo."))
    title = blocks.CharBlock(
        max_length=150, help_text=_("Names the video for screen readers and the play button.")
    )
    poster = ImageChooserBlock(
        required=False,
        help_text=_(
            "A still shown before the video plays (uploaded here, so nothing loads from the video site)."
        ),
    )
    transcript = blocks.RichTextBlock(
        required=False,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("A transcript or summary for people who cannot watch or hear it."),
    )

    class Meta:
        icon = "media"
        template = f"{BLOCK_TEMPLATES}/video_embed.html"
        value_class = VideoStructValue
        description = _(
            "A video from YouTube or Vimeo. Nothing is loaded from their sites, and no cookies set, "
            "until the reader presses play."
        )
        preview_value = {
            "url": "https://www.youtube.com/watch?v=aaaaaaaaaaa",
            "title": "The roadmap in two minutes",
        }

    def clean(self, value):
        value = super().clean(value)
        if not parse_video_url(value.get("url")):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Use a YouTube or Vimeo video address."))}
            )
        return value
