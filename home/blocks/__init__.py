"""The shared block library: every app composes its StreamFields from these.

Each block's Meta names an icon, a template under templates/components/streamfield/blocks/,
a description that editors see as help text, and a preview value for the block picker. Templates are named from BLOCK_TEMPLATES
(home/blocks/base.py), the one name for that folder, which every app's blocks use.
"""

from home.blocks.base import BLOCK_TEMPLATES
from home.blocks.links import (
    CallToActionBlock,
    FooterLinkBlock,
    LinkBlock,
    LinkStructValue,
    SocialPlatformBlock,
    validate_https,
)
from home.blocks.media import DocumentLinkBlock, ImageBlock, VideoEmbedBlock
from home.blocks.streams import BaseStoryBlock
from home.blocks.text import (
    AccordionBlock,
    CalloutBlock,
    ContentNoteBlock,
    HeadingBlock,
    KeyFigureBlock,
    KeyFiguresBlock,
    QuoteBlock,
    RichTextBlock,
    TableBlock,
    TimelineBlock,
)

__all__ = [
    "BLOCK_TEMPLATES",
    "AccordionBlock",
    "BaseStoryBlock",
    "CallToActionBlock",
    "CalloutBlock",
    "ContentNoteBlock",
    "DocumentLinkBlock",
    "FooterLinkBlock",
    "HeadingBlock",
    "ImageBlock",
    "KeyFigureBlock",
    "KeyFiguresBlock",
    "LinkBlock",
    "LinkStructValue",
    "QuoteBlock",
    "RichTextBlock",
    "SocialPlatformBlock",
    "TableBlock",
    "TimelineBlock",
    "VideoEmbedBlock",
    "validate_https",
]
