"""Forms for promising practice: the admin's case study form, and the public "share your
practice" form practitioners send."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from home.forms import AccessibleForm
from home.models import Borough, DriverOfChange, Principle, Sector

TAXONOMY_FIELDS = ("boroughs", "principles", "drivers", "audiences")


class CaseStudyPageForm(WagtailAdminPageForm):
    """Offers editors only the taxonomy terms in the page's own language, so each borough or
    principle appears once in the list rather than once per language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        if locale_id is None:
            return
        for name in TAXONOMY_FIELDS:
            if name in self.fields:
                self.fields[name].queryset = self.fields[name].queryset.filter(locale_id=locale_id)


def _choices(model, locale_id: int) -> list[tuple[str, str]]:
    """A taxonomy's published terms in the reader's language, as (slug, name) choices."""
    return [(term.slug, term.name) for term in model.terms_in(locale_id)]


class SharePracticeForm(AccessibleForm):
    """A practitioner describes their practice. It becomes a draft case study for the
    Moderators; the contact details are kept apart from it and never published."""

    title = forms.CharField(
        label=_("Name of the practice"),
        max_length=120,
        help_text=_("A short name, e.g. 'Calmer custody suites'."),
        error_messages={"required": _("Enter a name for the practice.")},
    )
    organisation = forms.CharField(
        label=_("Organisation or partnership"),
        max_length=200,
        error_messages={
            "required": _("Enter the organisation or partnership whose practice it is.")
        },
    )
    what_they_did = forms.CharField(
        label=_("What did you do?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What changed in how you work, who was involved and how long it took."),
        error_messages={"required": _("Describe what you did.")},
    )
    what_changed = forms.CharField(
        label=_("What changed as a result?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("For the people you work with and for staff. Say how you know."),
        error_messages={"required": _("Describe what changed.")},
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your sector.")},
    )
    boroughs = forms.MultipleChoiceField(
        label=_("London boroughs (optional)"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave empty if the practice is London-wide."),
    )
    principles = forms.MultipleChoiceField(
        label=_("Principles it shows (optional)"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    drivers = forms.MultipleChoiceField(
        label=_("Drivers of change it shows (optional)"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    contact_name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        error_messages={"required": _("Enter your name.")},
    )
    contact_email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("We use it only to talk to you about this practice. It is never published."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address in the right format, like name@example.org"),
        },
    )
    consent_contact = forms.BooleanField(
        label=_("The programme team may contact me about this practice"),
        error_messages={"required": _("Tick the box to let the programme team contact you.")},
    )
    consent_publish = forms.BooleanField(
        label=_(
            "My organisation agrees that this description may be edited and published as a case "
            "study, without my name or email address"
        ),
        error_messages={"required": _("Tick the box to agree that it may be published.")},
    )

    def __init__(self, *args, locale_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        for name, model in (
            ("sector", Sector),
            ("boroughs", Borough),
            ("principles", Principle),
            ("drivers", DriverOfChange),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)  # MultipleChoiceField is one too
            field.choices = _choices(model, locale_id)
        # Wherever the principles are shown, their source is named (issue: truthful content).
        sources = sorted({term.source for term in Principle.terms_in(locale_id) if term.source})
        if sources:
            self.fields["principles"].help_text = _("Source: %(source)s") % {
                "source": "; ".join(sources)
            }
