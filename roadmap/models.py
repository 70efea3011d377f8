"""The roadmap to a trauma-responsive London: the journey page, its stages, recommendations for
three audiences, the self-assessment and the anonymous London baseline."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    Locale,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks.text import BODY_FEATURES
from home.caching import cached
from home.models import Audience, DriverOfChange, SitePage
from roadmap.assessment import form_context, result_response
from roadmap.baseline import aggregate, summary_version
from roadmap.blocks import (
    AssessmentQuestionBlock,
    AudienceActionsBlock,
    DriverSummariesBlock,
    RoadmapStoryBlock,
)
from roadmap.page_context import recommendations_context, roadmap_context, stage_context
from roadmap.recommendation_summary import RecommendationSummary, filters_key, summarise

BODY_HELP = _("Anything else this page needs, built from blocks.")


class RoadmapContent:
    """What every roadmap page reads in its own language: the stages of the journey and the
    recommendations. The page-context builders (roadmap/page_context.py, assessment.py) ask the
    page, so they need not import the models that import them."""

    locale_id: int  # given by the page it is mixed into

    def journey_stages(self) -> list:
        return RoadmapStagePage.live_in(self.locale_id)

    def find_recommendations(self, **filters) -> list:
        return Recommendation.for_reader(self.locale_id, **filters)

    def recommendation_summary(self, **filters) -> RecommendationSummary:
        return Recommendation.summary(self.locale_id, **filters)


class RoadmapPage(RoadmapContent, RoutablePageMixin, SitePage):
    """The interactive roadmap: the journey through its stages, in order. Readers choose a lens
    (audience, sector) and a stage; the page shows what applies. It also serves the
    recommendations listing (recommendations/) and a print view of the whole roadmap (print/)."""

    introduction = models.TextField(
        max_length=600, blank=True, help_text=_("A sentence or two under the page title.")
    )
    body = StreamField(RoadmapStoryBlock(), blank=True, help_text=BODY_HELP)

    content_panels = [*SitePage.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    lists_content = True  # purged with every publish (home/purging.py)
    parent_page_types = ["home.HomePage"]
    subpage_types = ["roadmap.RoadmapStagePage", "roadmap.SelfAssessmentPage"]
    max_count_per_parent = 1
    search_fields = [*SitePage.search_fields, index.SearchField("introduction")]

    class Meta:
        verbose_name = _("roadmap page")

    def get_context(self, request, *args, listing: bool = False, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if not listing:
            context.update(roadmap_context(self, request))
        return context

    def get_cached_paths(self):
        audiences = Audience.terms_in(self.locale_id)
        return ["/", "/recommendations/", "/print/"] + [
            f"/recommendations/{audience.slug}/" for audience in audiences
        ]

    def sitemap_paths(self) -> list[str]:
        """The listings this page serves besides itself, for the sitemap (home/views.py): the
        recommendations listing and one view per audience (the print view repeats the page)."""
        audiences = Audience.terms_in(self.locale_id)
        return ["recommendations/"] + [
            f"recommendations/{audience.slug}/" for audience in audiences
        ]

    @path("")
    def journey(self, request):
        return self.render(request)

    @path("recommendations/")
    def recommendation_list(self, request, audience: str = ""):
        return self.render(
            request,
            listing=True,
            context_overrides=recommendations_context(self, request, audience),
            template="roadmap/recommendation_list.html",
        )

    @path("recommendations/<slug:audience>/", name="audience_recommendations")
    def audience_recommendations(self, request, audience: str):
        if audience not in Audience.terms_by_slug(self.locale_id):
            raise Http404("No such audience")
        return self.recommendation_list(request, audience)

    @path("print/")
    def print_view(self, request):
        return self.render(request, template="roadmap/roadmap_print.html")

    def self_assessment(self):
        """The live self-assessment below this roadmap, or False (cached until a publish)."""
        return cached(
            f"roadmap:self-assessment:{self.pk}",
            lambda: SelfAssessmentPage.objects.child_of(self).live().first() or False,
        )


class RoadmapStagePage(RoadmapContent, SitePage):
    """One stage of the journey, e.g. trauma-aware: what it looks like, what each audience
    should do, questions to reflect on, and (pulled automatically) the recommendations and
    other content tagged with it. Page order in the admin is the order of the journey."""

    lists_content = True  # purged with every publish (home/purging.py)

    introduction = models.TextField(
        max_length=600, blank=True, help_text=_("What this stage means, in a sentence or two.")
    )
    indicators = StreamField(
        [("indicator", blocks.CharBlock(max_length=300, label=_("Indicator")))],
        blank=True,
        verbose_name=_("what it looks like"),
        help_text=_(
            "Signs that an organisation is at this stage, one per item, e.g. 'Staff can name "
            "the six principles'."
        ),
    )
    actions = StreamField(
        [("audience_actions", AudienceActionsBlock())],
        blank=True,
        verbose_name=_("actions for each audience"),
        help_text=_("Add one block per audience: implementers, system leaders and the VRU."),
    )
    driver_summaries = StreamField(
        DriverSummariesBlock(),
        blank=True,
        verbose_name=_("what it means for each driver of change"),
        help_text=_(
            "One short sentence per driver of change: what this stage looks like for it. Each "
            "shows in the roadmap map's cell for this stage and driver, and on this page above "
            "the driver's recommendations. A driver with no sentence shows only its "
            "recommendations."
        ),
    )
    reflective_questions = StreamField(
        [("question", blocks.CharBlock(max_length=300, label=_("Question")))],
        blank=True,
        help_text=_("Open questions readers at this stage can discuss with their team."),
    )
    body = StreamField(RoadmapStoryBlock(), blank=True, help_text=BODY_HELP)

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("indicators"),
        FieldPanel("actions"),
        FieldPanel("driver_summaries"),
        FieldPanel("reflective_questions"),
        FieldPanel("body"),
    ]
    parent_page_types = ["roadmap.RoadmapPage"]
    subpage_types: list[str] = []
    search_fields = [
        *SitePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("indicators"),
        # Site search finds a stage by its actions and questions, and links to the one found.
        index.SearchField("actions"),
        index.SearchField("reflective_questions"),
    ]

    class Meta:
        verbose_name = _("roadmap stage page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(stage_context(self, request))
        return context

    @classmethod
    def live_in(cls, locale: Locale | int) -> list:
        """The roadmap's stages in `locale`, in journey (page) order. One query, then cached
        until a page is published, unpublished, moved or deleted."""
        wanted = locale if isinstance(locale, int) else locale.pk
        return cached(
            f"roadmap:stages:{wanted}",
            lambda: list(cls.objects.live().filter(locale_id=wanted).order_by("path")),
        )


class SelfAssessmentPage(RoadmapContent, RoutablePageMixin, SitePage):
    """ "Where is my organisation on the roadmap?": editors write questions grouped by driver of
    change, each answer pointing to a stage. The result's address holds only the answers, so it
    can be shared, reopened and printed. Readers may add their result, anonymously, to the
    London baseline, whose public summary (baseline/) shows only groups large enough to hide
    any one organisation."""

    introduction = models.TextField(
        max_length=600,
        blank=True,
        help_text=_("What the self-assessment is and how long it takes."),
    )
    questions = StreamField(
        [("question", AssessmentQuestionBlock())],
        help_text=_(
            "Write two or more questions for each driver of change. Each answer points to the "
            "stage an organisation giving it is at."
        ),
    )
    result_introduction = models.TextField(
        max_length=600,
        blank=True,
        help_text=_("Shown above the result, e.g. how to use it with your team."),
    )
    body = StreamField(RoadmapStoryBlock(), blank=True, help_text=BODY_HELP)

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("questions"),
        FieldPanel("result_introduction"),
        FieldPanel("body"),
    ]
    parent_page_types = ["roadmap.RoadmapPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("self-assessment page")

    @path("")
    def questions_form(self, request):
        return self.render(request, context_overrides=form_context(self, request))

    @path("result/")
    def result(self, request):
        return result_response(self, request)

    @path("baseline/")
    def baseline_summary(self, request):
        response = self.render(
            request,
            context_overrides={
                "baseline": BaselineEntry.summary(self.locale_id, settings.BASELINE_MIN_GROUP_SIZE),
                "form_url": self.url,
            },
            template="roadmap/baseline_summary.html",
        )
        # It changes with every result readers add (not an editor's change): never cached.
        patch_cache_control(response, private=True, no_cache=True)
        return response


class Recommendation(
    PreviewableMixin,
    TranslatableMixin,
    WorkflowMixin,
    DraftStateMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """A recommendation from the research, for one audience (implementers, system leaders or
    the VRU), under a driver of change, for one or more stages. It appears on its stages'
    pages, in the recommendations listing and in the self-assessment's next steps."""

    title = models.CharField(max_length=255, help_text=_("The recommendation in one sentence."))
    slug = models.SlugField(
        max_length=80,
        allow_unicode=True,
        help_text=_(
            "The recommendation's stable link anchor (#slug in the listing). Keep it unchanged "
            "once published, so links people have shared keep working."
        ),
    )
    body = RichTextField(
        features=BODY_FEATURES, blank=True, help_text=_("Why it matters and how to start.")
    )
    audience = models.ForeignKey(
        "home.Audience",
        on_delete=models.PROTECT,
        related_name="recommendations",
        help_text=_("Who should act on it."),
    )
    driver = models.ForeignKey(
        "home.DriverOfChange",
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name=_("driver of change"),
    )
    stages = ParentalManyToManyField(
        "roadmap.RoadmapStagePage",
        related_name="recommendations",
        blank=True,
        help_text=_("The stages at which this recommendation is the next thing to do."),
    )
    sectors = ParentalManyToManyField(
        "home.Sector",
        related_name="recommendations",
        blank=True,
        help_text=_("Leave empty if it applies to every sector."),
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Lower numbers come first within an audience.")
    )
    is_example_content = models.BooleanField(
        default=False,
        verbose_name=_("example content"),
        help_text=_("Ticked where the wording is invented for the demonstration site."),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="recommendation")

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("driver"),
                FieldPanel("stages", widget=forms.CheckboxSelectMultiple),
                FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Who, where and when"),
        ),
        FieldPanel("sort_order"),
        FieldPanel("is_example_content"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("locale"),
        index.FilterField("live"),
    ]
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("body"),
        SynchronizedField("slug"),
        SynchronizedField("audience"),
        SynchronizedField("driver"),
        SynchronizedField("sort_order"),
        SynchronizedField("is_example_content"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("recommendation")
        ordering = ["sort_order", "title"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self) -> str:
        return self.title

    @property
    def revisions(self):
        return self._revisions

    @property
    def anchor(self) -> str:
        return f"recommendation-{self.slug}"

    def get_preview_template(self, request, mode_name):
        return "roadmap/recommendation_preview.html"

    def serve_preview(self, request, mode_name):
        """This unsaved version as readers would see it in the recommendations listing of the
        roadmap in its own language, tagged with its driver and stages in that language."""
        locale = Locale.objects.get(pk=self.locale_id) if self.locale_id else Locale.get_default()
        with translation.override(locale.language_code):
            roadmap = (
                RoadmapPage.objects.live().filter(locale=locale).first()
                or RoadmapPage.objects.live().filter(locale=Locale.get_default()).first()
            )
            stages = {stage.translation_key: stage for stage in RoadmapStagePage.live_in(locale)}
            self.local_driver = (
                DriverOfChange.localize([self.driver], locale)[0] if self.driver_id else None
            )
            self.local_stages = [
                stages[stage.translation_key]
                for stage in self.stages.all()
                if stage.translation_key in stages
            ]
            audience = Audience.localize([self.audience], locale)[0] if self.audience_id else None
            context = {
                "request": request,
                "page": roadmap,
                "recommendation": self,
                "audience": audience,
            }
            response = TemplateResponse(
                request, self.get_preview_template(request, mode_name), context
            )
            response.render()
        return response

    @classmethod
    def for_reader(
        cls,
        locale: Locale | int,
        *,
        audience: str = "",
        driver: str = "",
        stage_key=None,
        sector: str = "",
        with_stages: bool = True,
    ) -> list:
        """Live recommendations matching the filters (slugs; a stage by translation key), in
        the reader's language where translated. A recommendation with no sectors applies to all.

        Tags (audience, driver, stages, sectors) are the source-language record's, so a
        translation never loses them; the text comes from the reader's language where a
        translation exists. Two queries (recommendations, their stages; one without
        `with_stages`) however many recommendations there are, in any language; then cached
        until a recommendation, a term or a page changes."""
        wanted = locale if isinstance(locale, int) else locale.pk
        key = f"roadmap:recommendations:{wanted}:{audience}:{driver}:{stage_key}:{sector}:{with_stages}"
        return cached(
            key, lambda: cls._read(wanted, audience, driver, stage_key, sector, with_stages)
        )

    @classmethod
    def summary(cls, locale: Locale | int, **filters) -> RecommendationSummary:
        """What pages show of `for_reader(locale, **filters)`: counts by stage, driver, audience
        and map cell, and the first few of each (roadmap/recommendation_summary.py). Cached on
        its own, so a page reads back a few items, not every recommendation."""
        wanted = locale if isinstance(locale, int) else locale.pk
        with_stages = filters.get("with_stages", True)
        key = f"roadmap:recommendation-summary:{filters_key(wanted, filters)}"
        return cached(key, lambda: summarise(cls.for_reader(wanted, **filters), with_stages))

    @classmethod
    def _read(cls, wanted, audience, driver, stage_key, sector, with_stages) -> list:
        default = Locale.get_default()
        queryset = (
            cls.objects.filter(live=True, locale=default)
            .select_related("audience", "driver")
            .order_by("audience__sort_order", "sort_order", "title")
        )
        if with_stages:
            queryset = queryset.prefetch_related(
                Prefetch(
                    "stages",
                    queryset=RoadmapStagePage.objects.only("id", "translation_key", "path"),
                )
            )
        if audience:
            queryset = queryset.filter(audience__slug=audience)
        if driver:
            queryset = queryset.filter(driver__slug=driver)
        if stage_key:
            queryset = queryset.filter(stages__translation_key=stage_key)
        if sector:
            queryset = queryset.filter(Q(sectors__isnull=True) | Q(sectors__slug=sector))
        if wanted != default.pk:
            # The reader's translation, read in the same query.
            translated = cls.objects.filter(
                live=True, locale_id=wanted, translation_key=OuterRef("translation_key")
            )
            queryset = queryset.annotate(
                local_title=Subquery(translated.values("title")[:1]),
                local_body=Subquery(translated.values("body")[:1]),
            )
        items = list(queryset.distinct())
        for item in items:
            # `lang` marks text shown in the default language because it is not translated
            # yet, so screen readers pronounce it correctly.
            item.lang = ""
            if getattr(item, "local_title", None):
                item.title = item.local_title
                item.body = item.local_body
            elif wanted != default.pk:
                item.lang = default.language_code
        return items


class BaselineEntry(models.Model):
    """One anonymous self-assessment result added to the London baseline: only the stages the
    answers point to, the sector and the borough, and when. No answers, no personal data."""

    created_at = models.DateTimeField(auto_now_add=True)
    overall_stage = models.ForeignKey(
        "roadmap.RoadmapStagePage", on_delete=models.CASCADE, related_name="+"
    )
    driver_stages = models.JSONField(
        default=dict, help_text=_("The stage slug for each driver of change slug.")
    )
    sector = models.ForeignKey(
        "home.Sector", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    borough = models.ForeignKey(
        "home.Borough", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The hash of the signed one-time token the result page issued (roadmap/baseline_token.py):
    # unique, so a token adds one entry however often it is sent.
    submission_key = models.CharField(
        max_length=64,
        unique=True,
        help_text=_("A hash of the one-time token the entry was added with."),
    )

    class Meta:
        verbose_name = _("baseline entry")
        verbose_name_plural = _("baseline entries")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.overall_stage} ({self.created_at:%Y-%m-%d})"

    @classmethod
    def counts(cls) -> list[tuple]:
        """(stage key, sector key, borough key, number of entries) for every combination that
        has entries: one grouped query whatever the number of entries, then cached until an
        entry is added or deleted (roadmap/signal_handlers.py)."""

        def build():
            return [
                (
                    row["overall_stage__translation_key"],
                    row["sector__translation_key"],
                    row["borough__translation_key"],
                    row["entries"],
                )
                for row in cls.objects.values(
                    "overall_stage__translation_key",
                    "sector__translation_key",
                    "borough__translation_key",
                )
                .annotate(entries=Count("pk"))
                .order_by()
            ]

        return cached(f"roadmap:baseline-counts:{summary_version()}", build)

    @classmethod
    def summary(cls, locale: Locale | int, min_group: int = 0) -> dict:
        """The baseline in `locale`, grouped by sector and by borough; groups smaller than
        `min_group` are counted but not shown (roadmap/baseline.py)."""
        return aggregate(cls.counts(), RoadmapStagePage.live_in(locale), locale, min_group)
