"""The admin's forms for sign-ups: an organiser adding someone (by phone, at the door) and
correcting a sign-up. They ask what the public form asks and apply the same rules: access and
dietary needs are stored only with the person's own consent, and a sign-up needs their
agreement to the privacy notice. Saving goes through events.services (see admin_views)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from events.forms import apply_consent_rule, clean_text
from events.models import EventPage, Registration
from home.models import Sector

TEXT_FIELDS = ["name", "organisation", "role", "access_needs", "dietary_needs"]

CONSENT_ERRORS = {
    "access_needs": _(
        "Access needs are stored only with the person's consent: tick the box once they have "
        "agreed, or leave the access needs blank."
    ),
    "dietary_needs": _(
        "Dietary needs are stored only with the person's consent: tick the box once they have "
        "agreed, or leave the dietary needs blank."
    ),
}


class OrganiserRegistrationForm(WagtailAdminModelForm):
    """What an organiser may change about a sign-up: the person's details and needs (not the
    status: that changes only through cancel, give a place and the waiting list)."""

    class Meta:
        model = Registration
        fields = [
            "name",
            "organisation",
            "sector",
            "role",
            "access_needs",
            "access_needs_consent",
            "dietary_needs",
            "dietary_needs_consent",
        ]
        labels = {
            "access_needs_consent": _(
                "They agreed that we store their access needs to arrange the event (deleted after it)"
            ),
            "dietary_needs_consent": _(
                "They agreed that we store their dietary needs to arrange the event (deleted after it)"
            ),
        }
        widgets = {
            "access_needs": forms.Textarea(attrs={"rows": 3}),
            "dietary_needs": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Sectors in the default language, and the sign-up's own (it may be a translation's).
        sectors = Q(locale=Locale.get_default())
        if self.instance.sector_id:
            sectors |= Q(pk=self.instance.sector_id)
        self.fields["sector"].queryset = Sector.objects.filter(sectors).order_by(
            "sort_order", "name"
        )

    def clean(self):
        cleaned = super().clean()
        for field in TEXT_FIELDS:
            if isinstance(cleaned.get(field), str):
                cleaned[field] = clean_text(cleaned[field])
        # The public form's rule: needs only with their consent; no needs, no consent.
        return apply_consent_rule(self, cleaned, CONSENT_ERRORS)


class AddRegistrationForm(OrganiserRegistrationForm):
    """An organiser signs someone up: the same questions and rules as the public form, and
    the same service, so a full event puts them on the waiting list."""

    language = forms.ChoiceField(
        label=_("Language for their emails"),
        choices=settings.WAGTAIL_CONTENT_LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )
    privacy_consent = forms.BooleanField(
        label=_(
            "They have been told about the privacy notice and agree that we use their details "
            "to run this event"
        ),
        error_messages={
            "required": _(
                "Tick the box once the person has agreed to the privacy notice: we cannot sign "
                "them up without it."
            )
        },
    )

    class Meta(OrganiserRegistrationForm.Meta):
        fields = ["event", "name", "email", *OrganiserRegistrationForm.Meta.fields]
        help_texts = {
            "event": _(
                "Upcoming events that are not cancelled. If the event is full, they join the "
                "waiting list."
            ),
            "email": _("Their confirmation email and private link to change or cancel go here."),
        }
        error_messages = {
            "event": {
                "invalid_choice": _(
                    "Choose an event from the list: only upcoming events that are not "
                    "cancelled take sign-ups."
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = EventPage.objects.filter(
            locale=Locale.get_default(), cancelled=False, end__gte=timezone.now()
        ).order_by("start")

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        event, email = cleaned.get("event"), cleaned.get("email")
        if event and email:
            existing = (
                Registration.objects.filter(event=event, email=email)
                .exclude(status=Registration.Status.CANCELLED)
                .first()
            )
            if existing is not None:
                self.add_error(
                    "email",
                    _(
                        "This address is already signed up for this event (%(status)s). Find "
                        "the sign-up in the list instead."
                    )
                    % {"status": existing.get_status_display().lower()},
                )
        return cleaned
