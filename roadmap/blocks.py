"""Blocks for the interactive roadmap. Each pulls live content (stages, principles, drivers,
recommendations, case studies) so that editors place a block once and it stays up to date.

The pages whose bodies hold these blocks are the models the blocks list (a stage page's body
can hold the journey of every stage page), so roadmap.models imports this module and this
module cannot import it. As Wagtail's own chooser blocks do, the blocks name those models by
label ("roadmap.RoadmapStagePage") and look them up in Django's app registry when they render.
"""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.models import Locale
from wagtail.snippets.blocks import SnippetChooserBlock

from home.blocks import BaseStoryBlock
from home.blocks.text import BLOCK_TEMPLATES
from home.models import Audience, DriverOfChange, Principle
from home.models.taxonomy import TaxonomyTerm
from roadmap.roadmap_map import roadmap_map

TEMPLATES = "roadmap/blocks"
STAGE_PAGE = "roadmap.RoadmapStagePage"
RECOMMENDATION = "roadmap.Recommendation"
CASE_STUDY_PAGE = "casestudies.CaseStudyPage"


def audience_choices():
    """Audiences by slug (the same in every language), for choosers in blocks."""
    return [(a.slug, a.name) for a in Audience.terms_in(Locale.get_default())]


def driver_choices():
    """Drivers of change by slug (the same in every language), for choosers in blocks."""
    return [(d.slug, d.name) for d in DriverOfChange.terms_in(Locale.get_default())]


class TermChoiceBlock(blocks.ChoiceBlock):
    """A taxonomy term chosen by its slug. Stored values are already slugs, so reading a page
    never runs the query behind the choices (only the editing form does)."""

    def to_python(self, value):
        return value


def _locale(context) -> int:
    """The language (locale id) of the page the block is on, else the active language."""
    page = (context or {}).get("page")
    return getattr(page, "locale_id", None) or Locale.get_active().pk


