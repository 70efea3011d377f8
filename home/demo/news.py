"""Demo step for the news: the programme's news from its public texts, with invented dates and
details marked as example content."""

from __future__ import annotations

import datetime

from home.demo.builder import Demo, make_image
from home.models import NewsIndexPage, NewsPage

SIG_TITLE = "Thames Valley VRU: trauma-informed special interest group meets"

ARABIC = {
    "News": "الأخبار",
    "News from the trauma-informed practice programme.": "أخبار برنامج الممارسة المُدركة للصدمات.",
    SIG_TITLE: (
        "اجتماع مجموعة الاهتمام الخاص بالممارسة المُدركة للصدمات التابعة لوحدة الحدّ من العنف في وادي التايمز"
    ),
    "News from the Thames Valley VRU": "أخبار من وحدة الحدّ من العنف في وادي التايمز",
    "This is the Thames Valley Violence Reduction Unit's news, published on 27 January 2023 and "
    "summarised here for what London can learn from it. The group is the Thames Valley VRU's, not "
    "the London VRU's.": (
        "هذا خبر نشرته وحدة الحدّ من العنف في وادي التايمز في 27 يناير 2023، ونلخّصه هنا لما يمكن أن "
        "تتعلّمه لندن منه. المجموعة تابعة لوحدة وادي التايمز، وليست لوحدة لندن."
    ),
}

# Seed 003 is the Thames Valley Violence Reduction Unit's news, not London's: the article says
# so, and invites nobody to join the group as if it were the London VRU's.
SIG_BODY = [
    (
        "callout",
        {
            "tone": "info",
            "heading": "News from the Thames Valley VRU",
            "body": (
                "<p>This is the Thames Valley Violence Reduction Unit's news, published on "
                "27 January 2023 and summarised here for what London can learn from it. The "
                "group is the Thames Valley VRU's, not the London VRU's.</p>"
            ),
        },
    ),
    (
        "paragraph",
        "<p>The Thames Valley VRU's Trauma Informed Practice Special Interest Group met on "
        "Thursday 26 January, bringing together professionals who are working to improve "
        "trauma-informed practice.</p>"
        "<p>The group had met for almost a year. Its members include police officers, academics, "
        "researchers, mental health professionals, neurodiversity experts, educational "
        "practitioners and experts in trauma-informed practice, who share presentations and "
        "discussions on themes relevant to their work.</p>",
    ),
    ("heading", {"text": "What the group does", "level": "h2"}),
    (
        "paragraph",
        "<p>The group examines the theory of trauma-informed practice and focuses on how it can "
        "be promoted and embedded in practice. Trauma-informed practice applies to every "
        "profession and setting where we protect, support or employ people affected by trauma.</p>"
        "<p>The Thames Valley VRU's special interest groups are professional networks within its "
        "Solutions Networks. They share good practice, create connections and open up "
        "opportunities to work together.</p>",
    ),
    (
        "paragraph",
        "<p>To ask about joining, contact the Thames Valley VRU.</p>",
    ),
]


def build(demo: Demo) -> None:
    index = demo.page(
        demo.home,
        NewsIndexPage,
        "news",
        title="News",
        show_in_menus=True,
        introduction="News from the trauma-informed practice programme.",
        listing_image=make_image("News", (91, 42, 134)),
    )
    items = [
        (
            "special-interest-group-meets",
            SIG_TITLE,
            datetime.date(2023, 1, 27),
            "Thames Valley Violence Reduction Unit",
            ["special interest group"],
            "News from the Thames Valley VRU: its special interest group brought together "
            "professionals working to improve trauma-informed practice.",
            SIG_BODY,
            False,
        ),
        (
            "research-partners-appointed",
            "Research partners appointed",
            datetime.date(2024, 3, 4),
            "VRU Trauma Informed Practice team",
            ["research"],
            "The VRU appointed Dartington Service Design Lab and Friendship as its trauma-informed research partners.",
            [
                (
                    "paragraph",
                    "<p>The VRU has appointed Dartington Service Design Lab and Friendship as its "
                    "trauma-informed research partners. They will explore how trauma-informed "
                    "approaches are developed and put into practice across London, focusing on "
                    "local authorities, the Metropolitan Police Service and the city's NHS "
                    "Integrated Care Boards.</p>",
                )
            ],
            True,
        ),
        (
            "survey-launched",
            "Trauma-Informed London survey launched",
            datetime.date(2024, 11, 18),
            "VRU Trauma Informed Practice team",
            ["survey", "research"],
            "A short survey asks people working in London's health services, councils and policing to share their trauma-informed practice.",
            [
                (
                    "paragraph",
                    "<p>The Trauma-Informed London survey asks people working in London's "
                    "healthcare, local authorities and Metropolitan policing to share examples of "
                    "trauma-informed practice. It takes about 15 minutes and is open until "
                    "10 January 2025.</p><p>What people share will help build a common language "
                    "and a portfolio of practice that can be shared across sectors.</p>",
                )
            ],
            True,
        ),
        (
            "final-report-published",
            "Final report and roadmap published",
            datetime.date(2025, 7, 15),
            "VRU Trauma Informed Practice team",
            ["research", "roadmap"],
            "The research's main report, executive summary and case study collection are now available.",
            [
                (
                    "paragraph",
                    "<p>The final report of the trauma-informed practice research is published, "
                    "with an executive summary and a collection of promising practice case "
                    "studies. You can download them from the research section of this site.</p>",
                )
            ],
            True,
        ),
    ]
    for number, (slug, title, date, author, tags, summary, body, example) in enumerate(items):
        if index.get_children().filter(slug=slug).exists():
            demo.kept += 1
            continue
        page = demo.page(
            index,
            NewsPage,
            slug,
            title=title,
            date=date,
            author=author,
            listing_summary=summary,
            body=body,
            is_example_content=example,
            listing_image=make_image(f"News: {title}", (60 + number * 20, 60, 120)),
        )
        page.tags.add(*tags)
        page.save_revision().publish()
    demo.translate(index, ARABIC)
    sig = index.get_children().filter(slug="special-interest-group-meets").first()
    if sig is not None:
        demo.translate(sig.specific, ARABIC)
