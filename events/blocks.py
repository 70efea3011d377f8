"""Blocks for event pages: the agenda, the speakers, and what remains after the event."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from home.blocks import BaseStoryBlock, DocumentLinkBlock, VideoEmbedBlock

TEMPLATES = "events/blocks"


class AgendaItemBlock(blocks.StructBlock):
    """One slot of the programme: when it starts, what happens, and who leads it."""

    time = blocks.TimeBlock(
        format="%H:%M", help_text=_("When this part starts, London time (24-hour clock).")
    )
    title = blocks.CharBlock(
        max_length=160, help_text=_("What happens: a talk, a break, a workshop.")
    )
    description = blocks.TextBlock(
        required=False, max_length=600, help_text=_("Optional: one or two sentences of detail.")
    )
    led_by = blocks.CharBlock(
        required=False, max_length=160, help_text=_("Optional: who leads this part.")
    )

    class Meta:
        icon = "time"
        template = f"{TEMPLATES}/agenda_item.html"
        label = _("Agenda item")
        description = _("A slot in the event's programme, in time order.")
        preview_value = {
            "time": "10:00",
            "title": "Welcome and the London definition",
            "description": "What trauma-informed practice means for London's partners.",
            "led_by": "The Violence Reduction Unit",
        }


class AgendaBlock(blocks.StreamBlock):
    """The event's programme: agenda items in the order they happen."""

    item = AgendaItemBlock()

    class Meta:
        icon = "list-ol"
        template = f"{TEMPLATES}/agenda.html"
        description = _("The programme of the event, in time order.")


class SpeakerBlock(blocks.StructBlock):
    """A person speaking at the event, with their role and an optional photo."""

    name = blocks.CharBlock(
        max_length=120, help_text=_("The speaker's name as they want it shown.")
    )
    role = blocks.CharBlock(
        required=False, max_length=200, help_text=_("Their role and organisation.")
    )
    biography = blocks.TextBlock(
        required=False,
        max_length=800,
        help_text=_("Optional: a short introduction, 800 characters at most."),
    )
    photo = ImageChooserBlock(
        required=False, help_text=_("Optional: a photo the speaker agreed to share.")
    )

    class Meta:
        icon = "user"
        template = f"{TEMPLATES}/speaker.html"
        label = _("Speaker")
        description = _("Someone speaking at the event.")
        preview_value = {
            "name": "A programme champion",
            "role": "Trauma-informed lead, a London borough",
            "biography": "Leads the borough's work to become trauma-informed.",
        }


class SpeakersBlock(blocks.StreamBlock):
    """The people speaking at the event."""

    speaker = SpeakerBlock()

    class Meta:
        icon = "group"
        template = f"{TEMPLATES}/speakers.html"
        description = _("The speakers, in the order they appear.")


class SlideDeckBlock(DocumentLinkBlock):
    """Slides from the event, offered as a download."""

    class Meta:
        icon = "doc-full"
        label = _("Slides")
        description = _("Slides presented at the event, as a document to download.")


class RecordingBlock(VideoEmbedBlock):
    """A recording of the event or one of its talks."""

    class Meta:
        icon = "media"
        label = _("Recording")
        description = _("A recording of the event (YouTube or Vimeo), with captions please.")


class PastEventBlock(BaseStoryBlock):
    """What remains after the event: highlights, slides and recordings."""

    slides = SlideDeckBlock()
    recording = RecordingBlock()

    class Meta:
        help_text = _("After the event: highlights, photos, slides and recordings.")
