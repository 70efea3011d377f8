"""Demo step for events."""

from events.models import EventIndexPage
from home.demo.builder import Demo


def build(demo: Demo) -> None:
    demo.page(
        demo.home,
        EventIndexPage,
        "events",
        title="Events",
        show_in_menus=True,
        introduction="The celebration event and the events that follow it.",
    )
