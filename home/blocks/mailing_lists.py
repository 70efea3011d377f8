"""The mailing lists' join form, placed by editors on a page.

The lists and the form belong to the events app (events/models/lists.py), which sends the
emails; home imports no other app, so the block names the model by string, as a Wagtail
chooser does, and its form posts to the events app's join view (outside the page tree)."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.models import Locale

from home.blocks.base import BLOCK_TEMPLATES

MAILING_LIST = "events.MailingList"


class MailingListsBlock(blocks.StructBlock):
    """A heading, a sentence and the form to join the mailing lists editors define."""

    heading = blocks.CharBlock(
        max_length=120, help_text=_("The form's heading, e.g. “Join our mailing lists”.")
    )
    introduction = blocks.TextBlock(
        required=False,
        max_length=400,
        help_text=_("Optional: a sentence on what readers get and how often."),
    )

    class Meta:
        icon = "mail"
        template = f"{BLOCK_TEMPLATES}/mailing_lists.html"
        label = _("Mailing lists join form")
        description = _(
            "The form readers use to join the mailing lists (Snippets → Mailing lists). They "
            "get an email and must confirm before they are on a list."
        )
        preview_value = {
            "heading": "Join our mailing lists",
            "introduction": "News and events from the programme, in your inbox.",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        locale = getattr(page, "locale", None) or Locale.get_active()
        context["join_form"] = apps.get_model(MAILING_LIST).join_form(locale)
        return context
