"""Mailing lists readers join with double opt-in (the special interest group, the newsletter,
event announcements): `MailingList`, a translatable snippet editors define, and
`Subscription`, one email address on one list.

A subscription belongs to the list in the default language (`MailingList.source_of`), whatever
language the reader joined in, so counts and exports are per list; `language` says which
language their emails are in. Only what is needed is kept: the address, the list, the
language, where it stands and when; no name.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from events.forms import JoinListsForm
from home.caching import cached


def new_token() -> str:
    return secrets.token_urlsafe(24)


class MailingList(TranslatableMixin, models.Model):
    """A list readers can join from the join form (an editor defines it in the admin)."""

    name = models.CharField(
        max_length=120, help_text=_("The list's name as readers see it on the join form.")
    )
    slug = models.SlugField(
        max_length=100,
        allow_unicode=True,
        help_text=_("A short stable key for the list. Keep it the same in every language."),
    )
    description = models.TextField(
        blank=True,
        max_length=400,
        help_text=_("One sentence on what readers get and how often, shown under the name."),
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Lower numbers come first on the join form.")
    )
    is_example_content = models.BooleanField(
        default=False,
        verbose_name=_("example content"),
        help_text=_("Ticked where the list is invented for the demonstration site."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        FieldPanel("is_example_content"),
    ]
    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
        SynchronizedField("is_example_content"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("mailing list")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def choices_in(cls, locale: Locale) -> list[tuple[int, str, str]]:
        """(id of the default-language list, name, description) of every list, named in
        `locale` where translated (from the content cache once warm)."""

        def build():
            default = Locale.get_default()
            sources = list(cls.objects.filter(locale=default))
            names = {
                row.translation_key: row
                for row in cls.objects.filter(
                    locale=locale, translation_key__in=[s.translation_key for s in sources]
                )
            }
            return [
                (
                    source.pk,
                    names.get(source.translation_key, source).name,
                    names.get(source.translation_key, source).description,
                )
                for source in sources
            ]

        return cached(f"events:mailing-lists:{locale.pk}", build)

    @classmethod
    def join_form(cls, locale: Locale, data=None) -> JoinListsForm:
        """The join form with its lists named in `locale` (the join block and view use it)."""
        return JoinListsForm(data, choices=cls.choices_in(locale))

    def in_language(self, language: str) -> MailingList:
        """This list as named in `language` (itself when not translated)."""
        return (
            MailingList.objects.filter(
                translation_key=self.translation_key, locale__language_code=language
            ).first()
            or self
        )


class SubscriptionQuerySet(models.QuerySet):
    def for_email(self, email: str):
        return self.filter(email__iexact=email.strip())

    def confirmed(self):
        return self.filter(status=Subscription.Status.CONFIRMED)


class Subscription(models.Model):
    """One email address on one list: pending until the reader presses "Confirm" in the page
    their confirmation email links to."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    email = models.EmailField(max_length=254)
    mailing_list = models.ForeignKey(
        MailingList,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("list"),
    )
    language = models.CharField(max_length=10, default="en")
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # Carried, signed, by the unsubscribe and preferences links of this list's emails.
    token = models.CharField(max_length=64, default=new_token, unique=True, editable=False)
    # Carried, signed, by the confirmation link: shared by the lists joined in one go.
    confirm_token = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("joined"))
    confirmed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("confirmed"))
    unsubscribed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("left"))

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["mailing_list", "email"]
        verbose_name = _("list member")
        verbose_name_plural = _("list members")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), "mailing_list", name="one_subscription_per_email_and_list"
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.mailing_list})"
