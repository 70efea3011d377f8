"""The abstract base page every page type on the site extends."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


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

    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("listing_summary"),
        SynchronizedField("slug"),
        SynchronizedField("listing_image"),
        SynchronizedField("social_image"),
        SynchronizedField("is_example_content"),
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
    settings_panels = [*Page.settings_panels, FieldPanel("is_example_content")]

    class Meta:
        abstract = True

    def get_admin_display_title(self) -> str:
        title = super().get_admin_display_title()
        return f"{title} [{_('example')}]" if self.is_example_content else title

    @property
    def summary(self) -> str:
        return self.listing_summary or self.search_description

    @property
    def sharing_image(self):
        return self.social_image or self.listing_image
