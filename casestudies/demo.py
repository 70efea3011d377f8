"""Demo step for promising practice and research: the finder with example case studies, and the
research outputs with documents generated on the spot."""

from __future__ import annotations

import datetime

from wagtail.models import Locale

from casestudies.demo_data import ARABIC, CASE_STUDIES
from casestudies.documents import make_document, make_pdf, make_xlsx
from casestudies.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    ReportDocument,
    ReportPage,
    ResearchIndexPage,
    SharePracticePage,
)
from home.demo.builder import Demo, make_image
from home.models import Audience, Borough, DriverOfChange, Principle, Sector
from roadmap.models import RoadmapStagePage

ATTRIBUTIONS = {
    "calmer-custody": "Staff member, custody team",
    "letters-families-receive": "Parent, east London",
}
TRANSLATED = ["calmer-custody", "letters-families-receive"]
CONTACT = "Find out more through the London VRU's trauma-informed practice team."


def _rich(text: str) -> str:
    return f"<p>{text}</p>"


def case_study_body(context, did, changed, learned, quote, attribution) -> list:
    body = [
        ("heading", {"text": "Context", "level": "h2"}),
        ("paragraph", _rich(context)),
        ("heading", {"text": "What they did", "level": "h2"}),
        ("paragraph", _rich(did)),
    ]
    if quote:
        body.append(("quote", {"quote": quote, "attribution": attribution}))
    body += [
        ("heading", {"text": "What changed", "level": "h2"}),
        ("paragraph", _rich(changed)),
        ("heading", {"text": "What they learned", "level": "h2"}),
        ("paragraph", _rich(learned)),
    ]
    return body


def _terms(model, slugs):
    return list(model.objects.filter(locale=Locale.get_default(), slug__in=slugs))


def build(demo: Demo) -> None:
    index = demo.page(
        demo.home,
        CaseStudyIndexPage,
        "promising-practice",
        title="Promising practice",
        show_in_menus=True,
        introduction="Case studies of trauma-informed practice from across London.",
        listing_summary="Find promising practice by sector, borough, principle, driver of change, stage and audience.",
        listing_image=make_image("Promising practice", (75, 42, 123)),
    )
    build_case_studies(demo, index)
    research = demo.page(
        demo.home,
        ResearchIndexPage,
        "research",
        title="Research and resources",
        show_in_menus=True,
        introduction="The main report, the executive summary and the case study collection.",
        listing_summary="The research behind Trauma-Informed London, with documents to download.",
        listing_image=make_image("Research and resources", (47, 26, 79)),
    )
    build_reports(demo, research)
    demo.translate(index, ARABIC)
    demo.translate(research, ARABIC)
    for slug in TRANSLATED:
        page = CaseStudyPage.objects.filter(slug=slug, locale=Locale.get_default()).first()
        if page is not None:
            demo.translate(page, ARABIC)


def build_case_studies(demo: Demo, index) -> None:
    stages = {
        stage.slug: stage for stage in RoadmapStagePage.objects.filter(locale=Locale.get_default())
    }
    sectors = {sector.slug: sector for sector in Sector.objects.filter(locale=Locale.get_default())}
    for number, row in enumerate(CASE_STUDIES):
        (
            slug, title, organisation, sector, boroughs, principles, drivers, audiences, stage,
            summary, context, did, changed, learned, quote, colour,
        ) = row  # fmt: skip
        if index.get_children().filter(slug=slug).exists():
            demo.kept += 1
            continue
        page = demo.page(
            index,
            CaseStudyPage,
            slug,
            title=title,
            summary=summary,
            listing_summary=summary[:300],
            organisation=organisation,
            sector=sectors.get(sector),
            stage=stages.get(stage),
            body=case_study_body(
                context,
                did,
                changed,
                learned,
                quote,
                ATTRIBUTIONS.get(slug, "Person involved in the work"),
            ),
            contact=CONTACT,
            last_reviewed=datetime.date(2025, 6, 1) + datetime.timedelta(days=number * 3),
            listing_image=make_image(f"Case study: {title}", colour),
            is_example_content=True,
        )
        page.boroughs.set(_terms(Borough, boroughs))
        page.principles.set(_terms(Principle, principles))
        page.drivers.set(_terms(DriverOfChange, drivers))
        page.audiences.set(_terms(Audience, audiences))
        page.save_revision().publish()


REPORT_SUMMARY = (
    "The final report of the VRU's trauma-informed practice research, led by Dartington Service "
    "Design Lab and Friendship: a London definition, the landscape across policing, health and "
    "local authorities, promising practice, four drivers of change and recommendations."
)


