"""The wording of the sign-up emails, as editors write it (the snippet "Email wording").

One snippet per kind of email and language. A change goes through the "Moderators approval"
workflow like pages (events/migrations/0006_email_wording.py); only the live wording is used
(`EmailWording.objects.live_for`). The placeholders, their checks and the filling-in are in
events/wording.py.
"""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import (
    DraftStateMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail_localize.fields import SynchronizedField, TranslatableField

from events.models.locales import default_locale_id
from events.wording import (
    KIND_LABELS,
    PLACEHOLDER_HELP,
    fill,
    fill_html,
    fill_text,
    placeholders_for,
    problems,
)


class EmailWordingQuerySet(models.QuerySet["EmailWording"]):
    def live_for(self, kind: str, language: str) -> list[EmailWording]:
        """The live wordings of this kind to try, best first: in `language`, then in the
        default language (one query)."""
        default = default_locale_id()
        wordings = self.filter(
            Q(locale__language_code=language) | Q(locale_id=default), kind=kind, live=True
        ).select_related("locale")
        return sorted(wordings, key=lambda wording: wording.locale.language_code != language)


class EmailWording(
    TranslatableMixin,
    WorkflowMixin,
    DraftStateMixin,
    RevisionMixin,
    PreviewableMixin,
    models.Model,
):
    """The subject and text of one kind of sign-up email, in one language."""

    kind = models.CharField(
        max_length=30,
        choices=[(str(kind), label) for kind, label in KIND_LABELS.items()],
        help_text=_(
            "Which email this is. Each email has one wording per language; without one, the "
            "English wording is used, and without that the site's built-in wording."
        ),
    )
    subject = models.CharField(
        max_length=200,
        help_text=_(
            "The email's subject. It may use {event} and {date} only: subjects are shown in "
            "the admin's email log, so they name no one and carry no private link. Example "
            "events get “[Example]” in front."
        ),
    )
    body = models.TextField(
        help_text=PLACEHOLDER_HELP,
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="emailwording")

    objects = EmailWordingQuerySet.as_manager()

    panels = [FieldPanel("kind"), FieldPanel("subject"), FieldPanel("body")]
    override_translatable_fields = [
        SynchronizedField("kind"),
        TranslatableField("subject"),
        TranslatableField("body"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("email wording")
        verbose_name_plural = _("email wording")
        ordering = ["kind"]
        unique_together = [("translation_key", "locale"), ("kind", "locale")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.locale})"

    @property
    def revisions(self):
        return self._revisions

    def problems(self) -> dict[str, list[str]]:
        return problems(self.kind, self.subject, self.body) if self.kind else {}

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[str]] = dict(self.problems())
        if (
            self.kind
            and self.locale_id
            and EmailWording.objects.filter(kind=self.kind, locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .exists()
        ):
            errors.setdefault("kind", []).append(
                str(_("This email already has a wording in this language: edit that one."))
            )
        if errors:
            raise ValidationError(errors)

    # --- Preview: the email as a recipient gets it, with example values ---

    preview_modes = [("", _("Email"))]

    def get_preview_template(self, request, mode_name):
        return "events/emails/preview.html"

    def get_preview_context(self, request, mode_name):
        # The same filling-in as the outbox's (events/emails.py), with invented values.
        language = self.locale.language_code if self.locale_id else settings.LANGUAGE_CODE
        with translation.override(language):
            values = example_values(self.kind, request)
            context = super().get_preview_context(request, mode_name)
            context.update(
                language=language,
                bidi=translation.get_language_bidi(),
                subject=fill(self.subject, values),
                text=fill_text(self.body, values),
                html=fill_html(self.body, values),
            )
        return context


EXAMPLE_START = datetime(2027, 3, 1, 10, 0, tzinfo=ZoneInfo("Europe/London"))
EXAMPLE_END = datetime(2027, 3, 1, 12, 30, tzinfo=ZoneInfo("Europe/London"))


def example_values(kind: str, request=None) -> dict[str, str]:
    """Invented values for the preview, in the active language."""
    site = request.build_absolute_uri("/").rstrip("/") if request is not None else ""
    base = f"{site}/{translation.get_language()}"
    when = SimpleNamespace(start=EXAMPLE_START, end=EXAMPLE_END)
    values = {
        "name": "Sam Example",
        "event": str(_("Example event: a practitioner workshop")),
        "date": render_to_string("events/emails/when.txt", {"event": when}).strip(),
        "place": str(_("Example venue, 1 Example Street, London")),
        "event_link": f"{base}/events/example-event/",
        "manage_link": f"{base}/my-sign-up/example-private-link/",
        "joining_link": "https://meet.example.org/example-event",
        "waiting_position": "3",
        "status": str(_("Confirmed")),
    }
    return {name: values[name] for name in placeholders_for(kind)} if kind else values
