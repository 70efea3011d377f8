"""Forms editors build themselves (wagtail.contrib.forms): a contact form, a short survey.

The page renders with the site's own form components (labels, hints, error summary, fieldsets
for choices), in the reader's language: its fields are translated with the page. Readers
send it without a cookie, so it posts to its own address outside the page tree
(`home.views.send_form`, checked for origin, throttled and spam-checked like every public
form). Submissions are personal data: only people with the "view form submission" permission
(the Events team, who hold the personal-data tools, and superusers) see them in the admin, and
`manage.py purge_form_submissions` deletes them FORM_SUBMISSION_RETENTION_DAYS after they
were sent.
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractFormField, EmailFormMixin, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.forms import AccessibleForm
from home.models.base import SitePage

# The kinds of field the site's form components render well (no hidden fields, no
# multiple-select boxes, which are hard to use with a keyboard, no free-typed dates).
FIELD_TYPES = [
    ("singleline", _("Single line text")),
    ("multiline", _("Several lines of text")),
    ("email", _("Email address")),
    ("number", _("Number")),
    ("url", _("Web address")),
    ("checkbox", _("One tick box (e.g. consent)")),
    ("checkboxes", _("Tick boxes: choose any")),
    ("radio", _("Radio buttons: choose one")),
    ("dropdown", _("Drop-down list: choose one")),
]
# What a reader is told when they leave out a required field, by kind of field.
REQUIRED_MESSAGES = {
    "checkbox": _("Tick the box: %(label)s"),
    "checkboxes": _("Choose at least one: %(label)s"),
    "radio": _("Choose one: %(label)s"),
    "dropdown": _("Choose one: %(label)s"),
}
REQUIRED_MESSAGE = _("Enter %(label)s")
INVALID_MESSAGES = {
    "email": _("Enter an email address in the right format, like name@example.org"),
    "url": _("Enter a web address that starts with https://"),
    "number": _("Enter a number, like 12"),
}


class SiteFormBuilder(FormBuilder):
    """Wagtail's form builder, with the site's accessible form base and messages that say what
    to do."""

    def get_field_options(self, field):
        options = super().get_field_options(field)
        label = str(field.label).rstrip(" ?:").lower()
        message = REQUIRED_MESSAGES.get(field.field_type, REQUIRED_MESSAGE)
        options["error_messages"] = {"required": message % {"label": label}}
        if field.field_type in INVALID_MESSAGES:
            options["error_messages"]["invalid"] = INVALID_MESSAGES[field.field_type]
        if field.field_type == "singleline":
            options["error_messages"]["max_length"] = _(
                "%(label)s must be 255 characters or fewer"
            ) % {"label": field.label}
        return options

    def create_multiline_field(self, field, options):
        options["max_length"] = 4000
        options["error_messages"]["max_length"] = _(
            "%(label)s must be 4,000 characters or fewer"
        ) % {"label": field.label}
        return super().create_multiline_field(field, options)

    def create_email_field(self, field, options):
        options["widget"] = forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"})
        return super().create_email_field(field, options)

    def get_form_class(self):
        return type("SiteForm", (PageForm,), self.formfields)


class PageForm(AccessibleForm):
    """The base of every form page's form (Wagtail passes the page and the user)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        self.user = kwargs.pop("user", None)
        self.page = kwargs.pop("page", None)
        super().__init__(*args, **kwargs)


class FormField(TranslatableMixin, AbstractFormField):
    """One question on a form page. Translators translate its label, hint and choices; the
    name its answers are stored under stays the English one."""

    page = ParentalKey("home.FormPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(
        verbose_name=_("field type"),
        max_length=16,
        choices=FIELD_TYPES,
        help_text=_("What the reader gives: text, an email address, a choice..."),
    )

    override_translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
    ]

    class Meta(AbstractFormField.Meta):
        unique_together = [("translation_key", "locale")]
        verbose_name = _("form field")


class FormPage(EmailFormMixin, FormMixin, SitePage):
    """A form editors build themselves: a contact form, a short survey. Each submission is kept
    in the admin (and emailed to the address given, if any) until it is purged."""

    introduction = RichTextField(
        blank=True,
        features=["bold", "link", "ul"],
        help_text=_(
            "What the form is for, what happens next and how the answers are used. Link to the "
            "privacy notice if the form asks for personal details."
        ),
    )
    thank_you_text = RichTextField(
        blank=True,
        features=["bold", "link", "ul"],
        help_text=_("Shown once the form is sent: say what happens next and when."),
    )

    form_builder = SiteFormBuilder
    content_panels = [
        *SitePage.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("introduction"),
        InlinePanel(
            "form_fields",
            label=_("Question"),
            heading=_("Questions"),
            help_text=_(
                "Each question's label is what readers see. Ask only for what you need: every "
                "answer is personal data kept for the retention period in the privacy notice."
            ),
        ),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldPanel("to_address"),
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("subject")]),
            ],
            heading=_("Email each submission (optional)"),
            help_text=_(
                "Leave the address empty to keep submissions in the admin only (Forms, in the "
                "menu). Use a team mailbox, not a personal one."
            ),
        ),
    ]
    search_fields = [*SitePage.search_fields, index.SearchField("introduction")]
    override_translatable_fields = [
        *SitePage.override_translatable_fields,
        SynchronizedField("to_address", overridable=False),
        SynchronizedField("from_address", overridable=False),
    ]
    # The team's mailbox the submissions go to: never shown to readers (nor to translators).
    private_fields = ("to_address", "from_address")
    # The thank-you state of the page itself (also what Wagtail's "landing page" preview shows).
    landing_page_template = "home/form_page.html"

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("form page")

    @property
    def send_url(self) -> str:
        """Where the form posts: its own address outside the page tree (no CSRF cookie)."""
        return reverse("home:send_form", kwargs={"page_id": self.pk})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sent"] = request.method == "GET" and request.GET.get("sent") == "1"
        return context

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        """The page saying the form was sent (readers reach it by `send_form`'s redirect)."""
        context = self.get_context(request)
        context["sent"] = True
        return TemplateResponse(request, self.get_landing_page_template(request), context)