def build_reports(demo: Demo, research) -> None:
    if research.get_children().filter(slug="final-report").exists():
        demo.kept += 1
        return
    main = make_document(
        "Trauma-informed London: final report (example)",
        "trauma-informed-london-final-report.pdf",
        make_pdf(
            "Trauma-informed London: final report",
            [
                "Example document generated for the demonstration site.",
                "The research engaged more than 300 practitioners, leaders and young people, "
                "and was shaped by 16 trauma-informed champions from policing, health, local "
                "authorities, education, voluntary and community organisations, and the VRU's "
                "Young People's Action Group.",
                "It focused on London's local authorities, the Metropolitan Police Service and "
                "the city's NHS Integrated Care Boards.",
            ],
        ),
    )
    summary = make_document(
        "Trauma-informed London: executive summary (example)",
        "trauma-informed-london-executive-summary.pdf",
        make_pdf(
            "Trauma-informed London: executive summary",
            [
                "Example document generated for the demonstration site.",
                "A definition of trauma-informed practice for London; the current landscape; "
                "promising practice; a roadmap; and four drivers of change.",
            ],
        ),
    )
    collection = make_document(
        "Trauma-informed London: case study collection (example)",
        "trauma-informed-london-case-studies.pdf",
        make_pdf(
            "Trauma-informed London: case study collection",
            ["Example document generated for the demonstration site."]
            + [f"{row[1]} - {row[2]}." for row in CASE_STUDIES],
        ),
    )
    data = make_document(
        "Case studies by sector and stage (example data)",
        "case-studies-by-sector-and-stage.xlsx",
        make_xlsx(
            "Case studies",
            ["Case study", "Organisation", "Sector", "Roadmap stage"],
            [[row[1], row[2], row[3], row[8]] for row in CASE_STUDIES],
        ),
    )
    report = demo.page(
        research,
        ReportPage,
        "final-report",
        title="Trauma-informed London: final report",
        summary=REPORT_SUMMARY,
        listing_summary=REPORT_SUMMARY[:300],
        publication_date=datetime.date(2025, 7, 15),
        authors="Dartington Service Design Lab and Friendship",
        listing_image=make_image("Final report", (61, 42, 158)),
        is_example_content=True,
        body=[
            ("heading", {"text": "About the research", "level": "h2"}),
            (
                "paragraph",
                _rich(
                    "The research builds on evidence that traumatic, abusive or neglectful "
                    "experiences, including adverse childhood experiences, can have lasting "
                    "effects on wellbeing, and that services which understand trauma help "
                    "people recover."
                ),
            ),
            (
                "key_figures",
                [
                    {
                        "figure": "300+",
                        "label": "practitioners, leaders and young people took part",
                        "source": "",
                    },
                    {
                        "figure": "16",
                        "label": "trauma-informed champions shaped the project",
                        "source": "",
                    },
                    {"figure": "4", "label": "drivers of change", "source": ""},
                ],
            ),
        ],
        updates=[
            (
                "update",
                {
                    "date": datetime.date(2025, 9, 1),
                    "kind": "correction",
                    "text": _rich(
                        "The case study collection now lists every case study's borough correctly."
                    ),
                },
            )
        ],
    )
    for order, (document, kind) in enumerate(
        [(main, "main"), (summary, "summary"), (collection, "case-studies"), (data, "data")]
    ):
        ReportDocument.objects.create(page=report, document=document, kind=kind, sort_order=order)
    report.save_revision().publish()


SHARE_ARABIC = {
    "Share your practice": "شارك ممارستك",
    "Tell us what your organisation did and what changed: it may become a case study others "
    "learn from.": "أخبرنا بما فعلته مؤسستك وما الذي تغيّر: قد تصبح دراسة حالة يتعلّم منها الآخرون.",
    "Tell the programme team about trauma-informed practice others could learn from.": (
        "أخبر فريق البرنامج عن ممارسة مُدركة للصدمات يمكن أن يتعلّم منها الآخرون."
    ),
    "Tell us what your organisation did and what changed. A member of the programme team "
    "reviews every description, may contact you, and may edit it before it is published as a "
    "case study. Your name and email address are never published, and are deleted a year after "
    "you send them.": (
        "أخبرنا بما فعلته مؤسستك وما الذي تغيّر. يراجع أحد أعضاء فريق البرنامج كل وصف، وقد "
        "يتواصل معك، وقد يحرّره قبل نشره كدراسة حالة. لا يُنشر اسمك ولا عنوان بريدك الإلكتروني "
        "أبدًا، ويُحذفان بعد عام من إرسالهما."
    ),
}


def closing_pages(demo: Demo) -> list[tuple[SharePracticePage, dict[str, str]]]:
    """ "Share your practice" under "Get involved", with the strings that translate it."""
    get_involved = demo.home.get_children().filter(slug="get-involved").first()
    if get_involved is None:
        return []
    share = demo.page(
        get_involved,
        SharePracticePage,
        "share-your-practice",
        title="Share your practice",
        listing_summary="Tell the programme team about trauma-informed practice others could "
        "learn from.",
        introduction="<p>Tell us what your organisation did and what changed. A member of the "
        "programme team reviews every description, may contact you, and may edit it before it is "
        "published as a case study. Your name and email address are never published, and are "
        "deleted a year after you send them.</p>",
    )
    _link_from(get_involved.specific, share)
    return [(share, SHARE_ARABIC)]


def _link_from(get_involved, share: SharePracticePage) -> None:
    """A call to action on "Get involved" leading to the form, once (an editor's page is kept)."""
    if any(
        block.block_type == "call_to_action" and block.value["link"].get("page") == share
        for block in get_involved.body
    ):
        return
    position = next(
        (n for n, block in enumerate(get_involved.body) if block.block_type == "call_to_action"),
        len(get_involved.body),
    )
    get_involved.body.insert(
        position,
        (
            "call_to_action",
            {
                "heading": "Share your practice",
                "text": "Tell us what your organisation did and what changed: it may become a "
                "case study others learn from.",
                "link": {"page": share, "label": "Share your practice"},
            },
        ),
    )
    get_involved.save_revision().publish()
