"""Blocks for promising practice and research: case-study highlights, report updates, and the
narrower body stream case studies use."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from home.blocks import BLOCK_TEMPLATES, BaseStoryBlock, RichTextBlock


class CaseStudyHighlightsBlock(blocks.StructBlock):
    """A row of case studies: chosen by hand, or the latest few from a sector or roadmap stage."""

    heading = blocks.CharBlock(
        required=False, max_length=120, help_text=_("e.g. 'Promising practice at this stage'.")
    )
    case_studies = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="casestudies.CaseStudyPage"),
        required=False,
        help_text=_("Choose case studies to show. Leave empty to show the latest ones instead."),
    )
    sector = SnippetChooserBlock(
        "home.Sector",
        required=False,
        help_text=_("When no case studies are chosen: show only this sector's."),
    )
    stage = blocks.PageChooserBlock(
        page_type="roadmap.RoadmapStagePage",
        required=False,
        help_text=_("When no case studies are chosen: show only those at this roadmap stage."),
    )
    number = blocks.IntegerBlock(
        default=3,
        min_value=1,
        max_value=6,
        help_text=_("How many of the latest case studies to show when none are chosen."),
    )

    class Meta:
        icon = "doc-full-inverse"
        template = f"{BLOCK_TEMPLATES}/case_study_highlights.html"
        label = _("Case study highlights")
        description = _(
            "Cards linking to case studies: pick them, or show the latest from a sector or stage."
        )
        preview_value = {"heading": "Promising practice", "number": 3}

    def get_case_studies(self, value, locale=None) -> list:
        """The case studies to show, live and in the reader's language, in one or two queries."""
        from casestudies.models import CaseStudyPage

        chosen = [page for page in value.get("case_studies") or [] if page is not None]
        queryset = CaseStudyPage.objects.live().select_related("sector", "listing_image")
        if locale is not None:
            queryset = queryset.filter(locale=locale)
        if chosen:
            by_key = {page.translation_key: index for index, page in enumerate(chosen)}
            found = queryset.filter(translation_key__in=list(by_key))
            return sorted(found, key=lambda page: by_key[page.translation_key])
        if value.get("sector"):
            queryset = queryset.filter(sector__slug=value["sector"].slug)
        if value.get("stage"):
            queryset = queryset.filter(stage__translation_key=value["stage"].translation_key)
        return list(queryset.order_by("-first_published_at", "-pk")[: value.get("number") or 3])

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        context["case_studies"] = self.get_case_studies(value, getattr(page, "locale", None))
        return context


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
    "CaseStudyHighlightsBlock",
    "CaseStudyStoryBlock",
    "ReportUpdateBlock",
    "ReportUpdatesBlock",
]
