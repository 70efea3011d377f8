"""The public sign-up form and the form attendees use to update their needs."""

from __future__ import annotations

import re
import unicodedata

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from home.caching import cached
from home.forms import AccessibleForm
from home.models import Sector

# Control characters (C0, DEL, C1) except tab and newline: they break emails, exports and
# terminals. Letters, emoji and right-to-left marks (format characters) are kept as typed.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def sector_choices() -> list[tuple[str, str]]:
    """The sectors in the reader's language (from the content cache once warm)."""
    language = get_language()
    return cached(
        f"events:sectors:{language}",
        lambda: [
            (str(pk), name)
            for pk, name in Sector.objects.filter(live=True, locale__language_code=language)
            .order_by("sort_order", "name")
            .values_list("pk", "name")
        ],
    )


def clean_text(value: str) -> str:
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    return CONTROL_CHARACTERS.sub("", value).strip()


def _length_messages(what):
    message = _("{what} must be %(limit_value)d characters or fewer (it has %(show_value)d).")
    return {"max_length": format_lazy(message, what=what)}


class CleanCharField(forms.CharField):
    """A text field that removes control characters before checking the length."""

    def to_python(self, value):
        value = super().to_python(value)
        return clean_text(value) if value else value


def apply_consent_rule(form: forms.Form, cleaned: dict, messages: dict) -> dict:
    """The one rule for needs (public form and admin alike): needs are kept only with their
    consent ticked (`messages` maps each needs field to the error shown on its consent box),
    and blank needs clear their consent."""
    for needs, message in messages.items():
        consent = f"{needs}_consent"
        if cleaned.get(needs) and not cleaned.get(consent):
            form.add_error(consent, message)
        if not cleaned.get(needs):
            cleaned[consent] = False
    return cleaned


class NeedsForm(AccessibleForm):
    """Access and dietary needs may be health data: each is stored only with its own consent.

    Attendees change them on their private manage page; the sign-up form includes them."""

    access_needs = CleanCharField(
        label=_("Access needs (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Anything that would help you take part: step-free access, a hearing loop, BSL, "
            "a quiet room, breaks."
        ),
        error_messages=_length_messages(_("Access needs")),
    )
    access_needs_consent = forms.BooleanField(
        label=_(
            "I agree that you store my access needs to arrange the event, and delete them after it."
        ),
        required=False,
    )
    dietary_needs = CleanCharField(
        label=_("Dietary needs (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Allergies or what you do not eat, if food is served."),
        error_messages=_length_messages(_("Dietary needs")),
    )
    dietary_needs_consent = forms.BooleanField(
        label=_(
            "I agree that you store my dietary needs to arrange the event, and delete them after it."
        ),
        required=False,
    )

    def clean(self):
        super().clean()
        return apply_consent_rule(
            self,
            self.cleaned_data,
            {
                "access_needs": _(
                    "Tick the box to let us store your access needs, or leave them blank."
                ),
                "dietary_needs": _(
                    "Tick the box to let us store your dietary needs, or leave them blank."
                ),
            },
        )


class RegistrationForm(NeedsForm):
    """Sign up for an event: no account needed."""

    name = CleanCharField(
        label=_("Your name"),
        max_length=120,
        error_messages={"required": _("Enter your name."), **_length_messages(_("Your name"))},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We send your confirmation and a private link to change or cancel here."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.org."),
            **_length_messages(_("Your email address")),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    organisation = CleanCharField(
        label=_("Organisation"),
        required=False,
        max_length=200,
        error_messages=_length_messages(_("Organisation")),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        error_messages={"invalid_choice": _("Choose a sector from the list.")},
    )
    role = CleanCharField(
        label=_("Role"),
        required=False,
        max_length=200,
        error_messages=_length_messages(_("Role")),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    privacy_consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that you use my details to run this event."
        ),
        error_messages={
            "required": _(
                "Tick the box to agree to the privacy notice, so that we can sign you up."
            )
        },
    )

    field_order = [
        "name",
        "email",
        "organisation",
        "sector",
        "role",
        "access_needs",
        "access_needs_consent",
        "dietary_needs",
        "dietary_needs_consent",
        "privacy_consent",
    ]

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)
        self.event = event
        self.fields["sector"].choices = [
            ("", _("Choose your sector (optional)")),
            *sector_choices(),
        ]

    def clean_sector(self):
        value = self.cleaned_data.get("sector")
        return Sector.objects.filter(pk=value, live=True).first() if value else None

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class CancelForm(AccessibleForm):
    """Cancelling asks for a tick first, so a stray click does not give a place away."""

    confirm = forms.BooleanField(
        label=_("Yes, cancel my place"),
        error_messages={"required": _("Tick the box to confirm that you want to cancel.")},
    )


class JoinListsForm(AccessibleForm):
    """The mailing lists' join form: an email address, the lists to join (named in the
    reader's language) and the privacy consent. Nothing counts until the reader confirms from
    the email (events/subscriptions.py)."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.org."),
            **_length_messages(_("Your email address")),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    lists = forms.TypedMultipleChoiceField(
        label=_("Lists to join"),
        coerce=int,
        help_text=_("Tick one or more."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Tick at least one list to join."),
            "invalid_choice": _("Tick at least one list to join."),
        },
    )
    privacy_consent = forms.BooleanField(
        label=_(
            "I agree that you keep my email address to send me the lists I chose, until I "
            "leave them."
        ),
        error_messages={
            "required": _("Tick the box to agree, so that we can add you to the lists.")
        },
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        lists_field = self.fields["lists"]
        assert isinstance(lists_field, forms.TypedMultipleChoiceField)
        lists_field.choices = [
            (pk, f"{name}: {description}" if description else name)
            for pk, name, description in choices
        ]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class ListPreferencesForm(AccessibleForm):
    """The preferences page: the confirmed lists to stay on (untick to leave)."""

    lists = forms.TypedMultipleChoiceField(
        label=_("The lists you are on"),
        coerce=int,
        required=False,
        help_text=_("Untick a list to leave it."),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        lists_field = self.fields["lists"]
        assert isinstance(lists_field, forms.TypedMultipleChoiceField)
        lists_field.choices = list(choices)
