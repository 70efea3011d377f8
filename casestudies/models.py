"""Promising practice and research: case study finder, case studies and research reports."""

from __future__ import annotations

from django import forms
from django.core.paginator import Page
from django.db import models
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from casestudies.blocks import CaseStudyStoryBlock, ReportUpdatesBlock
from casestudies.finder import CaseStudyFinder
from casestudies.forms import CaseStudyPageForm, SharePracticeForm
from home.articles import ArticleMixin, atom_response
from home.blocks import BaseStoryBlock
from home.chrome_context import organisation
from home.listing import cached_page, paginate
from home.models import Audience, Borough, DriverOfChange, Principle, Sector, SitePage

RESULTS_PER_PAGE = 12
# The card every list of case studies shows (the finder, stage pages, related case studies).
CARD_TEMPLATE = "casestudies/includes/case_study_card.html"


class CaseStudyIndexPage(RoutablePageMixin, SitePage):
    """Promising practice: the case study finder. Readers filter the case studies below it by
    sector, borough, principle, driver of change, roadmap stage and audience, or search them."""

    introduction = models.TextField(
        max_length=600, blank=True, help_text=_("Shown under the title, above the finder.")
    )

    content_panels = [*SitePage.content_panels, FieldPanel("introduction")]
    lists_content = True  # purged with every publish (home/purging.py)
    parent_page_types = ["home.HomePage"]
    subpage_types = ["casestudies.CaseStudyPage", "casestudies.SharePracticePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("case study index page")

    def get_cached_paths(self):
        return ["/", "/feed/"]

    def case_studies(self, lookups: dict | None = None, text: str = ""):
        """The live case studies in this finder matching every lookup (e.g. {"sector__slug":
        "policing"}) and the words in `text`, newest first, with what their cards show."""
        queryset = (
            CaseStudyPage.objects.child_of(self).live().order_by("-first_published_at", "-pk")
        )
        for lookup, value in (lookups or {}).items():
            # A subquery per filter: filters combine (AND) and a page never appears twice.
            queryset = queryset.filter(
                pk__in=CaseStudyPage.objects.filter(**{lookup: value}).values("pk")
            )
        if text:
            queryset = queryset.filter(
                Q(title__icontains=text)
                | Q(summary__icontains=text)
                | Q(organisation__icontains=text)
            )
        return queryset.select_related("sector", "listing_image").prefetch_related(
            "listing_image__renditions"
        )

    def finder(self, request) -> CaseStudyFinder:
        return CaseStudyFinder(self, request.GET)

    def result_cards(self, request, finder: CaseStudyFinder) -> tuple[Page, int]:
        """The page of results the address asks for (?page=N; as `paginate` reads it), its items
        the cards' HTML, and the number of results in all.

        Without search words the addresses are few (valid filters and page numbers), so the
        whole answer comes from the content cache until the next publish: no query and no card
        to render once warm. The cards are the card component's own output, so they read the
        same as anywhere else; searches, and page numbers no link gives, are built each time."""
        context = {"request": request}
        page = cached_page(
            request,
            None
            if "q" in finder.values
            else f"finder:{self.pk}:{get_language()}:{finder.canonical_query()}",
            finder.results,
            RESULTS_PER_PAGE,
            shown=lambda page: [
                render_to_string(CARD_TEMPLATE, {**context, "item": item}) for item in page
            ],
        )
        return page, page.paginator.count

    @path("")
    def index_route(self, request):
        finder = self.finder(request)
        results, count = self.result_cards(request, finder)
        return self.render(
            request,
            context_overrides={
                "finder": finder,
                "results": results,
                "result_count": count,
                "feed_url": self.get_url(request) + self.reverse_subpage("feed_route"),
            },
        )

    @path("feed/")
    def feed_route(self, request):
        finder = self.finder(request)
        items = list(finder.results()[: RESULTS_PER_PAGE * 2])
        query = finder.canonical_query()
        return atom_response(
            request,
            title=f"{self.title}: {finder.describe()}" if query else self.title,
            link=self.get_full_url(request) + (f"?{query}" if query else ""),
            description=self.introduction or self.summary,
            language=self.locale.language_code,
            items=[
                {
                    "title": item.title,
                    "link": item.get_full_url(request),
                    "description": item.summary,
                    "date": item.last_published_at or item.first_published_at,
                    "categories": [item.sector.name] if item.sector and item.sector.live else [],
                    "is_example_content": item.is_example_content,
                }
                for item in items
            ],
        )


class CaseStudyPage(ArticleMixin, SitePage):
    """A case study of promising trauma-informed practice from one London organisation, tagged
    so that readers can find it by sector, borough, principle, driver of change, stage and audience."""

    summary = models.TextField(
        max_length=600,
        help_text=_("Two or three sentences: who did what, and what changed. Shown in the finder."),
    )
    organisation = models.CharField(
        max_length=200, help_text=_("The organisation or partnership whose practice this is.")
    )
    sector = models.ForeignKey(
        "home.Sector",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
        help_text=_("The organisation's sector."),
    )
    boroughs = ParentalManyToManyField(
        "home.Borough",
        blank=True,
        related_name="case_studies",
        help_text=_("The London boroughs where this practice happens. Leave empty if London-wide."),
    )
    principles = ParentalManyToManyField(
        "home.Principle",
        blank=True,
        related_name="case_studies",
        help_text=_("The principles of trauma-informed practice this case study shows."),
    )
    drivers = ParentalManyToManyField(
        "home.DriverOfChange",
        blank=True,
        related_name="case_studies",
        verbose_name=_("drivers of change"),
        help_text=_("The drivers of change this case study shows."),
    )
    audiences = ParentalManyToManyField(
        "home.Audience",
        blank=True,
        related_name="case_studies",
        help_text=_("Who will learn most from it."),
    )
    stage = models.ForeignKey(
        "roadmap.RoadmapStagePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
        verbose_name=_("roadmap stage"),
        help_text=_("The roadmap stage this practice illustrates."),
    )
    body = StreamField(CaseStudyStoryBlock(), blank=True)
    contact = models.TextField(
        blank=True,
        max_length=600,
        verbose_name=_("contact or find out more"),
        help_text=_("Who to contact, or where to find out more. Plain text: one or two lines."),
    )
    contact_url = models.URLField(
        blank=True,
        verbose_name=_("find out more link"),
        help_text=_("A web address where readers can find out more, if there is one."),
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text=_("When the organisation last checked that this case study is still accurate."),
    )

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("organisation"),
        MultiFieldPanel(
            [
                FieldPanel("sector"),
                FieldPanel("boroughs"),
                FieldPanel("principles", widget=forms.CheckboxSelectMultiple),
                FieldPanel("drivers", widget=forms.CheckboxSelectMultiple),
                FieldPanel("stage"),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("How readers find it"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("contact"), FieldPanel("contact_url"), FieldPanel("last_reviewed")],
            heading=_("Find out more"),
        ),
    ]
    override_translatable_fields = [
        *SitePage.override_translatable_fields,
        TranslatableField("summary"),
        TranslatableField("organisation"),
        TranslatableField("body"),
        TranslatableField("contact"),
        SynchronizedField("contact_url"),
        SynchronizedField("last_reviewed"),
        SynchronizedField("boroughs"),
        SynchronizedField("principles"),
        SynchronizedField("drivers"),
        SynchronizedField("audiences"),
        SynchronizedField("stage"),
    ]
    search_fields = [
        *SitePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("organisation"),
        index.SearchField("body"),
        index.FilterField("sector"),
    ]
    parent_page_types = ["casestudies.CaseStudyIndexPage"]
    subpage_types: list[str] = []
    base_form_class = CaseStudyPageForm

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def facts(self) -> dict:
        """Everything the facts box shows, in the page's language. A translated page keeps the
        source page's tags, so they are named in this page's language where translated."""
        locale = self.locale_id
        return {
            "boroughs": Borough.localize(self.boroughs.all(), locale),
            "principles": Principle.localize(self.principles.all(), locale),
            "drivers": DriverOfChange.localize(self.drivers.all(), locale),
            "audiences": Audience.localize(self.audiences.all(), locale),
            "stage": self.stage.localized if self.stage else None,
        }

    @classmethod
    def newest(cls):
        """Live, public case studies, newest first, with what their cards show (the home
        page's "Newest case studies" reads them by label, "casestudies.CaseStudyPage")."""
        return (
            cls.objects.live()
            .public()
            .select_related("sector", "listing_image")
            .order_by("-first_published_at", "-pk")
        )

    def related_case_studies(self, limit: int = 3) -> list[CaseStudyPage]:
        """Other case studies sharing the most principles, drivers and sector, in one query."""
        through_principles = CaseStudyPage.principles.through.objects.filter(
            casestudypage_id=self.pk
        ).values("principle__slug")
        through_drivers = CaseStudyPage.drivers.through.objects.filter(
            casestudypage_id=self.pk
        ).values("driverofchange__slug")
        score = Count(
            "principles", filter=Q(principles__slug__in=through_principles), distinct=True
        ) + Count("drivers", filter=Q(drivers__slug__in=through_drivers), distinct=True)
        queryset = (
            CaseStudyPage.objects.live()
            .filter(locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .annotate(shared=score)
            .filter(shared__gt=0)
            .order_by("-shared", "-first_published_at")
            .select_related("listing_image", "sector")
            .prefetch_related("listing_image__renditions")
        )
        return list(queryset[:limit])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Callables, evaluated only when the cached fragment that shows them is rebuilt.
        context["related"] = self.related_case_studies
        return context

    def article_author(self, request=None) -> str:
        return self.organisation


class ResearchIndexPage(SitePage):
    """Research and resources: lists the reports and documents the programme publishes."""

    introduction = models.TextField(max_length=600, blank=True)
    body = StreamField(BaseStoryBlock(), blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    lists_content = True  # purged with every publish (home/purging.py)
    parent_page_types = ["home.HomePage"]
    subpage_types = ["casestudies.ReportPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("research index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = paginate(
            request,
            ReportPage.objects.child_of(self)
            .live()
            .select_related("listing_image")
            .order_by("-publication_date", "-pk"),
        )
        return context


class ReportPage(ArticleMixin, SitePage):
    """A research output, such as the main report, with its documents to download, how to cite
    it and any corrections since it was published."""

    summary = models.TextField(
        max_length=800, help_text=_("What the report is and what it found, in a short paragraph.")
    )
    publication_date = models.DateField(
        default=timezone.localdate, help_text=_("When the report was first published.")
    )
    authors = models.CharField(
        max_length=250,
        blank=True,
        help_text=_("Who wrote it, e.g. 'Dartington Service Design Lab and Friendship'."),
    )
    body = StreamField(BaseStoryBlock(), blank=True)
    citation = models.TextField(
        blank=True,
        max_length=600,
        verbose_name=_("cite this"),
        help_text=_(
            "How to cite the report. Leave blank to build it from the authors, year and title."
        ),
    )
    updates = StreamField(
        ReportUpdatesBlock(),
        blank=True,
        verbose_name=_("corrections and updates"),
        help_text=_("Add a dated note each time the report or its documents change."),
    )

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("publication_date"),
        FieldPanel("authors"),
        InlinePanel("documents", heading=_("Documents"), label=_("Document")),
        FieldPanel("body"),
        FieldPanel("citation"),
        FieldPanel("updates"),
    ]
    override_translatable_fields = [
        *SitePage.override_translatable_fields,
        TranslatableField("summary"),
        TranslatableField("body"),
        TranslatableField("citation"),
        TranslatableField("updates"),
        SynchronizedField("publication_date"),
        SynchronizedField("authors"),
    ]
    search_fields = [
        *SitePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["casestudies.ResearchIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("report")

    def get_citation(self, request=None) -> str:
        if self.citation:
            return self.citation
        publisher = organisation(request)["name"]
        authors = self.authors or publisher
        return f"{authors} ({self.publication_date.year}). {self.title}. {publisher}. {self.get_full_url(request)}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["report_documents"] = lambda: list(self.documents.select_related("document"))
        context["cite"] = self.get_citation(request)
        return context

    def article_published(self):
        return self.publication_date

    def article_author(self, request=None) -> str:
        return self.authors or organisation(request)["name"]


class ReportDocument(Orderable):
    """One downloadable file of a report: the main report, the executive summary, a case study
    collection or the data."""

    KIND_CHOICES = [
        ("main", _("Main report")),
        ("summary", _("Executive summary")),
        ("case-studies", _("Case study collection")),
        ("data", _("Data")),
        ("other", _("Other")),
    ]

    page = ParentalKey(ReportPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Upload PDF, Word, Excel, OpenDocument, PowerPoint, CSV or text, up to 20 MB."),
    )
    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default="main")
    title = models.CharField(
        max_length=200, blank=True, help_text=_("Leave blank to use the document's own title.")
    )

    panels = [FieldPanel("document"), FieldPanel("kind"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("report document")

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


class SharePracticePage(SitePage):
    """The public "share your practice" form. Each submission becomes a draft case study that
    goes to the Moderators for review; it is never live by itself. The submitter's contact
    details are kept apart (PracticeSubmission) and never published."""

    introduction = RichTextField(
        blank=True,
        features=["bold", "link", "ul"],
        help_text=_(
            "What you are asking for, what happens next (a Moderator reviews it and may edit it "
            "before it is published) and how the contact details are used."
        ),
    )
    thank_you_text = RichTextField(
        blank=True,
        features=["bold", "link", "ul"],
        help_text=_("Shown once the form is sent: say what happens next and when."),
    )

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("thank_you_text"),
    ]
    parent_page_types = ["home.HomePage", "home.StandardPage", "casestudies.CaseStudyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("share your practice page")

    @property
    def send_url(self) -> str:
        """Where the form posts: its own address outside the page tree (no CSRF cookie)."""
        return reverse("casestudies:share_practice", kwargs={"page_id": self.pk})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.setdefault("form", SharePracticeForm(locale_id=self.locale_id))
        context["sent"] = request.method == "GET" and request.GET.get("sent") == "1"
        return context

    def draft_case_study(self, answers: dict) -> CaseStudyPage:
        """A draft case study (never live) under this language's case study finder, from a
        practitioner's answers, submitted to the Moderators."""
        index = CaseStudyIndexPage.objects.filter(locale_id=self.locale_id).first()
        if index is None:
            raise CaseStudyIndexPage.DoesNotExist("no case study finder in this language")
        by_slug = {
            name: model.terms_by_slug(self.locale_id)
            for name, model in (
                ("sector", Sector),
                ("boroughs", Borough),
                ("principles", Principle),
                ("drivers", DriverOfChange),
            )
        }
        page = CaseStudyPage(
            title=answers["title"],
            slug=_unique_slug(index, answers["title"]),
            live=False,
            summary=answers["what_changed"][:600],
            organisation=answers["organisation"],
            sector=by_slug["sector"].get(answers["sector"]),
            body=[
                ("heading", {"text": str(_("What they did")), "level": "h2"}),
                ("paragraph", _paragraphs(answers["what_they_did"])),
                ("heading", {"text": str(_("What changed")), "level": "h2"}),
                ("paragraph", _paragraphs(answers["what_changed"])),
            ],
        )
        for name in ("boroughs", "principles", "drivers"):
            getattr(page, name).set(
                [by_slug[name][slug] for slug in answers[name] if slug in by_slug[name]]
            )
        index.add_child(instance=page)
        page.save_revision()
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, user=None)  # submitted by a reader, not an admin user
        return page


def _paragraphs(text: str) -> str:
    """A reader's plain text as rich text: escaped, one paragraph per blank-line-separated part."""
    parts = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
    return "".join(f"<p>{escape(part)}</p>" for part in parts)


def _unique_slug(parent, title: str) -> str:
    base = slugify(title, allow_unicode=True)[:60] or "shared-practice"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


class PracticeSubmission(models.Model):
    """Who shared a practice, kept apart from the draft case study and never published. Deleted
    PRACTICE_CONTACT_RETENTION_DAYS after it was sent (manage.py purge_practice_submissions);
    exported and erased with a person's other data."""

    page = models.OneToOneField(
        CaseStudyPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submission",
        help_text=_("The draft case study made from it."),
    )
    contact_name = models.CharField(max_length=120)
    contact_email = models.EmailField(max_length=254)
    consent_contact = models.BooleanField(default=False)
    consent_publish = models.BooleanField(default=False)
    language = models.CharField(max_length=10)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("shared practice contact")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.contact_name} ({self.created_at:%Y-%m-%d})"
