"""The programme's taxonomy: translatable snippets every app tags its content with.

Roadmap stages are pages (roadmap.RoadmapStagePage), because readers visit them.
"""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import (
    DraftStateMixin,
    Locale,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.caching import cached

ICON_CHOICES = [
    ("shield", _("Shield (safety)")),
    ("handshake", _("Handshake (trust)")),
    ("signpost", _("Signpost (choice)")),
    ("people", _("People (collaboration)")),
    ("star", _("Star (empowerment)")),
    ("circle", _("Circle (inclusivity)")),
    ("compass", _("Compass")),
    ("leaf", _("Leaf")),
    ("building", _("Building")),
    ("heart", _("Heart")),
]


class TaxonomyTerm(
    TranslatableMixin, WorkflowMixin, DraftStateMixin, RevisionMixin, index.Indexed, models.Model
):
    """Shared fields of a taxonomy term: a name, a stable key, a description, an order.

    Terms have drafts and go through the "Moderators approval" workflow like pages (the roles:
    home/migrations/0004 and 0006): an editor's change is a draft until a Moderator publishes
    it. The row holds the published version; readers see only live terms (`terms_in`)."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(
        max_length=100,
        allow_unicode=True,
        help_text=_("Used in web addresses and filters. Keep it the same in every language."),
    )
    description = models.TextField(
        blank=True, help_text=_("A sentence or two explaining the term to readers.")
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Lower numbers come first.")
    )
    is_example_content = models.BooleanField(
        default=False,
        verbose_name=_("example content"),
        help_text=_("Ticked where the name or description is invented for the demonstration site."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        FieldPanel("is_example_content"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
        index.FilterField("live"),
    ]
    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
        SynchronizedField("is_example_content"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)
        super().save(*args, **kwargs)

    # The one way to read terms in the reader's language. Terms change rarely: they come from
    # the content cache (home/caching.py), which forgets them when an editor changes any term
    # (publishing a revision saves the term). Only live terms: a term never published (a new
    # draft) is not shown; a published term with a draft change shows its published version,
    # which is what the row holds until the change is published.

    @classmethod
    def terms_in(cls, locale: Locale | int) -> list:
        """Every live term of this taxonomy in `locale`, in order, falling back to the default
        language for a term not yet translated (or whose translation is not yet published).
        One query, then cached."""
        wanted = locale if isinstance(locale, int) else locale.pk

        def build() -> list:
            default = Locale.get_default()
            rows = cls.objects.filter(live=True, locale_id__in={wanted, default.pk}).order_by(
                "sort_order", "name"
            )
            chosen: dict = {}
            for term in rows:
                if term.translation_key not in chosen or term.locale_id == wanted:
                    chosen[term.translation_key] = term
            return sorted(chosen.values(), key=lambda term: (term.sort_order, term.name))

        return cached(f"terms:{cls._meta.label_lower}:{wanted}", build)

    @classmethod
    def terms_by_slug(cls, locale: Locale | int) -> dict:
        """`terms_in(locale)` keyed by slug (the same in every language)."""
        return {term.slug: term for term in cls.terms_in(locale)}

    @classmethod
    def localize(cls, terms, locale: Locale | int) -> list:
        """The given terms (e.g. a translated page's tags, which stay the source page's) named
        in `locale` where they have been translated, from the same cached query. A term that
        has never been published is left out."""
        by_slug = cls.terms_by_slug(locale)
        shown = (by_slug.get(term.slug, term if term.live else None) for term in terms)
        return [term for term in shown if term is not None]


class IconTerm(TaxonomyTerm):
    icon = models.CharField(
        max_length=20,
        blank=True,
        choices=ICON_CHOICES,
        help_text=_("A simple symbol shown beside the name."),
    )
    panels = [*TaxonomyTerm.panels, FieldPanel("icon")]
    override_translatable_fields = [
        *TaxonomyTerm.override_translatable_fields,
        SynchronizedField("icon"),
    ]

    class Meta(TaxonomyTerm.Meta):
        abstract = True


class Principle(IconTerm):
    """One of the six principles of trauma-informed practice (safety, trust, choice, ...).

    The principles come from a named document, and wherever they are shown readers see it."""

    source = models.CharField(
        max_length=250,
        blank=True,
        help_text=_(
            "The document these principles come from, named wherever the principles are shown, "
            "e.g. 'Thames Valley Violence Reduction Unit, Strategic Needs Assessment'."
        ),
    )

    panels = [*IconTerm.panels, FieldPanel("source")]
    override_translatable_fields = [
        *IconTerm.override_translatable_fields,
        TranslatableField("source"),
    ]

    class Meta(IconTerm.Meta):
        verbose_name = _("principle")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class DriverOfChange(IconTerm):
    """One of the four drivers of change the research identified."""

    class Meta(IconTerm.Meta):
        verbose_name = _("driver of change")
        verbose_name_plural = _("drivers of change")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class Audience(IconTerm):
    """Who a recommendation or action is for: implementers, system leaders or the VRU."""

    class Meta(IconTerm.Meta):
        verbose_name = _("audience")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class Sector(IconTerm):
    """Where someone works: policing, health, local authorities, education, voluntary sector."""

    class Meta(IconTerm.Meta):
        verbose_name = _("sector")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class Borough(TaxonomyTerm):
    """One of London's 32 boroughs, or the City of London."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("London borough")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]
