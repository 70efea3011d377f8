"""Blocks for promising practice and research: report updates, and the narrower body stream case
studies use. (The case-study highlights block is the roadmap's: roadmap/blocks.py.)"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import BLOCK_TEMPLATES, BaseStoryBlock, RichTextBlock


class ReportUpdateBlock(blocks.StructBlock):
    """A dated note of a correction or update to a published report."""

    date = blocks.DateBlock(help_text=_("When the change was made."))
    kind = blocks.ChoiceBlock(
        choices=[("correction", _("Correction")), ("update", _("Update"))],
        default="update",
        help_text=_("A correction fixes an error; an update adds or changes information."),
    )
    text = RichTextBlock(help_text=_("What changed and where, in a sentence or two."))

    class Meta:
        icon = "history"
        template = f"{BLOCK_TEMPLATES}/report_update.html"
        label = _("Correction or update")
        description = _(
            "A dated note telling readers what changed in the report since publication."
        )
        preview_value = {
            "date": datetime.date(2025, 9, 1),
            "kind": "correction",
            "text": "<p>Figure 3 on page 24 now shows the right number of boroughs.</p>",
        }


class ReportUpdatesBlock(blocks.StreamBlock):
    """The list of corrections and updates on a report page."""

    update = ReportUpdateBlock()


class CaseStudyStoryBlock(BaseStoryBlock):
    """The body of a case study: the shared blocks, with section headings for context, what they
    did, what changed and what they learned, quotes, key figures, images and documents."""

    class Meta:
        template = "components/streamfield/stream.html"
        help_text = _(
            "Tell the story in four sections, each starting with a Heading block: the context, "
            "what they did, what changed, and what they learned."
        )


__all__ = [
    "CaseStudyStoryBlock",
    "ReportUpdateBlock",
    "ReportUpdatesBlock",
]
