"""Demo step for promising practice and research."""

from casestudies.models import CaseStudyIndexPage, ResearchIndexPage
from home.demo.builder import Demo


def build(demo: Demo) -> None:
    demo.page(
        demo.home,
        CaseStudyIndexPage,
        "promising-practice",
        title="Promising practice",
        show_in_menus=True,
        introduction="Case studies of trauma-informed practice from across London.",
    )
    demo.page(
        demo.home,
        ResearchIndexPage,
        "research",
        title="Research and resources",
        show_in_menus=True,
        introduction="The main report, the executive summary and the case study collection.",
    )