class AudienceActionsBlock(blocks.StructBlock):
    """What one audience (implementers, system leaders or the VRU) should do."""

    audience = TermChoiceBlock(choices=audience_choices, help_text=_("Who these actions are for."))
    actions = blocks.ListBlock(
        blocks.CharBlock(max_length=300, label=_("Action")),
        help_text=_(
            "One action per line, starting with a verb, e.g. 'Offer staff reflective supervision'."
        ),
    )

    class Meta:
        icon = "group"
        template = f"{TEMPLATES}/audience_actions.html"
        label = _("Actions for an audience")
        description = _("A list of actions for one audience. The reader's lens highlights them.")
        preview_value = {
            "audience": "implementers",
            "actions": [
                "Learn the six principles together as a team",
                "Ask people what helps them feel safe",
            ],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["audience"] = Audience.terms_by_slug(_locale(parent_context)).get(value["audience"])
        return context


class ReflectiveQuestionsBlock(blocks.StructBlock):
    """Questions readers can ask themselves or discuss as a team."""

    heading = blocks.CharBlock(
        max_length=120, default=_("Questions to reflect on"), help_text=_("Shown as a heading.")
    )
    questions = blocks.ListBlock(
        blocks.CharBlock(max_length=300, label=_("Question")),
        help_text=_("Open questions, one per line, e.g. 'Where might people feel unsafe here?'"),
    )

    class Meta:
        icon = "help"
        template = f"{TEMPLATES}/reflective_questions.html"
        label = _("Reflective questions")
        description = _("A short list of open questions for individuals or teams to discuss.")
        preview_value = {
            "heading": "Questions to reflect on",
            "questions": [
                "Where might people who use our service feel unsafe?",
                "How do we look after colleagues after a difficult day?",
            ],
        }


class JourneyBlock(blocks.StructBlock):
    """The roadmap's stages in order, each opening to show what it looks like and what to do."""

    heading = blocks.CharBlock(max_length=120, default=_("The journey"))
    introduction = blocks.TextBlock(required=False, max_length=400)

    class Meta:
        icon = "list-ol"
        template = f"{TEMPLATES}/journey.html"
        label = _("Roadmap journey")
        description = _(
            "Every roadmap stage in order, pulled live from the stage pages. Each opens to show "
            "its indicators and actions."
        )
        preview_value = {
            "heading": "The journey",
            "introduction": "From trauma-aware to trauma-responsive.",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["stages"] = apps.get_model(STAGE_PAGE).live_in(_locale(parent_context))
        return context


class _TermsBlock(blocks.StructBlock):
    """A heading and every term of one taxonomy (set by `taxonomy`), pulled live."""

    heading = blocks.CharBlock(max_length=120)
    introduction = blocks.TextBlock(required=False, max_length=400)
    taxonomy: type[TaxonomyTerm] = Principle

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["terms"] = self.taxonomy.terms_in(_locale(parent_context))
        return context


class PrinciplesBlock(_TermsBlock):
    """The six principles of trauma-informed practice, pulled from the Principle snippets."""

    heading = blocks.CharBlock(max_length=120, default=_("The six principles"))
    taxonomy = Principle

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # Readers see where the principles come from (Principle.source) under the grid.
        context["sources"] = sorted({term.source for term in context["terms"] if term.source})
        return context

    class Meta:
        icon = "pick"
        template = f"{TEMPLATES}/terms_grid.html"
        label = _("Principles grid")
        description = _("The principles with their descriptions, kept in step with the snippets.")
        preview_value = {"heading": "The six principles", "introduction": ""}


class DriversOfChangeBlock(_TermsBlock):
    """The four drivers of change, pulled from the Driver of change snippets."""

    heading = blocks.CharBlock(max_length=120, default=_("Drivers of change"))
    taxonomy = DriverOfChange

    class Meta:
        icon = "resubmit"
        template = f"{TEMPLATES}/terms_grid.html"
        label = _("Drivers of change")
        description = _("The drivers of change with their descriptions, from the snippets.")
        preview_value = {"heading": "Drivers of change", "introduction": ""}


class RecommendationsBlock(blocks.StructBlock):
    """Recommendations pulled live by audience, driver of change and stage."""

    heading = blocks.CharBlock(max_length=120, default=_("Recommendations"))
    audience = TermChoiceBlock(
        choices=audience_choices, required=False, help_text=_("Leave blank for every audience.")
    )
    driver = TermChoiceBlock(
        choices=driver_choices,
        required=False,
        help_text=_("Leave blank for every driver of change."),
    )
    stage = blocks.PageChooserBlock(
        page_type="roadmap.RoadmapStagePage",
        required=False,
        help_text=_("Leave blank for every stage."),
    )
    limit = blocks.IntegerBlock(
        min_value=1, max_value=30, default=6, help_text=_("Show at most this many.")
    )

    class Meta:
        icon = "tasks"
        template = f"{TEMPLATES}/recommendations.html"
        label = _("Recommendations")
        description = _(
            "Recommendations chosen by audience, driver of change and stage, kept up to date "
            "automatically."
        )
        preview_value = {"heading": "Recommendations for implementers", "audience": "implementers"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        stage = value.get("stage")
        summary = apps.get_model(RECOMMENDATION).summary(
            _locale(parent_context),
            audience=value.get("audience") or "",
            driver=value.get("driver") or "",
            stage_key=stage.translation_key if stage else None,
        )
        context["recommendations"] = summary.first[: value.get("limit") or 6]
        return context


class CaseStudyHighlightsBlock(blocks.StructBlock):
    """A row of case studies: chosen by hand, or the latest few from a sector or roadmap stage.

    Case studies are tagged with roadmap stages, so the casestudies app imports this one, never
    the reverse: the case studies are read through the page type the chooser names."""

    heading = blocks.CharBlock(
        required=False, max_length=120, help_text=_("e.g. 'Promising practice at this stage'.")
    )
    case_studies = blocks.ListBlock(
        blocks.PageChooserBlock(page_type=CASE_STUDY_PAGE),
        required=False,
        help_text=_("Choose case studies to show. Leave empty to show the latest ones instead."),
    )
    sector = SnippetChooserBlock(
        "home.Sector",
        required=False,
        help_text=_("When no case studies are chosen: show only this sector's."),
    )
    stage = blocks.PageChooserBlock(
        page_type=STAGE_PAGE,
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
        chosen = [page for page in value.get("case_studies") or [] if page is not None]
        case_study_page = apps.get_model(CASE_STUDY_PAGE)
        queryset = case_study_page.objects.live().select_related("sector", "listing_image")
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


class DriverSummaryBlock(blocks.StructBlock):
    """What one stage means for one driver of change, in a sentence: shown in the roadmap map's
    cell for the stage and driver, and on the stage page under the driver's heading."""

    driver = TermChoiceBlock(
        choices=driver_choices, help_text=_("The driver of change this sentence is about.")
    )
    summary = blocks.TextBlock(
        max_length=160,
        help_text=_(
            "What this stage looks like for this driver, in one short sentence (160 characters "
            "at most), e.g. 'Leaders name trauma-informed practice as a priority'."
        ),
    )

    class Meta:
        icon = "resubmit"
        label = _("What the stage means for a driver of change")


class DriverSummariesBlock(blocks.StreamBlock):
    """One summary per driver of change; a driver may appear once."""

    driver_summary = DriverSummaryBlock()

    def clean(self, value):
        value = super().clean(value)
        seen: set[str] = set()
        for child in value:
            driver = child.value["driver"]
            if driver in seen:
                raise ValidationError(
                    _(
                        "Each driver of change can have one summary on a stage. Remove the "
                        "second summary for the same driver, or choose another driver."
                    )
                )
            seen.add(driver)
        return value


class RoadmapMapBlock(blocks.StructBlock):
    """The roadmap as a map: the stages down the side, the drivers of change across the top,
    each cell a link to what the stage means for the driver (a section of the stage page). The
    reader's lens marks the cells with recommendations for them; a self-assessment result marks
    where they are. Pulled live from the stage pages, the drivers and the recommendations."""

    heading = blocks.CharBlock(
        max_length=120,
        required=False,
        default=_("The roadmap at a glance"),
        help_text=_("Shown above the map. Leave empty for no heading."),
    )
    introduction = blocks.TextBlock(
        required=False,
        max_length=400,
        help_text=_("Optional: a sentence or two on how to read the map."),
    )

    class Meta:
        icon = "table"
        template = f"{BLOCK_TEMPLATES}/roadmap_map.html"
        label = _("Roadmap map")
        description = _(
            "Every stage against every driver of change, each cell linking to what the stage "
            "means for that driver. On the roadmap page it always shows at the top."
        )
        preview_value = {
            "heading": "The roadmap at a glance",
            "introduction": "Find your stage, then read across to see each driver of change.",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        parent = parent_context or {}
        locale = _locale(parent)
        # The roadmap page's lens and the self-assessment's result, where the page has them.
        lens = parent.get("lens") if hasattr(parent.get("lens"), "query") else None
        result = parent.get("result") if hasattr(parent.get("result"), "groups") else None
        recommendation = apps.get_model(RECOMMENDATION)
        context["map"] = roadmap_map(
            apps.get_model(STAGE_PAGE).live_in(locale),
            DriverOfChange.terms_in(locale),
            recommendation.summary(locale),
            request=parent.get("request"),
            lens=lens,
            lens_recommendations=recommendation.summary(
                locale,
                audience=lens.audience.slug if lens and lens.audience else "",
                sector=lens.sector.slug if lens and lens.sector else "",
            )
            if lens and (lens.audience or lens.sector)
            else None,
            result=result,
        )
        return context


class RoadmapStoryBlock(BaseStoryBlock):
    """The body stream for roadmap pages: the shared blocks plus the roadmap's own."""

    roadmap_map = RoadmapMapBlock()
    journey = JourneyBlock()
    audience_actions = AudienceActionsBlock()
    principles = PrinciplesBlock()
    drivers_of_change = DriversOfChangeBlock()
    recommendations = RecommendationsBlock()
    reflective_questions = ReflectiveQuestionsBlock()
    case_study_highlights = CaseStudyHighlightsBlock()


class AnswerOptionBlock(blocks.StructBlock):
    """One answer to a self-assessment question, and the stage it points to."""

    label = blocks.CharBlock(max_length=300, help_text=_("The answer as the reader sees it."))
    stage = blocks.PageChooserBlock(
        page_type="roadmap.RoadmapStagePage",
        help_text=_("The roadmap stage an organisation giving this answer is at."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Answer")


class AssessmentQuestionBlock(blocks.StructBlock):
    """A self-assessment question, grouped under a driver of change, with its answers."""

    driver = TermChoiceBlock(
        choices=driver_choices,
        help_text=_("Questions are grouped and scored by driver of change."),
    )
    question = blocks.CharBlock(max_length=300)
    hint = blocks.CharBlock(
        max_length=300, required=False, help_text=_("Optional help shown under the question.")
    )
    options = blocks.ListBlock(
        AnswerOptionBlock(),
        min_num=2,
        help_text=_("List the answers from the earliest stage to the latest."),
    )

    class Meta:
        icon = "help"
        label = _("Question")
        description = _("A question with answers that each point to a roadmap stage.")
