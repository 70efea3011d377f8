"""Text blocks: headings, rich text, quotes, callouts, content notes, accordions, figures, tables."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock

from home.blocks.base import BLOCK_TEMPLATES

# Rich text features editors get in body text: no headings (the Heading block makes the
# outline) and no raw HTML.
BODY_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "hr", "superscript"]


class RichTextBlock(blocks.RichTextBlock):
    """Paragraphs, lists and links."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", BODY_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = f"{BLOCK_TEMPLATES}/rich_text.html"
        label = _("Text")
        description = _("Paragraphs, bullet lists and links. Use a Heading block for headings.")
        preview_value = (
            "<p>Trauma-informed practice assumes that people are more likely than not to have "
            "a history of traumatic experiences, and shapes services around that.</p>"
        )


class HeadingBlock(blocks.StructBlock):
    """A section heading that also appears in the page's table of contents."""

    text = blocks.CharBlock(
        max_length=120, help_text=_("Short and descriptive: 120 characters at most.")
    )
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section (level 2)")), ("h3", _("Sub-section (level 3)"))],
        default="h2",
        help_text=_(
            "Use level 2 for main sections and level 3 inside them, never skipping a level."
        ),
    )

    class Meta:
        icon = "title"
        template = f"{BLOCK_TEMPLATES}/heading.html"
        description = _("A heading for a section of the page.")
        preview_value = {"text": "What trauma-informed practice looks like", "level": "h2"}
        form_classname = "struct-block heading-block"


class QuoteBlock(blocks.StructBlock):
    """A quotation with who said it."""

    quote = blocks.TextBlock(
        max_length=600, help_text=_("The words quoted, without quotation marks.")
    )
    attribution = blocks.CharBlock(
        required=False,
        max_length=150,
        help_text=_("Who said it, e.g. 'Youth worker, Lambeth'. Leave blank to keep it anonymous."),
    )

    class Meta:
        icon = "openquote"
        template = f"{BLOCK_TEMPLATES}/quote.html"
        description = _("A quotation from a practitioner, leader or young person.")
        preview_value = {
            "quote": "We stopped asking what is wrong with you and started asking what happened to you.",
            "attribution": "Practitioner, London borough",
        }


class CalloutBlock(blocks.StructBlock):
    """A highlighted box that draws attention to one point."""

    tone = blocks.ChoiceBlock(
        choices=[
            ("info", _("Information")),
            ("support", _("Support and signposting")),
            ("important", _("Important")),
        ],
        default="info",
        help_text=_("Sets the colour and the label read out to screen-reader users."),
    )
    heading = blocks.CharBlock(required=False, max_length=100)
    body = RichTextBlock()

    class Meta:
        icon = "help"
        template = f"{BLOCK_TEMPLATES}/callout.html"
        description = _("A highlighted box for one key point, a tip or where to find support.")
        preview_value = {
            "tone": "support",
            "heading": "If you need support now",
            "body": "<p>If you are affected by anything on this page, you can talk to someone.</p>",
        }


class ContentNoteBlock(blocks.StructBlock):
    """Content that may distress, hidden until the reader chooses to open it."""

    summary = blocks.CharBlock(
        max_length=150,
        help_text=_(
            "What the content covers, so readers can choose, e.g. 'mentions of violence and self-harm'."
        ),
    )
    body = RichTextBlock()

    class Meta:
        icon = "warning"
        template = f"{BLOCK_TEMPLATES}/content_note.html"
        description = _(
            "Collapsed by default: the reader sees the note and opens the content only if they choose."
        )
        preview_value = {
            "summary": "mentions of violence",
            "body": "<p>This account describes a violent incident and how services responded.</p>",
        }


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=150)
    body = RichTextBlock()


class AccordionBlock(blocks.StructBlock):
    """Questions and answers, or sections a reader opens one at a time."""

    heading = blocks.CharBlock(required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = f"{BLOCK_TEMPLATES}/accordion.html"
        description = _("Sections that open and close, such as frequently asked questions.")
        preview_value = {
            "heading": "Frequently asked questions",
            "items": [
                {
                    "title": "Who is the roadmap for?",
                    "body": "<p>Implementers, system leaders and the VRU.</p>",
                },
                {
                    "title": "Is it only for statutory services?",
                    "body": "<p>No: voluntary and community organisations too.</p>",
                },
            ],
        }


class KeyFigureBlock(blocks.StructBlock):
    """One number that tells the story, with what it means."""

    figure = blocks.CharBlock(
        max_length=20, help_text=_("The number as it should read, e.g. '300+' or '16'.")
    )
    label = blocks.CharBlock(max_length=120, help_text=_("What the number counts, in plain words."))
    source = blocks.CharBlock(
        required=False, max_length=150, help_text=_("Where the figure comes from.")
    )

    class Meta:
        icon = "pick"
        template = f"{BLOCK_TEMPLATES}/key_figure.html"
        description = _("A single large number with a short explanation.")
        preview_value = {
            "figure": "300+",
            "label": "practitioners, leaders and young people took part",
        }


class KeyFiguresBlock(blocks.ListBlock):
    """Several key figures side by side."""

    def __init__(self, **kwargs):
        super().__init__(KeyFigureBlock(), **kwargs)

    class Meta:
        icon = "pick"
        template = f"{BLOCK_TEMPLATES}/key_figures.html"
        label = _("Key figures")
        description = _("Two to four key figures in a row.")
        preview_value = [
            {"figure": "300+", "label": "people took part in the research"},
            {"figure": "16", "label": "trauma-informed champions"},
        ]


class TableBlock(blocks.StructBlock):
    """A data table with a caption, so that screen readers announce what it holds."""

    caption = blocks.CharBlock(
        max_length=200, help_text=_("Says what the table shows. Read out first by screen readers.")
    )
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock()),
            ("numeric", blocks.FloatBlock()),
            ("rich_text", blocks.RichTextBlock(features=["bold", "italic", "link"])),
        ]
    )

    class Meta:
        icon = "table"
        template = f"{BLOCK_TEMPLATES}/table.html"
        description = _("Rows and columns of data. The first row holds the column headings.")
        preview_value = {
            "caption": "Phases of the programme",
            "table": {
                "columns": [
                    {"type": "text", "heading": "Phase"},
                    {"type": "text", "heading": "What happened"},
                ],
                "rows": [
                    {"values": ["1", "A London definition"]},
                    {"values": ["2", "Understanding the landscape"]},
                ],
            },
        }


class TimelineItemBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=40, help_text=_("e.g. 'Phase 1' or 'Spring 2025'."))
    title = blocks.CharBlock(max_length=150)
    text = blocks.TextBlock(required=False, max_length=600)


class TimelineBlock(blocks.StructBlock):
    """Steps in order, such as the programme's phases."""

    heading = blocks.CharBlock(required=False, max_length=120)
    items = blocks.ListBlock(TimelineItemBlock(), min_num=2)

    class Meta:
        icon = "time"
        template = f"{BLOCK_TEMPLATES}/timeline.html"
        description = _("A numbered sequence of steps or phases, shown as a timeline.")
        preview_value = {
            "heading": "The four phases",
            "items": [
                {
                    "label": "Phase 1",
                    "title": "A definition for London",
                    "text": "Evidence review and scoping interviews.",
                },
                {
                    "label": "Phase 2",
                    "title": "Understanding the landscape",
                    "text": "Needs assessment and workshops.",
                },
            ],
        }
