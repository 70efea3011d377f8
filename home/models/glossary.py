"""The glossary: terms readers may not know (ACEs, ICB, the Serious Violence Duty, ...), each
with a plain-language definition and where it comes from.

A term is a translatable snippet that goes through the same review as the footer text. The
glossary page (GlossaryPage) lists every live term in the reader's language, and the first
use of a term in a page's body text links to it (home/glossary.py marks it up).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    Locale,
    Page,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.rich_text import expand_db_html
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.caching import cached
from home.models.base import SitePage

# Arabic's definite article ("al-"), left out when terms are put in alphabetical order, as
# Arabic dictionaries do: a term is filed under the first letter of its noun, not under alif.
ARABIC_ARTICLE = "ال"


def sort_key(name: str, language_code: str = "") -> str:
    """Where a term goes in alphabetical order in its language."""
    key = name.strip().casefold()
    if language_code.startswith("ar") and key.startswith(ARABIC_ARTICLE) and len(key) > 3:
        key = key[len(ARABIC_ARTICLE) :]
    return key


def first_letter(name: str, language_code: str = "") -> str:
    """The letter a term is filed under in the glossary's A to Z."""
    key = sort_key(name, language_code)
    return key[:1].upper() if key[:1].isalpha() else "#"


class GlossaryTerm(
    TranslatableMixin,
    WorkflowMixin,
    DraftStateMixin,
    RevisionMixin,
    index.Indexed,
    models.Model,
):
    """A word or phrase explained in the glossary, and linked where a page first uses it."""

    term = models.CharField(
        max_length=120,
        help_text=_(
            "The word or phrase as readers meet it in a sentence, e.g. 'trauma-informed' or "
            "'Integrated Care Board'. Its first use on a page links to the glossary."
        ),
    )
    abbreviation = models.CharField(
        max_length=20,
        blank=True,
        help_text=_(
            "Optional. The short form, exactly as it is written, e.g. 'ACEs', 'ICB' or 'VRU'. "
            "Its first use on a page links to the glossary too, and shows the full form."
        ),
    )
    expansion = models.CharField(
        max_length=150,
        blank=True,
        help_text=_(
            "The short form written out in full, e.g. 'Adverse Childhood Experiences'. Leave "
            "blank if it is the term itself."
        ),
    )
    definition = RichTextField(
        features=["bold", "italic", "link"],
        help_text=_(
            "What it means, in one to three plain sentences a reader new to the subject "
            "understands."
        ),
    )
    variants = models.TextField(
        blank=True,
        verbose_name=_("also matches"),
        help_text=_(
            "Optional. Other ways the term is written, one per line, e.g. 'trauma informed' or "
            "a plural. The first use of any of them on a page links to this term."
        ),
    )
    slug = models.SlugField(
        max_length=120,
        allow_unicode=True,
        blank=True,
        help_text=_(
            "The term's address on the glossary page (#term-…). Made from the term if left "
            "blank; keep it the same in every language."
        ),
    )
    source = models.CharField(
        max_length=250,
        blank=True,
        help_text=_(
            "Where the definition comes from, shown under it, e.g. 'London VRU, Trauma "
            "Informed Research'. Leave blank for the site's own explanation."
        ),
    )
    is_example_content = models.BooleanField(
        default=False,
        verbose_name=_("example content"),
        help_text=_(
            "Ticked where the definition is written for the demonstration site and not yet "
            "checked. Readers see it marked as an example."
        ),
    )

    panels = [
        FieldPanel("term"),
        MultiFieldPanel(
            [FieldPanel("abbreviation"), FieldPanel("expansion")],
            heading=_("Abbreviation"),
        ),
        FieldPanel("definition"),
        FieldPanel("source"),
        FieldPanel("variants"),
        FieldPanel("slug"),
        FieldPanel("is_example_content"),
    ]
    search_fields = [
        index.SearchField("term"),
        index.AutocompleteField("term"),
        index.SearchField("abbreviation"),
        index.AutocompleteField("abbreviation"),
        index.SearchField("expansion"),
        index.SearchField("definition"),
        index.SearchField("variants"),
        index.FilterField("locale"),
        index.FilterField("live"),
    ]
    override_translatable_fields = [
        TranslatableField("term"),
        TranslatableField("abbreviation"),
        TranslatableField("expansion"),
        TranslatableField("definition"),
        TranslatableField("variants"),
        TranslatableField("source"),
        SynchronizedField("slug"),
        SynchronizedField("is_example_content"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("glossary term")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]
        ordering = ["term"]

    def __str__(self) -> str:
        if self.abbreviation:
            return f"{self.term} ({self.abbreviation})"
        return self.term

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.term, allow_unicode=True)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.expansion and not self.abbreviation:
            raise ValidationError(
                {
                    "expansion": _(
                        "Add the abbreviation this is the full form of, or leave this blank."
                    )
                }
            )
        if not self.slug:
            self.slug = slugify(self.term, allow_unicode=True)
        clash = (
            GlossaryTerm.objects.filter(locale_id=self.locale_id, slug=self.slug)
            .exclude(translation_key=self.translation_key)
            .exists()
        )
        if self.locale_id and clash:
            raise ValidationError(
                {"slug": _("Another term already uses this address: choose a different one.")}
            )

    def variant_list(self) -> list[str]:
        return [line.strip() for line in self.variants.splitlines() if line.strip()]

    # The one way to read the glossary in a language: what the glossary page lists and what
    # the body-text mark-up links, from one cached query until an editor changes a term or
    # publishes a page.

    @classmethod
    def glossary_in(cls, locale: Locale | int) -> dict:
        """The live terms of `locale` in its alphabetical order, as plain dicts (their
        definitions already rendered), and the address of that language's glossary page
        (None when it has none), and the language's code. Three queries when built, then cached."""
        wanted = locale if isinstance(locale, int) else locale.pk

        def build() -> dict:
            page = (
                GlossaryPage.objects.live()
                .public()
                .filter(locale_id=wanted)
                .order_by("path")
                .first()
            )
            language_code = Locale.objects.get(pk=wanted).language_code
            rows = cls.objects.filter(locale_id=wanted, live=True)
            terms = [
                {
                    "slug": row.slug,
                    "term": row.term,
                    "abbreviation": row.abbreviation,
                    "expansion": row.expansion or (row.term if row.abbreviation else ""),
                    "definition": expand_db_html(row.definition),
                    "source": row.source,
                    "variants": row.variant_list(),
                    "is_example_content": row.is_example_content,
                    "letter": first_letter(row.term, language_code),
                    "sort_key": sort_key(row.term, language_code),
                }
                for row in rows
            ]
            terms.sort(key=lambda term: term["sort_key"])
            return {
                "url": page.url if page else None,
                "terms": terms,
                "language_code": language_code,
            }

        return cached(f"glossary:{wanted}", build)


class GlossaryPage(SitePage):
    """The glossary: every live term in the page's language, from A to Z."""

    introduction = models.TextField(
        max_length=600,
        blank=True,
        help_text=_("A short opening paragraph above the terms, shown larger."),
    )

    content_panels = [*SitePage.content_panels, FieldPanel("introduction")]
    search_fields = [*SitePage.search_fields, index.SearchField("introduction")]
    override_translatable_fields = [
        *SitePage.override_translatable_fields,
        TranslatableField("introduction"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("glossary page")

    @classmethod
    def can_create_at(cls, parent: Page) -> bool:
        """One glossary per language: the body-text links go to it."""
        return super().can_create_at(parent) and not (
            cls.objects.filter(locale_id=parent.locale_id).exists()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        terms = GlossaryTerm.glossary_in(self.locale_id)["terms"]
        letters: dict[str, list[dict]] = {}
        for term in terms:
            letters.setdefault(term["letter"], []).append(term)
        context["glossary_letters"] = list(letters.items())
        return context
