"""Blocks for the privacy notice and the accessibility statement.

The law asks these pages for facts the site itself decides: how long data is kept, who the
controller is, when the site was tested, how quickly we reply. These blocks read them at
request time from the same Django settings the code uses (SIGNUP_RETENTION_DAYS, ...) and from
the site settings editors fill in (read in the templates through Wagtail's `settings` context
processor), so the page and the site can never disagree.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks

from home.blocks.base import BLOCK_TEMPLATES

# UK GDPR Article 6(1): the lawful bases, as the notice names them.
LAWFUL_BASES = [
    ("consent", _("Consent: Article 6(1)(a) UK GDPR")),
    ("contract", _("Contract: Article 6(1)(b) UK GDPR")),
    ("legal_obligation", _("Legal obligation: Article 6(1)(c) UK GDPR")),
    ("vital_interests", _("Vital interests: Article 6(1)(d) UK GDPR")),
    ("public_task", _("Public task: Article 6(1)(e) UK GDPR")),
    ("legitimate_interests", _("Legitimate interests: Article 6(1)(f) UK GDPR")),
]
# UK GDPR Article 9(2): the condition for special category data (such as health).
SPECIAL_CATEGORY_CONDITIONS = [
    ("explicit_consent", _("Explicit consent: Article 9(2)(a) UK GDPR")),
]


def _signup_retention() -> str:
    days = settings.SIGNUP_RETENTION_DAYS
    return ngettext(
        "Deleted or anonymised %(days)d day after the event ends (or sooner if you cancel and ask us to erase it).",
        "Deleted or anonymised %(days)d days after the event ends (or sooner if you cancel and ask us to erase it).",
        days,
    ) % {"days": days}


def _manage_link_retention() -> str:
    days = settings.SIGNUP_MANAGE_LINK_MAX_AGE_DAYS
    return ngettext(
        "The link stops working %(days)d day after it was sent, and as soon as the sign-up is anonymised.",
        "The link stops working %(days)d days after it was sent, and as soon as the sign-up is anonymised.",
        days,
    ) % {"days": days}


def _baseline_retention() -> str:
    size = settings.BASELINE_MIN_GROUP_SIZE
    return ngettext(
        "Kept for as long as the London baseline is published. It holds nothing that identifies you, and a group (a sector or a borough) is only shown once it holds at least %(size)d result.",
        "Kept for as long as the London baseline is published. It holds nothing that identifies you, and a group (a sector or a borough) is only shown once it holds at least %(size)d results.",
        size,
    ) % {"size": size}


def _not_stored() -> str:
    return str(_("Not stored."))


# Each retention choice and the sentence readers see, worked out when the page is shown.
RETENTION_PERIODS = {
    "signup": (_("Event sign-ups (SIGNUP_RETENTION_DAYS)"), _signup_retention),
    "manage_link": (
        _("Private sign-up links (SIGNUP_MANAGE_LINK_MAX_AGE_DAYS)"),
        _manage_link_retention,
    ),
    "baseline": (_("The anonymous baseline (BASELINE_MIN_GROUP_SIZE)"), _baseline_retention),
    "not_stored": (_("Not stored"), _not_stored),
}


class PersonalDataStructValue(blocks.StructValue):
    """What the notice says about one kind of personal data, with its retention in words."""

    def lawful_basis_label(self) -> str:
        return str(dict(LAWFUL_BASES).get(self.get("lawful_basis"), ""))

    def special_category_label(self) -> str:
        return str(dict(SPECIAL_CATEGORY_CONDITIONS).get(self.get("special_category"), ""))

    def retention_period(self) -> str:
        choice = RETENTION_PERIODS.get(self.get("retention"))
        return choice[1]() if choice else ""


class PersonalDataBlock(blocks.StructBlock):
    """One thing the site collects, as UK GDPR Article 13 asks a notice to describe it."""

    what = blocks.CharBlock(max_length=200, help_text=_("e.g. 'Your name and email address'."))
    purpose = blocks.TextBlock(help_text=_("Why it is collected, and what it is used for."))
    lawful_basis = blocks.ChoiceBlock(
        choices=LAWFUL_BASES, help_text=_("The Article 6 lawful basis the controller relies on.")
    )
    special_category = blocks.ChoiceBlock(
        choices=SPECIAL_CATEGORY_CONDITIONS,
        required=False,
        help_text=_(
            "For special category data only (e.g. health information in access needs): the "
            "Article 9 condition."
        ),
    )
    basis_note = blocks.TextBlock(
        required=False, help_text=_("Optional: more about the lawful basis, e.g. how to withdraw.")
    )
    retention = blocks.ChoiceBlock(
        choices=[(key, label) for key, (label, _text) in RETENTION_PERIODS.items()],
        help_text=_(
            "How long it is kept. Readers see the period set in the site's configuration, so "
            "the notice always matches what the site does."
        ),
    )
    who_sees = blocks.TextBlock(help_text=_("Who can see it, e.g. 'Only the events team'."))

    class Meta:
        icon = "lock"
        template = f"{BLOCK_TEMPLATES}/personal_data.html"
        label = _("Personal data we collect")
        value_class = PersonalDataStructValue
        description = _(
            "For the privacy notice: one kind of personal data, with its purpose, lawful basis, "
            "retention period (from the site's configuration) and who sees it."
        )
        preview_value = {
            "what": "Your name and email address",
            "purpose": "To confirm your place and tell you about changes to the event.",
            "lawful_basis": "public_task",
            "retention": "signup",
            "who_sees": "Only the events team.",
        }


class DataProtectionContactBlock(blocks.StaticBlock):
    """The data controller and the data protection contact, from the site settings."""

    class Meta:
        icon = "user"
        template = f"{BLOCK_TEMPLATES}/data_protection_contact.html"
        label = _("Data controller and contact")
        admin_text = _(
            "Shows the data controller and data protection contact set in Settings > Site settings."
        )
        description = _("For the privacy notice: who is responsible, and how to reach them.")


class AccessibilityReplyTimeBlock(blocks.StaticBlock):
    """How quickly we reply about an accessibility problem, from the site settings."""

    class Meta:
        icon = "time"
        template = f"{BLOCK_TEMPLATES}/accessibility_reply_time.html"
        label = _("Accessibility reply time")
        admin_text = _("Shows the reply time set in Settings > Site settings.")
        description = _("For the accessibility statement: how quickly we reply.")


class AccessibilityDatesBlock(blocks.StaticBlock):
    """When the accessibility statement was prepared and the site last tested."""

    class Meta:
        icon = "date"
        template = f"{BLOCK_TEMPLATES}/accessibility_dates.html"
        label = _("Accessibility statement dates")
        admin_text = _(
            "Shows the dates the statement was prepared and the site last tested, set in "
            "Settings > Site settings."
        )
        description = _("For the accessibility statement: when it was prepared and tested.")
