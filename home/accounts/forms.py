"""The one-field form both two-factor screens use."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        strip=True,
        help_text=_(
            "The 6-digit code your authenticator app shows now, or one of your recovery codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
        error_messages={"required": _("Enter the code.")},
    )


class EnrolForm(CodeForm):
    code = forms.CharField(
        label=_("Code from your app"),
        max_length=12,
        strip=True,
        help_text=_("The 6-digit code your authenticator app shows after you add this site."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={"required": _("Enter the 6-digit code from your app.")},
    )
