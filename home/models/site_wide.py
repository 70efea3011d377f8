"""Site-wide settings and snippets that frame every page: the site settings (contact details,
social platforms, footer pages), the translatable footer text and the notice banner, both
previewed in a real page frame."""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    Locale,
    PreviewableMixin,
    RevisionMixin,
    Site,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home import chrome_context
from home.blocks import FooterLinkBlock, SocialPlatformBlock, validate_https
from home.models.base import SitePage

DEFAULT_ORGANISATION_NAME = "London Violence Reduction Unit"
# Somewhere harmless and everyday, so that leaving in a hurry gives nothing away.
DEFAULT_QUICK_EXIT_URL = "https://www.bbc.co.uk/weather"

# The page types that show the 'Exit this page' button unless a page decides otherwise (issue
# 13): the sections whose pages tell of violence and trauma (case studies, news, events and the
# roadmap with its stages and self-assessment) and their index pages, which list those stories.
# Standard pages (about the programme, policies) do not; a page about support can opt in.
DEFAULT_QUICK_EXIT_PAGE_TYPES = (
    "casestudies.casestudyindexpage",
    "casestudies.casestudypage",
    "events.eventindexpage",
    "events.eventpage",
    "home.newsindexpage",
    "home.newspage",
    "roadmap.roadmappage",
    "roadmap.roadmapstagepage",
    "roadmap.selfassessmentpage",
)


def default_quick_exit_page_types() -> list[str]:
    return list(DEFAULT_QUICK_EXIT_PAGE_TYPES)


def public_page_types() -> list[tuple[str, str]]:
    """Every page type readers can see (each concrete page model built on SitePage), as
    (label, name) pairs sorted by name; the label is the model's, e.g. "home.newspage"."""
    found = [
        (model._meta.label_lower, capfirst(model._meta.verbose_name))
        for model in apps.get_models()
        if issubclass(model, SitePage)
    ]
    return sorted(found, key=lambda pair: str(pair[1]))


def validate_page_types(value) -> None:
    """A list of known page types' labels (public_page_types)."""
    if not isinstance(value, list) or not all(isinstance(label, str) for label in value):
        raise ValidationError(_("Choose page types from the list."), code="not_a_list")
    unknown = sorted(set(value) - {label for label, _name in public_page_types()})
    if unknown:
        raise ValidationError(
            _("These are not page types of this site: %(unknown)s. Choose from the list."),
            code="unknown_page_type",
            params={"unknown": ", ".join(unknown)},
        )


class PageTypesField(models.JSONField):
    """A list of page types, stored as their labels; editors tick them in a list of every page
    type readers can see."""

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=public_page_types,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
        )


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details, social links and the pages the footer links to."""

    contact_email = models.EmailField(
        blank=True, help_text=_("Shown in the footer for general enquiries.")
    )
    contact_phone = models.CharField(
        blank=True, max_length=40, help_text=_("Shown in the footer, as written here.")
    )
    social_platforms = StreamField(
        [("platform", SocialPlatformBlock())],
        blank=True,
        verbose_name=_("social platforms"),
        help_text=_(
            "The organisation's accounts on social platforms, as many as it has, in the order "
            "the footer lists them. Each needs the platform's name and an https:// address."
        ),
    )
    organisation_name = models.CharField(
        max_length=150,
        default=DEFAULT_ORGANISATION_NAME,
        help_text=_(
            "Who runs the site: shown in the footer, and named as publisher and organiser in "
            "what search engines and calendars read and in the citations of reports. Where the "
            "footer text of a language gives the name (e.g. in Arabic), that name is used instead "
            "on that language's pages."
        ),
    )
    organisation_logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optional. The organisation's logo, given to search engines with the name of the "
            "publisher. Use a square or wide logo on a plain background."
        ),
    )
    quick_exit_url = models.URLField(
        default=DEFAULT_QUICK_EXIT_URL,
        validators=[validate_https],
        verbose_name=_("quick exit address"),
        help_text=_(
            "Where the 'Exit this page' button takes readers. Choose a harmless, everyday site "
            "(such as a weather or news page) that gives nothing away to someone looking over "
            "their shoulder. Must start with https://."
        ),
    )
    quick_exit_page_types = PageTypesField(
        default=default_quick_exit_page_types,
        blank=True,
        validators=[validate_page_types],
        verbose_name=_("page types that show the 'Exit this page' button"),
        help_text=_(
            "Pages of the ticked types show the button unless an editor has chosen Show or "
            "Hide for that page (in its Settings tab). Tick the types whose pages may be read "
            "by someone at risk if another person sees them: stories of violence, abuse or "
            "trauma, and where to find support."
        ),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cookies_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data_controller = models.CharField(
        max_length=200,
        blank=True,
        help_text=_(
            "The organisation legally responsible for the personal data this site collects (the "
            "data controller), with its address. Shown in the privacy notice."
        ),
    )
    data_protection_contact = models.CharField(
        max_length=300,
        blank=True,
        verbose_name=_("data protection officer contact"),
        help_text=_(
            "How readers reach the controller's data protection officer, e.g. an email address. "
            "Shown in the privacy notice."
        ),
    )
    data_protection_is_example = models.BooleanField(
        default=False,
        verbose_name=_("controller and contact are example content"),
        help_text=_(
            "Ticked while the two fields above hold placeholders. Readers see them marked as an "
            "example: untick once the controller has confirmed them."
        ),
    )
    accessibility_prepared_on = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("accessibility statement prepared on"),
        help_text=_("The date the accessibility statement was prepared or last reviewed."),
    )
    accessibility_tested_on = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("site last tested on"),
        help_text=_("The date the site was last tested for accessibility, as the statement says."),
    )
    accessibility_reply_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        verbose_name=_("reply time (working days)"),
        help_text=_(
            "How many working days readers wait, at most, for a reply about an accessibility "
            "problem or a request for another format. Shown in the accessibility statement."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("organisation_logo"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("social_platforms", heading=_("Social media")),
        MultiFieldPanel(
            [FieldPanel("quick_exit_url"), FieldPanel("quick_exit_page_types")],
            heading=_("Exit this page"),
            help_text=_(
                "A button at the top of a page that leaves the site at once, for readers who "
                "may be at risk if someone sees what they are reading."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("cookies_page"),
            ],
            heading=_("Footer pages"),
            help_text=_("Readers see these pages in their own language when a translation exists."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("data_controller"),
                FieldPanel("data_protection_contact"),
                FieldPanel("data_protection_is_example"),
            ],
            heading=_("Privacy notice"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_prepared_on"),
                FieldPanel("accessibility_tested_on"),
                FieldPanel("accessibility_reply_days"),
            ],
            heading=_("Accessibility statement"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def data_protection_details(self) -> dict:
        """The controller and contact, flagged as an example while they are placeholders."""
        return {
            "controller": self.data_controller,
            "contact": self.data_protection_contact,
            "is_example_content": self.data_protection_is_example,
        }

    def social_links(self) -> list[tuple[str, str]]:
        """(platform name, address) for each social platform, in the editors' order."""
        return [
            (block.value["name"], block.value["url"])
            for block in self.social_platforms
            if block.value.get("name") and block.value.get("url")
        ]


