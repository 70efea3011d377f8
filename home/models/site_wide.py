"""Site-wide settings and snippets that frame every page: the site settings (contact details,
social links, footer pages), the translatable footer text and the notice banner."""

from __future__ import annotations

from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin, WorkflowMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

DEFAULT_ORGANISATION_NAME = "London Violence Reduction Unit"
# Somewhere harmless and everyday, so that leaving in a hurry gives nothing away.
DEFAULT_QUICK_EXIT_URL = "https://www.bbc.co.uk/weather"

# Its own code, so that forms keep its message instead of their own "Enter a valid URL".
validate_https = URLValidator(
    schemes=["https"],
    code="not_https",
    message=_(
        "Enter a full web address that starts with https://, e.g. https://www.bbc.co.uk/weather."
    ),
)


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details, social links and the pages the footer links to."""

    contact_email = models.EmailField(
        blank=True, help_text=_("Shown in the footer for general enquiries.")
    )
    contact_phone = models.CharField(blank=True, max_length=40)
    linkedin_url = models.URLField(blank=True, verbose_name=_("LinkedIn address"))
    bluesky_url = models.URLField(blank=True, verbose_name=_("Bluesky address"))
    x_url = models.URLField(blank=True, verbose_name=_("X (Twitter) address"))
    youtube_url = models.URLField(blank=True, verbose_name=_("YouTube address"))
    organisation_name = models.CharField(
        max_length=150,
        default=DEFAULT_ORGANISATION_NAME,
        help_text=_(
            "Who runs the site: shown in the footer, and named as publisher and organiser in "
            "what search engines and calendars read and in the citations of reports."
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
            "Where the 'Leave this site' button takes readers. Choose a harmless, everyday site "
            "(such as a weather or news page) that gives nothing away to someone looking over "
            "their shoulder. Must start with https://."
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
        MultiFieldPanel(
            [
                FieldPanel("linkedin_url"),
                FieldPanel("bluesky_url"),
                FieldPanel("x_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Social media"),
        ),
        FieldPanel("quick_exit_url"),
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
        return [
            (label, url)
            for label, url in (
                ("LinkedIn", self.linkedin_url),
                ("Bluesky", self.bluesky_url),
                ("X", self.x_url),
                ("YouTube", self.youtube_url),
            )
            if url
        ]


class FooterText(TranslatableMixin, WorkflowMixin, DraftStateMixin, RevisionMixin, models.Model):
    """The footer's words: where to find support, and a line about the programme."""

    support_heading = models.CharField(max_length=100, default="Need support?")
    support_text = RichTextField(
        features=["bold", "link", "ul"],
        help_text=_(
            "Where readers can find help now: helplines and services. Shown on every page."
        ),
    )
    about_text = RichTextField(
        features=["bold", "link"], blank=True, help_text=_("One line about who runs the site.")
    )

    panels = [FieldPanel("support_heading"), FieldPanel("support_text"), FieldPanel("about_text")]
    override_translatable_fields = [
        TranslatableField("support_heading"),
        TranslatableField("support_text"),
        TranslatableField("about_text"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer text")

    def __str__(self) -> str:
        return f"{_('Footer text')} ({self.locale})"


class NoticeBanner(TranslatableMixin, WorkflowMixin, DraftStateMixin, RevisionMixin, models.Model):
    """A site-wide notice editors switch on and off, e.g. a change to an event."""

    LEVELS = [("info", _("Information")), ("important", _("Important"))]

    is_enabled = models.BooleanField(default=False, verbose_name=_("show on the site"))
    level = models.CharField(max_length=20, choices=LEVELS, default="info")
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
