"""Links to pages, documents or other sites, and the call-to-action block built on them."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from home.blocks.base import BLOCK_TEMPLATES

# Its own code, so that forms keep its message instead of their own "Enter a valid URL".
validate_https = URLValidator(
    schemes=["https"],
    code="not_https",
    message=_(
        "Enter a full web address that starts with https://, e.g. https://www.bbc.co.uk/weather."
    ),
)


class LinkStructValue(blocks.StructValue):
    """Works out a link's address and text, whichever kind of target the editor chose."""

    def url(self) -> str:
        if page := self.get("page"):
            return page.localized.url
        if document := self.get("document"):
            return document.url
        return self.get("external_url") or ""

    def text(self) -> str:
        if label := self.get("label"):
            return label
        if page := self.get("page"):
            return page.localized.title
        if document := self.get("document"):
            return document.title
        return self.get("external_url") or ""

    def is_external(self) -> bool:
        return not (self.get("page") or self.get("document")) and bool(self.get("external_url"))


class LinkBlock(blocks.StructBlock):
    """A link to one page on this site, a document, or another website."""

    page = blocks.PageChooserBlock(required=False, help_text=_("A page on this site."))
    document = DocumentChooserBlock(required=False, help_text=_("Or a document."))
    external_url = blocks.URLBlock(
        required=False, label=_("Other website"), help_text=_("Or a full web address.")
    )
    label = blocks.CharBlock(
        required=False,
        max_length=80,
        help_text=_("The link text. Leave blank to use the page or document title."),
    )

    class Meta:
        icon = "link"
        value_class = LinkStructValue
        template = f"{BLOCK_TEMPLATES}/link.html"
        description = _("A link to a page, a document or another website.")

    def clean(self, value):
        value = super().clean(value)
        targets = [name for name in ("page", "document", "external_url") if value.get(name)]
        if len(targets) != 1:
            message = _("Choose exactly one: a page, a document or another website.")
            raise StructBlockValidationError(
                block_errors={
                    name: ValidationError(message) for name in ("page", "document", "external_url")
                }
            )
        if value.get("external_url") and not value.get("label"):
            raise StructBlockValidationError(
                block_errors={
                    "label": ValidationError(_("Links to other websites need link text."))
                }
            )
        return value


class CallToActionBlock(blocks.StructBlock):
    """A prominent invitation to do one thing next."""

    heading = blocks.CharBlock(max_length=100)
    text = blocks.TextBlock(required=False, max_length=300)
    link = LinkBlock()

    class Meta:
        icon = "pick"
        template = f"{BLOCK_TEMPLATES}/call_to_action.html"
        description = _("A box inviting readers to take one next step, with one link.")
        preview_value = {
            "heading": "Share your practice",
            "text": "Tell us how your organisation is becoming trauma-informed.",
            "link": {"external_url": "https://example.org/", "label": "Share your practice"},
        }


class FooterLinkBlock(blocks.StructBlock):
    """One link in the footer: a page on this site (readers get it in their own language) or
    another website's https address, with the words readers see."""

    label = blocks.CharBlock(
        required=False,
        max_length=80,
        help_text=_(
            "The link text. Needed for another website; for a page, leave blank to use its title."
        ),
    )
    page = blocks.PageChooserBlock(
        required=False,
        help_text=_("A page on this site. Readers get its translation when there is one."),
    )
    external_url = blocks.URLBlock(
        required=False,
        label=_("Other website"),
        validators=[validate_https],
        help_text=_("Or another website's full address, starting with https://."),
    )

    class Meta:
        icon = "link"
        value_class = LinkStructValue
        label = _("Footer link")

    def clean(self, value):
        value = super().clean(value)
        targets = [name for name in ("page", "external_url") if value.get(name)]
        if len(targets) != 1:
            message = _("Choose exactly one: a page on this site or another website.")
            raise StructBlockValidationError(
                block_errors={name: ValidationError(message) for name in ("page", "external_url")}
            )
        if value.get("external_url") and not value.get("label"):
            raise StructBlockValidationError(
                block_errors={
                    "label": ValidationError(_("Links to other websites need link text."))
                }
            )
        return value


class SocialPlatformBlock(blocks.StructBlock):
    """The organisation's account on one social platform, shown in the footer."""

    name = blocks.CharBlock(
        max_length=40,
        label=_("platform"),
        help_text=_("The platform's name as readers know it, e.g. LinkedIn, Bluesky or YouTube."),
    )
    url = blocks.URLBlock(
        label=_("address"),
        validators=[validate_https],
        help_text=_(
            "The full address of the organisation's page on the platform, starting with https://."
        ),
    )

    class Meta:
        icon = "globe"
        label = _("Social platform")