class InPageFramePreview(PreviewableMixin):
    """A preview of a part of every page's frame (the footer, the notice banner) as readers see
    it: the home page in the snippet's own language, with this unsaved version in place of the
    live one. Nothing is cached or published by previewing."""

    locale_id: int | None  # given by TranslatableMixin

    def preview_locale(self) -> Locale:
        return Locale.objects.get(pk=self.locale_id) if self.locale_id else Locale.get_default()

    def serve_preview(self, request, mode_name):
        with translation.override(self.preview_locale().language_code):
            site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
            home = site.root_page.localized.specific
            context = home.get_context(request)
            context["preview_chrome"] = chrome_context.build_chrome(site, draft=self)
            response = TemplateResponse(request, home.get_template(request), context)
            response.render()
        return response


class FooterText(
    InPageFramePreview,
    TranslatableMixin,
    WorkflowMixin,
    DraftStateMixin,
    RevisionMixin,
    models.Model,
):
    """The footer's words in one language: where to find support, a line about the programme,
    the organisation's name in this language and the footer's links."""

    support_heading = models.CharField(
        max_length=100,
        default="Need support?",
        help_text=_("The heading above the support text, e.g. 'Need support?'."),
    )
    support_text = RichTextField(
        features=["bold", "link", "ul"],
        help_text=_(
            "Where readers can find help now: helplines and services. Shown on every page."
        ),
    )
    about_text = RichTextField(
        features=["bold", "link"], blank=True, help_text=_("One line about who runs the site.")
    )
    organisation_name = models.CharField(
        max_length=150,
        blank=True,
        verbose_name=_("organisation's name in this language"),
        help_text=_(
            "Optional. The organisation's name as readers of this language know it, used in the "
            "footer, for search engines and calendars, and in report citations. Leave blank to "
            "use the name in the site settings. To give it in Arabic, fill it in here in English "
            "and translate the footer text."
        ),
    )
    links = StreamField(
        [("link", FooterLinkBlock())],
        blank=True,
        verbose_name=_("footer links"),
        help_text=_(
            "Links listed in the footer after the privacy, accessibility and cookies pages chosen "
            "in the site settings: as many as needed, in this order. A page on this site opens "
            "in the reader's language; another website needs an https:// address and link text."
        ),
    )

    panels = [
        FieldPanel("support_heading"),
        FieldPanel("support_text"),
        FieldPanel("about_text"),
        FieldPanel("organisation_name"),
        FieldPanel("links"),
    ]
    override_translatable_fields = [
        TranslatableField("support_heading"),
        TranslatableField("support_text"),
        TranslatableField("about_text"),
        TranslatableField("organisation_name"),
        TranslatableField("links"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer text")

    def __str__(self) -> str:
        return f"{_('Footer text')} ({self.locale})"


class NoticeBanner(
    InPageFramePreview,
    TranslatableMixin,
    WorkflowMixin,
    DraftStateMixin,
    RevisionMixin,
    models.Model,
):
    """A site-wide notice editors switch on and off, e.g. a change to an event. Its preview
    shows the banner even while it is switched off, so the wording can be checked first."""

    LEVELS = [("info", _("Information")), ("important", _("Important"))]

    is_enabled = models.BooleanField(
        default=False,
        verbose_name=_("show on the site"),
        help_text=_("Tick to show the banner on every page once it is published."),
    )
    level = models.CharField(
        max_length=20,
        choices=LEVELS,
        default="info",
        help_text=_("'Important' stands out more: keep it for changes readers must not miss."),
    )
    message = RichTextField(
        features=["bold", "link"], help_text=_("One or two sentences. Keep it calm and clear.")
    )

    panels = [FieldPanel("is_enabled"), FieldPanel("level"), FieldPanel("message")]
    override_translatable_fields = [
        SynchronizedField("is_enabled"),
        SynchronizedField("level"),
        TranslatableField("message"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("notice banner")

    def __str__(self) -> str:
        state = _("shown") if self.is_enabled else _("hidden")
        return f"{_('Notice banner')} ({self.locale}, {state})"
