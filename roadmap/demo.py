"""Demo step for the roadmap."""

from home.demo.builder import Demo
from roadmap.models import RoadmapPage, RoadmapStagePage

STAGES = [
    ("trauma-aware", "Trauma-aware"),
    ("trauma-sensitive", "Trauma-sensitive"),
    ("trauma-informed", "Trauma-informed"),
    ("trauma-responsive", "Trauma-responsive"),
]


def build(demo: Demo) -> None:
    roadmap = demo.page(
        demo.home,
        RoadmapPage,
        "roadmap",
        title="The roadmap",
        show_in_menus=True,
        introduction="The path to a trauma-responsive London, stage by stage.",
    )
    for slug, title in STAGES:
        demo.page(roadmap, RoadmapStagePage, slug, title=title)
