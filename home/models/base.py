"""The abstract base page every page type on the site extends."""

from __future__ import annotations

from collections.abc import Collection

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


class QuickExit(models.TextChoices):
    """Whether a page shows the 'Exit this page' button: as its page type does by default (the
    site settings say which types do), or shown or hidden on this page whatever its type."""

    DEFAULT = "default", _("Use the default for this page type")
    SHOW = "show", _("Show")
    HIDE = "hide", _("Hide")


class QuickExitField(models.CharField):
    """The page's QuickExit choice. The editor's form always sends it (one option is always
    chosen); a form that leaves it out altogether, such as one opened before the field existed,
    keeps the page's current choice instead of failing."""

    def formfield(self, **kwargs):
        field = super().formfield(**kwargs)
        if field is not None:
            field.required = False
        return field


class SitePage(Page):
    """Common fields for every page: listing summary, social sharing and example-content marking.

    Translators see the text fields; images and flags stay in step with the source page.
    """

    listing_summary = models.TextField(
        blank=True,
        max_length=300,
        help_text=_(
            "One or two sentences shown in listings, search results and when the page is shared."
        ),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown in listings. Also used when the page is shared, unless a social image is set."
        ),
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when the page is shared on social media: 1200 by 630 pixels works best."
        ),
    )
    is_example_content = models.BooleanField(
        default=False,
        verbose_name=_("example content"),
        help_text=_(
            "Ticked on demonstration pages whose details are invented. Readers see a note saying "
            "so; untick it once the page holds real, checked content."
        ),
    )
    quick_exit = QuickExitField(
        max_length=7,
        choices=QuickExit.choices,
        default=QuickExit.DEFAULT,
        verbose_name=_("'Exit this page' button"),
        help_text=_(
            "A button at the top of the page that leaves the site at once (keyboard users can "
            "also press Shift 3 times), for readers who may be at risk if someone sees what they "
            "are reading. The site settings say which page types show it by default; choose "
            "Show or Hide to decide for this page alone. Its translations follow this page."
        ),
    )

    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("listing_summary"),
        SynchronizedField("slug"),
        SynchronizedField("listing_image"),
        SynchronizedField("social_image"),
        SynchronizedField("is_example_content"),
        # A reader's safety does not depend on their language: every translation shows the
        # button exactly when the original page does, and translators cannot change that.
        SynchronizedField("quick_exit", overridable=False),
    ]

    # Fields readers never see (an event's joining link): each page type that has one lists it
    # here and marks it SynchronizedField(..., overridable=False), so wagtail-localize copies it
    # to translations but never shows it to translators (tests/home/test_translation.py).
    private_fields: tuple[str, ...] = ()

    search_fields = [*Page.search_fields, index.SearchField("listing_summary")]

    # Wagtail's search_description is what readers see under the title in search results.
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            heading=_("For search engines"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("listing_summary"),
                FieldPanel("listing_image"),
                FieldPanel("social_image"),
            ],
            heading=_("In listings and when shared"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("Main navigation")),
    ]
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("is_example_content"),
        FieldPanel("quick_exit", widget=forms.RadioSelect),
    ]

    class Meta:
        abstract = True

    def get_admin_display_title(self) -> str:
        title = super().get_admin_display_title()
        return f"{title} [{_('example')}]" if self.is_example_content else title

    def get_view_restrictions(self):
        """The view restrictions on this page and its ancestors: those home/routing.py read
        for this request when it routed here, else Wagtail's query."""
        routed = getattr(self, "_routed_view_restrictions", None)
        if routed is not None:
            return routed
        return super().get_view_restrictions()

    def shows_quick_exit(self, default_page_types: Collection[str]) -> bool:
        """Whether readers get the 'Exit this page' button here: this page's own choice, or
        else whether its type is among `default_page_types` (the site settings' labels, such
        as "casestudies.casestudypage", read from the cached chrome: no query)."""
        if self.quick_exit == QuickExit.SHOW:
            return True
        if self.quick_exit == QuickExit.HIDE:
            return False
        return self._meta.label_lower in default_page_types

    @property
    def summary(self) -> str:
        return self.listing_summary or self.search_description

    @property
    def sharing_image(self):
        return self.social_image or self.listing_image
