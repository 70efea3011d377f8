"""The body stream most pages use. Apps add their own blocks by subclassing it."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks.links import CallToActionBlock
from home.blocks.media import DocumentLinkBlock, ImageBlock, VideoEmbedBlock
from home.blocks.text import (
    AccordionBlock,
    CalloutBlock,
    ContentNoteBlock,
    HeadingBlock,
    KeyFiguresBlock,
    QuoteBlock,
    RichTextBlock,
    TableBlock,
    TimelineBlock,
)


class BaseStoryBlock(blocks.StreamBlock):
    """Everything an editor can put in the body of a page."""

    heading = HeadingBlock()
    paragraph = RichTextBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    content_note = ContentNoteBlock()
    accordion = AccordionBlock()
    key_figures = KeyFiguresBlock()
    table = TableBlock()
    timeline = TimelineBlock()
    document = DocumentLinkBlock()
    video = VideoEmbedBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        template = "components/streamfield/stream.html"
        help_text = _("Build the page from blocks. Start sections with a Heading block.")
