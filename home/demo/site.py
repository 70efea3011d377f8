"""Demo step for the shared app: locales, taxonomy, home, about, policies, get involved, site
settings and footer (apps add their last sections, the search page, through
CLOSING_PAGES_HOOK). Facts come from the programme's public texts; the words are ours."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from wagtail import hooks
from wagtail.models import Locale, Page, Site

from home.demo.builder import CLOSING_PAGES_HOOK, Demo
from home.demo.taxonomy import build_taxonomy
from home.models import (
    FooterText,
    FormField,
    FormPage,
    HomePage,
    HomePageFeature,
    NoticeBanner,
    Sector,
    SiteSettings,
    StandardPage,
)

HOME = {
    "title": "Home",
    "hero_heading": "Towards a trauma-informed and trauma-responsive London",
    "hero_text": (
        "How police, the NHS, councils, schools and community organisations in London are "
        "learning to work in ways that recognise trauma, and how yours can too."
    ),
    "listing_summary": "The London Violence Reduction Unit's programme on trauma-informed practice.",
}


# Where the home page's key figures come from (seed 001, the London VRU's research page).
RESEARCH_SOURCE = "London VRU, Trauma Informed Research"
# The six principles and the description of trauma-informed practice are the Thames Valley
# VRU's (seed 004); the group news is theirs too (seed 003). Pages using them say so.
THAMES_VALLEY_SNA = "the Thames Valley Violence Reduction Unit's Strategic Needs Assessment"


def rich(*paragraphs: str) -> str:
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def home_body() -> list[tuple[str, object]]:
    return [
        ("heading", {"text": "What this programme is", "level": "h2"}),
        (
            "paragraph",
            rich(
                "Many people who use public services, and many who work in them, have lived "
                "through trauma. Trauma-informed practice means designing services and "
                "workplaces with that in mind, so that they help rather than harm.",
                "London's Violence Reduction Unit (VRU) set out to build a shared understanding "
                "of trauma-informed practice across the city, to learn from what is already "
                "working, and to map a route every organisation can follow.",
            ),
        ),
        (
            "key_figures",
            [
                {
                    "figure": "300+",
                    "label": "practitioners, leaders and young people took part in the research",
                    "source": RESEARCH_SOURCE,
                },
                {
                    "figure": "16",
                    "label": "trauma-informed champions shaped the work",
                    "source": RESEARCH_SOURCE,
                },
                {
                    "figure": "4",
                    "label": "drivers of change explain how practice leads to better outcomes",
                    "source": RESEARCH_SOURCE,
                },
            ],
        ),
        ("heading", {"text": "Where to start", "level": "h2"}),
        (
            "paragraph",
            rich(
                "Read what trauma-informed practice means and the six principles often used to "
                "describe it, find where your organisation stands on the roadmap, and see example "
                "case studies of promising practice."
            ),
        ),
        (
            "callout",
            {
                "tone": "support",
                "heading": "If this subject affects you",
                "body": rich(
                    "Reading about trauma can bring up difficult feelings. Take breaks when you "
                    "need to. Support services are listed at the bottom of every page."
                ),
            },
        ),
    ]


ABOUT_BODY = [
    ("heading", {"text": "Why the programme exists", "level": "h2"}),
    (
        "paragraph",
        rich(
            "A large body of evidence shows that traumatic, abusive or neglectful experiences, "
            "including adverse childhood experiences (ACEs), can affect wellbeing for a long time. "
            "Evidence also shows that people can recover, and that services which understand "
            "trauma help them to.",
            "Over the last twenty years, trauma-informed approaches have spread through "
            "education, public health, criminal justice and social care. But organisations "
            "understand and apply the idea in very different ways.",
            "The VRU wanted a clear picture of the London landscape, and to support the city's "
            "journey towards being trauma-informed and, in time, trauma-responsive.",
        ),
    ),
    (
        "timeline",
        {
            "heading": "Four phases",
            "items": [
                {
                    "label": "Phase 1",
                    "title": "A definition for London",
                    "text": "Scoping: an evidence review, interviews, and setting up the champions group.",
                },
                {
                    "label": "Phase 2",
                    "title": "Understanding the London landscape",
                    "text": "A needs assessment, the Trauma-Informed London survey and promising practice workshops.",
                },
                {
                    "label": "Phase 3",
                    "title": "Promising practice",
                    "text": "Building and sharing case studies of trauma-informed approaches in context.",
                },
                {
                    "label": "Phase 4",
                    "title": "A roadmap to a trauma-responsive London",
                    "text": "Co-designing the interactive roadmap and writing the final report.",
                },
            ],
        },
    ),
    ("heading", {"text": "Who was involved", "level": "h2"}),
    (
        "paragraph",
        rich(
            "The research focused on London's local authorities, the Metropolitan Police Service "
            "and the city's NHS Integrated Care Boards, the partners named in the Serious "
            "Violence Duty.",
            "A group of 16 trauma-informed champions from policing, health, local authorities, "
            "education, voluntary and community organisations, and the VRU's Young People's "
            "Action Group shaped the project's vision and direction.",
            "More than 300 practitioners, leaders and young people took part in the research.",
        ),
    ),
    ("heading", {"text": "Research partners", "level": "h2"}),
    (
        "paragraph",
        rich(
            "The VRU appointed Dartington Service Design Lab and Friendship as its "
            "trauma-informed research partners."
        ),
    ),
]

DEFINITION_BODY = [
    (
        "callout",
        {
            "tone": "important",
            "heading": "Where this wording comes from",
            "body": rich(
                "The programme is developing a definition of trauma-informed practice for London "
                "with its partners. It is not published here yet, so the wording on this page is "
                "an example written for the demonstration site.",
                "The description below and the six principles are drawn from "
                f"{THAMES_VALLEY_SNA}, not from a London document.",
            ),
        },
    ),
    (
        "paragraph",
        rich(
            "Trauma-informed practice starts from one assumption: that the people we work with, "
            "and the people we work alongside, are more likely than not to have lived through "
            "trauma, and that this may affect how safe they feel with services and staff.",
            "It is not a treatment for trauma. It is a way of working that removes the barriers "
            "people affected by trauma meet when they look for help or come into contact with "
            "services.",
        ),
    ),
    ("heading", {"text": "Six principles", "level": "h2"}),
    (
        "accordion",
        {
            "heading": "",
            "items": [
                {
                    "title": "Safety",
                    "body": rich(
                        "People feel physically and emotionally safe, in every place and every conversation."
                    ),
                },
                {
                    "title": "Trust",
                    "body": rich(
                        "Services are open and consistent, and do what they say they will do."
                    ),
                },
                {
                    "title": "Choice",
                    "body": rich("People have real choices and a say in what happens to them."),
                },
                {
                    "title": "Collaboration",
                    "body": rich(
                        "Services work with people, not on them, and share power where they can."
                    ),
                },
                {
                    "title": "Empowerment",
                    "body": rich(
                        "Practice builds on people's strengths and helps them take control."
                    ),
                },
                {
                    "title": "Inclusivity",
                    "body": rich(
                        "Services recognise how poverty, race, gender and disability shape people's experiences."
                    ),
                },
            ],
        },
    ),
    (
        "paragraph",
        rich(
            "Source: the six principles (safety, trust, choice, collaboration, empowerment and "
            f"inclusivity) are named in {THAMES_VALLEY_SNA}. The one-line explanations are this "
            "site's own wording."
        ),
    ),
]

GET_INVOLVED_BODY = [
    ("heading", {"text": "Share your practice", "level": "h2"}),
    (
        "paragraph",
        rich(
            "The Trauma-Informed London survey asked people working in London's health services, "
            "local authorities and policing to share examples of trauma-informed practice. It "
            "closed on 10 January 2025.",
            "If your organisation is doing something you think others could learn from, tell us "
            "about it: follow the link below to share your practice.",
        ),
    ),
    ("heading", {"text": "Learning from other areas", "level": "h2"}),
    (
        "paragraph",
        rich(
            "The Thames Valley Violence Reduction Unit runs a Trauma Informed Practice Special "
            "Interest Group. It brings together police officers, academics, researchers, mental "
            "health professionals, neurodiversity experts, educational practitioners and "
            "specialists in trauma-informed practice.",
            "It is the Thames Valley VRU's group, not the London VRU's: to ask about joining, "
            "contact the Thames Valley VRU. Source: Thames Valley VRU news, 27 January 2023.",
        ),
    ),
]


def bullets(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


# On the model of the GOV.UK sample accessibility statement for public sector websites
# (Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations
# 2018). What the tests check is summarised as the tests actually run (tests/browser/).
ACCESSIBILITY_BODY = [
    (
        "paragraph",
        rich(
            "This accessibility statement applies to the Trauma-Informed London website. The "
            "organisation named at the bottom of every page runs it.",
            "We want as many people as possible to be able to use this website. It is designed "
            "so that you can change colours, contrast levels and fonts, zoom in up to 400% "
            "without the text spilling off the screen, move through the whole site using just a "
            "keyboard, read it with JavaScript switched off, and read it in English or Arabic.",
        ),
    ),
    ("heading", {"text": "How accessible this website is", "level": "h2"}),
    (
        "paragraph",
        rich("We know some parts of this website are not fully accessible:")
        + bullets(
            "some documents in the research section are PDF and spreadsheet files that have "
            "not been checked for accessibility",
            "the site has not yet been tested with screen readers or speech recognition "
            "software, or by disabled people, so problems only they would find may remain",
        ),
    ),
    ("heading", {"text": "Feedback and contact information", "level": "h2"}),
    (
        "paragraph",
        rich(
            "If you find a problem, or need information on this website in a different format "
            "such as an accessible document, large print, easy read or audio, contact us using "
            "the details at the bottom of the page.",
        ),
    ),
    ("accessibility_reply_time", None),
    ("heading", {"text": "Enforcement procedure", "level": "h2"}),
    (
        "paragraph",
        rich(
            "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the "
            "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
            "Regulations 2018 (the accessibility regulations). If you are not happy with how we "
            "respond to your complaint, contact the Equality Advisory and Support Service (EASS).",
            "If you live in Northern Ireland, the Equality Commission for Northern Ireland "
            "(ECNI) is responsible for enforcing the accessibility regulations there: contact it "
            "if you are not happy with how we respond.",
        ),
    ),
    (
        "heading",
        {"text": "Technical information about this website's accessibility", "level": "h2"},
    ),
    (
        "paragraph",
        rich(
            "We are committed to making this website accessible, in accordance with the Public "
            "Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations "
            "2018.",
        ),
    ),
    ("heading", {"text": "Compliance status", "level": "h3"}),
    (
        "paragraph",
        rich(
            "This website is partially compliant with the Web Content Accessibility Guidelines "
            "(WCAG) version 2.2 AA standard, due to the non-compliances and the gaps in testing "
            "listed below.",
        ),
    ),
    ("heading", {"text": "Non-accessible content", "level": "h3"}),
    (
        "paragraph",
        rich(
            "Some documents in the research section are PDF and spreadsheet files made for the "
            "demonstration site. They have not been checked against WCAG 2.2 and may fail "
            "success criterion 1.3.1 (info and relationships), for example where headings and "
            "tables are not marked up for screen readers. Ask us for another format. We plan to "
            "replace them with checked, accessible versions when the reports are published.",
        ),
    ),
    ("heading", {"text": "How we tested this website", "level": "h2"}),
    (
        "paragraph",
        rich("Every time the website changes, its automated tests:")
        + bullets(
            "open every page, in English and in Arabic (right to left), in a real browser at two "
            "screen widths (375 and 1280 pixels), and check it with axe-core against the WCAG "
            "2.2 level A and AA rules",
            "check the HTML of every page with the Nu Html Checker",
            "check that every page can be read with JavaScript switched off",
            "follow keyboard journeys: the skip link comes first and moves to the main content, "
            "every link on the home and about pages shows where keyboard focus is, and the "
            "self-assessment can be completed with a keyboard alone",
        )
        + rich(
            "The tests fail if they find a single axe violation or HTML error. Automated tests "
            "find only some accessibility problems, and the website has not yet been audited by "
            "an independent specialist.",
        ),
    ),
    ("accessibility_dates", None),
]

PRIVACY_BODY = [
    (
        "paragraph",
        rich(
            "This notice explains what personal information this website collects, why, the "
            "lawful basis for it, how long it is kept, who sees it, and your rights, as Article "
            "13 of the UK General Data Protection Regulation (UK GDPR) requires.",
        ),
    ),
    ("heading", {"text": "Who is responsible for your information", "level": "h2"}),
    ("data_protection_contact", None),
    ("heading", {"text": "Reading the site", "level": "h2"}),
    (
        "paragraph",
        rich(
            "You can read the whole website without giving any personal information. It uses "
            "no analytics, no advertising and no third-party services, and sets no cookies for "
            "readers. Like every website, the servers that deliver it receive your device's "
            "internet (IP) address in order to send you the pages.",
        ),
    ),
    ("heading", {"text": "What we collect and why", "level": "h2"}),
    (
        "personal_data",
        {
            "what": "Event sign-ups: your name, email address, organisation, sector, role and language",
            "purpose": (
                "To give you a place at the event or on its waiting list, and to email you a "
                "confirmation, a reminder and any changes. The emails we send you are kept with "
                "your sign-up. Counts by sector help us plan events."
            ),
            "lawful_basis": "public_task",
            "special_category": "",
            "basis_note": "",
            "retention": "signup",
            "who_sees": (
                "The events team and the site's administrators. We do not publish it or share "
                "it with anyone else."
            ),
        },
    ),
    (
        "personal_data",
        {
            "what": "Access needs and dietary needs (optional)",
            "purpose": (
                "To arrange the access, support and food you need at the event. This can be "
                "information about your health, which UK GDPR calls special category data."
            ),
            "lawful_basis": "public_task",
            "special_category": "explicit_consent",
            "basis_note": (
                "We keep each only if you tick its own consent box when you sign up. You can "
                "change or remove them at any time through the private link in your emails."
            ),
            "retention": "signup",
            "who_sees": "Only the events team and the site's administrators.",
        },
    ),
    (
        "personal_data",
        {
            "what": "The private link to your sign-up",
            "purpose": (
                "A link in your emails lets you see, change or cancel your sign-up without an "
                "account."
            ),
            "lawful_basis": "public_task",
            "special_category": "",
            "basis_note": "",
            "retention": "manage_link",
            "who_sees": "Anyone you forward the email to: treat the link like a password.",
        },
    ),
    (
        "personal_data",
        {
            "what": "Your self-assessment answers",
            "purpose": (
                "To work out where your organisation stands on the roadmap. Your answers are "
                "not stored: they stay in the address of your result page, which you can keep, "
                "share or print."
            ),
            "lawful_basis": "public_task",
            "special_category": "",
            "basis_note": "",
            "retention": "not_stored",
            "who_sees": "Only people you share your result link with.",
        },
    ),
    (
        "personal_data",
        {
            "what": "Adding your result to the London baseline (optional)",
            "purpose": (
                "If you choose to add your result, we store the stage your answers point to "
                "overall, the stage for each driver of change, the sector and borough you "
                "choose, and the date and time. We do not store your answers, your name, your "
                "organisation or your internet address. The baseline shows how organisations "
                "across London see their progress."
            ),
            "lawful_basis": "public_task",
            "special_category": "",
            "basis_note": "",
            "retention": "baseline",
            "who_sees": (
                "Editors see every entry in the admin. Readers see only the published summary."
            ),
        },
    ),
    ("heading", {"text": "If you do not give us this information", "level": "h2"}),
    (
        "paragraph",
        rich(
            "You do not have to give us any of it. Without a name and an email address we cannot "
            "give you a place at an event; everything else is optional. We make no decisions "
            "about you by automated means that have legal or similarly significant effects, and "
            "we do no profiling.",
        ),
    ),
    ("heading", {"text": "Your rights", "level": "h2"}),
    (
        "paragraph",
        rich("Under UK GDPR you have the right:")
        + bullets(
            "to be told how your information is used, as this notice does",
            "to get a copy of your information (access)",
            "to have it corrected if it is wrong (rectification)",
            "to have it deleted (erasure)",
            "to restrict how it is used, or to object to it being used",
            "to receive information you gave us in a format you can reuse (portability)",
            "to withdraw your consent for access and dietary needs at any time, without "
            "affecting what was done before",
        )
        + rich("To use any of these rights, contact the data protection officer named above."),
    ),
    ("heading", {"text": "Complaints", "level": "h2"}),
    (
        "paragraph",
        rich(
            "If you are unhappy with how your information has been handled, contact the data "
            "protection officer first. You also have the right to complain to the Information "
            "Commissioner's Office (ICO), the UK's regulator for data protection: see "
            '<a href="https://ico.org.uk/make-a-complaint/">ico.org.uk/make-a-complaint</a> '
            "or call the ICO helpline on 0303 123 1113.",
        ),
    ),
]

COOKIES_BODY = [
    (
        "paragraph",
        rich(
            "This website sets no cookies when you read it, and uses no tracking of any kind.",
            "Cookies are set only for our own staff when they sign in to edit the site, and when "
            "you submit a form, to protect it from forgery. They are essential, and expire when "
            "you close your browser or shortly after.",
        ),
    ),
]

SUPPORT_TEXT = (
    "<p>If you or someone you know needs help now:</p>"
    "<ul><li>In an emergency, call 999.</li>"
    "<li>Samaritans: call 116 123, free, day or night.</li>"
    "<li>Shout: text SHOUT to 85258 for free, confidential support by text.</li>"
    "<li>Childline (under 19): call 0800 1111.</li></ul>"
)
ABOUT_TEXT = "<p>Trauma-Informed London is a programme of the London Violence Reduction Unit.</p>"
# The organisation's name in the footer text, so that translators can give it in Arabic.
ORGANISATION_NAME = "London Violence Reduction Unit"

ARABIC = {
    ORGANISATION_NAME: "وحدة الحدّ من العنف في لندن",
    # Home
    "Home": "الصفحة الرئيسية",
    HOME["hero_heading"]: "نحو لندن مُدركة للصدمات ومستجيبة لها",
    HOME["hero_text"]: (
        "كيف تتعلّم الشرطة وهيئة الخدمات الصحية والمجالس المحلية والمدارس والمنظمات المجتمعية "
        "في لندن العمل بطرق تراعي الصدمات، وكيف يمكن لمؤسستك أن تفعل ذلك أيضًا."
    ),
    HOME["listing_summary"]: "برنامج وحدة الحدّ من العنف في لندن حول الممارسة المُدركة للصدمات.",
    "What this programme is": "ما هذا البرنامج",
    "Many people who use public services, and many who work in them, have lived through trauma. "
    "Trauma-informed practice means designing services and workplaces with that in mind, so that "
    "they help rather than harm.": (
        "كثير من الناس الذين يستخدمون الخدمات العامة، وكثير ممن يعملون فيها، عاشوا تجارب صادمة. "
        "الممارسة المُدركة للصدمات تعني تصميم الخدمات وأماكن العمل مع مراعاة ذلك، لكي تساعد لا أن تؤذي."
    ),
    "London's Violence Reduction Unit (VRU) set out to build a shared understanding of "
    "trauma-informed practice across the city, to learn from what is already working, and to map "
    "a route every organisation can follow.": (
        "سعت وحدة الحدّ من العنف في لندن إلى بناء فهم مشترك للممارسة المُدركة للصدمات في أنحاء المدينة، "
        "والتعلّم مما ينجح بالفعل، ورسم طريق يمكن لكل مؤسسة أن تسلكه."
    ),
    "300+": "أكثر من 300",
    "practitioners, leaders and young people took part in the research": "من الممارسين والقادة والشباب شاركوا في البحث",
    "trauma-informed champions shaped the work": "من روّاد الممارسة المُدركة للصدمات شكّلوا هذا العمل",
    "drivers of change explain how practice leads to better outcomes": "محرّكات للتغيير تشرح كيف تؤدي الممارسة إلى نتائج أفضل",
    "Where to start": "من أين تبدأ",
    "Read what trauma-informed practice means and the six principles often used to describe it, "
    "find where your organisation stands on the roadmap, and see example case studies of promising "
    "practice.": (
        "اقرأ عن معنى الممارسة المُدركة للصدمات والمبادئ الستة التي تُستخدم كثيرًا لوصفها، "
        "واعرف أين تقف مؤسستك على خارطة الطريق، واطّلع على أمثلة لدراسات حالة عن الممارسات الواعدة."
    ),
    RESEARCH_SOURCE: "وحدة الحدّ من العنف في لندن، بحث الممارسة المُدركة للصدمات",
    "If this subject affects you": "إذا كان هذا الموضوع يمسّك",
    "Reading about trauma can bring up difficult feelings. Take breaks when you need to. Support "
    "services are listed at the bottom of every page.": (
        "قد تثير القراءة عن الصدمات مشاعر صعبة. خذ استراحة متى احتجت إليها. "
        "تجد خدمات الدعم في أسفل كل صفحة."
    ),
    # About
    "About the programme": "عن البرنامج",
    "Why the programme exists": "لماذا وُجد هذا البرنامج",
    "Four phases": "أربع مراحل",
    "Phase 1": "المرحلة 1",
    "Phase 2": "المرحلة 2",
    "Phase 3": "المرحلة 3",
    "Phase 4": "المرحلة 4",
    "A definition for London": "تعريف خاص بلندن",
    "Understanding the London landscape": "فهم المشهد في لندن",
    "Promising practice": "الممارسات الواعدة",
    "A roadmap to a trauma-responsive London": "خارطة طريق نحو لندن مستجيبة للصدمات",
    "Scoping: an evidence review, interviews, and setting up the champions group.": (
        "الاستكشاف: مراجعة للأدلة، ومقابلات، وتأسيس مجموعة الروّاد."
    ),
    "A needs assessment, the Trauma-Informed London survey and promising practice workshops.": (
        "تقييم للاحتياجات، واستبيان لندن المُدركة للصدمات، وورش عمل حول الممارسات الواعدة."
    ),
    "Building and sharing case studies of trauma-informed approaches in context.": (
        "إعداد دراسات حالة عن مناهج مُدركة للصدمات في سياقها ومشاركتها."
    ),
    "Co-designing the interactive roadmap and writing the final report.": (
        "التصميم المشترك لخارطة الطريق التفاعلية وكتابة التقرير النهائي."
    ),
    "Who was involved": "من شارك",
    "Research partners": "شركاء البحث",
    "The VRU appointed Dartington Service Design Lab and Friendship as its trauma-informed research "
    "partners.": "عيّنت الوحدة مختبر دارتينغتون لتصميم الخدمات ومنظمة فريندشيب شريكين في البحث.",
    "More than 300 practitioners, leaders and young people took part in the research.": (
        "شارك في البحث أكثر من 300 من الممارسين والقادة والشباب."
    ),
    # Definition
    "Defining trauma-informed practice": "تعريف الممارسة المُدركة للصدمات",
    "Where this wording comes from": "مصدر هذه الصياغة",
    "The programme is developing a definition of trauma-informed practice for London with its "
    "partners. It is not published here yet, so the wording on this page is an example written for "
    "the demonstration site.": (
        "يعمل البرنامج مع شركائه على وضع تعريف للممارسة المُدركة للصدمات خاص بلندن. لم يُنشر هذا "
        "التعريف هنا بعد، لذا فالصياغة في هذه الصفحة مثال كُتب لموقع العرض التوضيحي."
    ),
    f"The description below and the six principles are drawn from {THAMES_VALLEY_SNA}, not from a "
    "London document.": (
        "الوصف أدناه والمبادئ الستة مأخوذة من تقييم الاحتياجات الاستراتيجي الصادر عن وحدة الحدّ من "
        "العنف في وادي التايمز، وليست من وثيقة خاصة بلندن."
    ),
    "Source: the six principles (safety, trust, choice, collaboration, empowerment and "
    f"inclusivity) are named in {THAMES_VALLEY_SNA}. The one-line explanations are this site's own "
    "wording.": (
        "المصدر: وردت المبادئ الستة (الأمان والثقة والاختيار والتعاون والتمكين والشمول) في تقييم "
        "الاحتياجات الاستراتيجي الصادر عن وحدة الحدّ من العنف في وادي التايمز. أما الشروح الموجزة "
        "فهي من صياغة هذا الموقع."
    ),
    "Six principles": "ستة مبادئ",
    "Safety": "الأمان",
    "Trust": "الثقة",
    "Choice": "الاختيار",
    "Collaboration": "التعاون",
    "Empowerment": "التمكين",
    "Inclusivity": "الشمول",
    "People feel physically and emotionally safe, in every place and every conversation.": (
        "يشعر الناس بالأمان الجسدي والعاطفي في كل مكان وفي كل حديث."
    ),
    "Services are open and consistent, and do what they say they will do.": (
        "الخدمات منفتحة ومتّسقة، وتفعل ما تقول إنها ستفعله."
    ),
    "People have real choices and a say in what happens to them.": "لدى الناس خيارات حقيقية ورأي فيما يحدث لهم.",
    "Services work with people, not on them, and share power where they can.": (
        "تعمل الخدمات مع الناس لا عليهم، وتتقاسم السلطة حيثما أمكن."
    ),
    "Practice builds on people's strengths and helps them take control.": (
        "تبني الممارسة على نقاط قوة الناس وتساعدهم على الإمساك بزمام أمورهم."
    ),
    "Services recognise how poverty, race, gender and disability shape people's experiences.": (
        "تدرك الخدمات كيف يشكّل الفقر والعرق والنوع الاجتماعي والإعاقة تجارب الناس."
    ),
    "Trauma-informed practice starts from one assumption: that the people we work with, and the "
    "people we work alongside, are more likely than not to have lived through trauma, and that this "
    "may affect how safe they feel with services and staff.": (
        "تنطلق الممارسة المُدركة للصدمات من افتراض واحد: أن الأشخاص الذين نعمل معهم، وزملاءنا في العمل، "
        "على الأرجح عاشوا تجارب صادمة، وأن ذلك قد يؤثر في مدى شعورهم بالأمان مع الخدمات والعاملين فيها."
    ),
    "It is not a treatment for trauma. It is a way of working that removes the barriers people "
    "affected by trauma meet when they look for help or come into contact with services.": (
        "هي ليست علاجًا للصدمات، بل طريقة عمل تزيل العوائق التي يواجهها المتأثرون بالصدمات "
        "عندما يطلبون المساعدة أو يتعاملون مع الخدمات."
    ),
    # Get involved
    "Get involved": "شارك معنا",
    # The mailing lists' join form on Get involved (the lists are events/demo.py's)
    "Join our mailing lists": "انضم إلى قوائمنا البريدية",
    "Choose what you would like to hear about. We send you an email to confirm first, and "
    "every email has a link to leave.": (
        "اختر ما تودّ أن تسمع عنه. نرسل إليك رسالة بريد إلكتروني أولًا لتأكيد اشتراكك، وفي كل "
        "رسالة رابط لمغادرة القائمة."
    ),
    # The contact form (home.FormPage) under Get involved
    "Contact the programme": "تواصل مع البرنامج",
    "Questions about the programme, or practice you would like to share? Send us a message.": (
        "هل لديك أسئلة عن البرنامج، أو ممارسة تودّ مشاركتها؟ أرسل إلينا رسالة."
    ),
    "Send us a message": "أرسل إلينا رسالة",
    "Send the programme team a question or an example of practice.": (
        "أرسل إلى فريق البرنامج سؤالًا أو مثالًا على ممارسة."
    ),
    "Ask the programme team a question, or tell us about practice others could learn from. We "
    "use your details only to reply, and delete your message after 90 days.": (
        "اطرح سؤالًا على فريق البرنامج، أو أخبرنا عن ممارسة يمكن أن يتعلّم منها الآخرون. نستخدم "
        "بياناتك للرد عليك فقط، ونحذف رسالتك بعد 90 يومًا."
    ),
    "Thank you. The programme team reads every message and replies within ten working days.": (
        "شكرًا لك. يقرأ فريق البرنامج كل رسالة ويرد خلال عشرة أيام عمل."
    ),
    "Your name": "اسمك",
    "Email address": "عنوان البريد الإلكتروني",
    "We only use it to reply to you.": "نستخدمه للرد عليك فقط.",
    "Your sector": "قطاع عملك",
    "Your message": "رسالتك",
    "I agree to the programme team contacting me about my message": (
        "أوافق على أن يتواصل معي فريق البرنامج بشأن رسالتي"
    ),
    "Share your practice": "شارك ممارستك",
    "Learning from other areas": "التعلّم من مناطق أخرى",
    "The Thames Valley Violence Reduction Unit runs a Trauma Informed Practice Special Interest "
    "Group. It brings together police officers, academics, researchers, mental health "
    "professionals, neurodiversity experts, educational practitioners and specialists in "
    "trauma-informed practice.": (
        "تدير وحدة الحدّ من العنف في وادي التايمز مجموعة اهتمام خاص بالممارسة المُدركة للصدمات، "
        "تجمع ضباط شرطة وأكاديميين وباحثين ومختصين في الصحة النفسية وخبراء في التنوع العصبي "
        "وتربويين ومتخصصين في الممارسة المُدركة للصدمات."
    ),
    "It is the Thames Valley VRU's group, not the London VRU's: to ask about joining, contact the "
    "Thames Valley VRU. Source: Thames Valley VRU news, 27 January 2023.": (
        "هذه المجموعة تابعة لوحدة وادي التايمز وليست لوحدة لندن: للاستفسار عن الانضمام، تواصل مع "
        "وحدة الحدّ من العنف في وادي التايمز. المصدر: خبر نشرته وحدة وادي التايمز في 27 يناير 2023."
    ),
    # About, definition and get involved (remaining paragraphs)
    "16": "16",
    "4": "4",
    "A group of 16 trauma-informed champions from policing, health, local authorities, education, "
    "voluntary and community organisations, and the VRU's Young People's Action Group shaped the "
    "project's vision and direction.": (
        "شكّلت رؤية المشروع واتجاهه مجموعةٌ من 16 رائدًا في الممارسة المُدركة للصدمات من الشرطة والصحة "
        "والسلطات المحلية والتعليم والمنظمات التطوعية والمجتمعية، إضافةً إلى مجموعة عمل الشباب التابعة للوحدة."
    ),
    "A large body of evidence shows that traumatic, abusive or neglectful experiences, including "
    "adverse childhood experiences (ACEs), can affect wellbeing for a long time. Evidence also shows "
    "that people can recover, and that services which understand trauma help them to.": (
        "تُظهر أدلة كثيرة أن التجارب الصادمة أو المسيئة أو تجارب الإهمال، ومنها تجارب الطفولة الضارة، "
        "قد تؤثر في الرفاه لوقت طويل. وتُظهر الأدلة أيضًا أن التعافي ممكن، وأن الخدمات التي تفهم الصدمات تساعد عليه."
    ),
    "Over the last twenty years, trauma-informed approaches have spread through education, public "
    "health, criminal justice and social care. But organisations understand and apply the idea in "
    "very different ways.": (
        "خلال العشرين عامًا الماضية انتشرت المناهج المُدركة للصدمات في التعليم والصحة العامة والعدالة الجنائية "
        "والرعاية الاجتماعية، لكن المؤسسات تفهم الفكرة وتطبّقها بطرق مختلفة جدًا."
    ),
    "The VRU wanted a clear picture of the London landscape, and to support the city's journey "
    "towards being trauma-informed and, in time, trauma-responsive.": (
        "أرادت الوحدة صورة واضحة عن المشهد في لندن، ودعم رحلة المدينة نحو أن تصبح مُدركة للصدمات، "
        "ثم مستجيبة لها مع الوقت."
    ),
    "The VRU's trauma-informed practice programme helps create the conditions for a more "
    "trauma-informed, and ultimately trauma-responsive, London.": (
        "يساعد برنامج الوحدة للممارسة المُدركة للصدمات على تهيئة الظروف للندن أكثر إدراكًا للصدمات، "
        "ومستجيبة لها في نهاية المطاف."
    ),
    "The research focused on London's local authorities, the Metropolitan Police Service and the "
    "city's NHS Integrated Care Boards, the partners named in the Serious Violence Duty.": (
        "ركّز البحث على السلطات المحلية في لندن وشرطة العاصمة وهيئات الرعاية المتكاملة التابعة لهيئة "
        "الخدمات الصحية، وهي الجهات المذكورة في واجب مكافحة العنف الخطير."
    ),
    "Why the programme exists, its four phases, and who took part.": "لماذا وُجد البرنامج، ومراحله الأربع، ومن شارك فيه.",
    "Example wording for a London definition, and the six principles it draws on.": (
        "صياغة على سبيل المثال لتعريف لندن، والمبادئ الستة التي يستند إليها."
    ),
    "Example wording for a London definition of trauma-informed practice, and the six principles "
    "it draws on.": (
        "صياغة على سبيل المثال لتعريف لندن للممارسة المُدركة للصدمات، والمبادئ الستة التي يستند إليها."
    ),
    "If your organisation is doing something you think others could learn from, tell us about it: "
    "follow the link below to share your practice.": (
        "إذا كانت مؤسستك تقوم بعمل تعتقد أن غيرها يمكن أن يتعلّم منه، فأخبرنا عنه: اتبع الرابط أدناه "
        "لمشاركة ممارستك."
    ),
    "Share your organisation's practice, and join the people changing how London works.": (
        "شارك ممارسة مؤسستك، وانضم إلى من يغيّرون طريقة عمل لندن."
    ),
    "Share your practice, and learn from other areas.": "شارك ممارستك، وتعلّم من مناطق أخرى.",
    "The Trauma-Informed London survey asked people working in London's health services, local "
    "authorities and policing to share examples of trauma-informed practice. It closed on 10 January "
    "2025.": (
        "طلب استبيان لندن المُدركة للصدمات من العاملين في الخدمات الصحية والسلطات المحلية والشرطة في لندن "
        "مشاركة أمثلة على الممارسة المُدركة للصدمات. أُغلق الاستبيان في 10 يناير 2025."
    ),
    # Footer
    "Need support?": "هل تحتاج إلى دعم؟",
    "If you or someone you know needs help now:": "إذا كنت أنت أو شخص تعرفه بحاجة إلى مساعدة الآن:",
    "In an emergency, call 999.": "في حالات الطوارئ، اتصل بالرقم 999.",
    "Samaritans: call 116 123, free, day or night.": "السامريون: اتصل بالرقم 123 116 مجانًا، ليلًا أو نهارًا.",
    "Shout: text SHOUT to 85258 for free, confidential support by text.": (
        "شاوت: أرسل كلمة SHOUT إلى الرقم 85258 للحصول على دعم مجاني وسرّي بالرسائل النصية."
    ),
    "Childline (under 19): call 0800 1111.": "تشايلدلاين (لمن هم دون 19 عامًا): اتصل بالرقم 1111 0800.",
    "Trauma-Informed London is a programme of the London Violence Reduction Unit.": (
        "لندن المُدركة للصدمات برنامج تابع لوحدة الحدّ من العنف في لندن."
    ),
}


def ensure_locales() -> list[Locale]:
    locales = [
        Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.LANGUAGES
    ]
    return locales


def ensure_home(report) -> HomePage:
    """The site's root is a HomePage: replace Wagtail's placeholder 'Welcome' page once."""
    site = Site.objects.filter(is_default_site=True).first()
    existing = HomePage.objects.filter(locale=Locale.get_default()).first()
    if existing:
        if site and site.root_page_id != existing.id:
            site.root_page = existing
            site.save()
        return existing
    root = Page.get_first_root_node()
    placeholder = site.root_page if site else None
    if placeholder is not None and placeholder.specific_class is Page:
        placeholder.slug = "wagtail-welcome-page"
        placeholder.save()
    home = HomePage(slug="home", locale=Locale.get_default(), **HOME)
    home.body = home_body()
    root.add_child(instance=home)
    home.save_revision().publish()
    base_url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    hostname, port = (
        base_url.hostname or "localhost",
        base_url.port or (443 if base_url.scheme == "https" else 80),
    )
    if site is None:
        site = Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="Trauma-Informed London",
        )
    else:
        site.hostname, site.port = hostname, port
        site.root_page = home
        site.site_name = "Trauma-Informed London"
        site.save()
        if placeholder is not None and placeholder.specific_class is Page:
            placeholder.delete()
    report("  created the home page")
    return home


def build(demo: Demo) -> None:
    demo.report("Taxonomy")
    build_taxonomy(demo)
    home = demo.home
    demo.report("Pages")
    about = demo.page(
        home,
        StandardPage,
        "about",
        title="About the programme",
        show_in_menus=True,
        introduction=(
            "The VRU's trauma-informed practice programme helps create the conditions for a more "
            "trauma-informed, and ultimately trauma-responsive, London."
        ),
        listing_summary="Why the programme exists, its four phases, and who took part.",
        body=ABOUT_BODY,
    )
    definition = demo.page(
        about,
        StandardPage,
        "definition",
        title="Defining trauma-informed practice",
        introduction=(
            "Example wording for a London definition of trauma-informed practice, and the six "
            "principles it draws on."
        ),
        listing_summary="Example wording for a London definition, and the six principles it draws on.",
        body=DEFINITION_BODY,
        is_example_content=True,
    )
    accessibility = demo.page(
        about,
        StandardPage,
        "accessibility-statement",
        title="Accessibility statement",
        introduction="How accessible this website is, and how to tell us about a problem.",
        body=ACCESSIBILITY_BODY,
    )
    privacy = demo.page(
        about,
        StandardPage,
        "privacy-notice",
        title="Privacy notice",
        introduction="What personal information we collect, why, and your rights.",
        body=PRIVACY_BODY,
    )
    cookies = demo.page(
        about,
        StandardPage,
        "cookies",
        title="Cookies",
        introduction="This website sets no cookies for readers.",
        body=COOKIES_BODY,
    )
    demo.report("Site settings and footer")
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    site_settings.contact_email = site_settings.contact_email or "trauma-informed@example.org"
    site_settings.privacy_page = site_settings.privacy_page or privacy
    site_settings.accessibility_page = site_settings.accessibility_page or accessibility
    site_settings.cookies_page = site_settings.cookies_page or cookies
    if not site_settings.data_controller and not site_settings.data_protection_contact:
        # Placeholders until the controller confirms them: readers see them marked as example.
        site_settings.data_controller = "Example: the London Violence Reduction Unit"
        site_settings.data_protection_contact = "dpo@example.org"
        site_settings.data_protection_is_example = True
    site_settings.save()
    footer = FooterText.objects.filter(locale=Locale.get_default()).first()
    if footer is None:
        footer = FooterText(
            locale=Locale.get_default(),
            support_text=SUPPORT_TEXT,
            about_text=ABOUT_TEXT,
            organisation_name=ORGANISATION_NAME,
        )
        footer.save()
        footer.save_revision().publish()
    if not NoticeBanner.objects.exists():
        notice = NoticeBanner(
            locale=Locale.get_default(),
            is_enabled=False,
            message="<p>The roadmap and final report are now published.</p>",
        )
        notice.save()
        notice.save_revision().publish()
    demo.report("Translations")
    for instance in (home, about, definition, footer):
        demo.translate(instance, ARABIC)


def finish(demo: Demo) -> None:
    """The last sections in the navigation, after every app's own sections."""
    home = demo.home
    get_involved = demo.page(
        home,
        StandardPage,
        "get-involved",
        title="Get involved",
        show_in_menus=True,
        introduction="Share your organisation's practice, and join the people changing how London works.",
        listing_summary="Share your practice, and learn from other areas.",
        body=GET_INVOLVED_BODY,
    )
    contact, sector_choices = contact_form(demo, get_involved)
    join_form(get_involved)
    closing = []
    for closing_pages in hooks.get_hooks(CLOSING_PAGES_HOOK):
        closing.extend(closing_pages(demo))
    # Apps may add a link to their page on "Get involved" (with its words in their strings).
    theirs = {source: text for _page, strings in closing for source, text in strings.items()}
    to_translate = [
        (get_involved, {**theirs, **ARABIC}),
        (contact, {**ARABIC, **sector_choices}),
        *closing,
    ]
    for page, strings in to_translate:
        demo.translate(page, strings)
    feature_pages(demo)


# The contact form's questions: (label, field type, required, hint).
CONTACT_QUESTIONS = [
    ("Your name", "singleline", True, ""),
    ("Email address", "email", True, "We only use it to reply to you."),
    ("Your sector", "dropdown", False, ""),
    ("Your message", "multiline", True, ""),
    ("I agree to the programme team contacting me about my message", "checkbox", True, ""),
]


def contact_form(demo: Demo, get_involved: Page) -> tuple[FormPage, dict[str, str]]:
    """A contact form under "Get involved" (a form page editors can change), and a link to it
    from that page; with the Arabic of its list of sectors."""
    english = Sector.terms_in(Locale.get_default())
    arabic = Locale.objects.filter(language_code="ar").first()
    sectors = "\n".join(term.name for term in english)
    sectors_ar = "\n".join(
        term.name for term in Sector.localize(english, arabic or english[0].locale)
    )
    contact = demo.page(
        get_involved,
        FormPage,
        "contact",
        title="Contact the programme",
        listing_summary="Send the programme team a question or an example of practice.",
        introduction=rich(
            "Ask the programme team a question, or tell us about practice others could learn "
            "from. We use your details only to reply, and delete your message after 90 days."
        ),
        thank_you_text=rich(
            "Thank you. The programme team reads every message and replies within ten working days."
        ),
        form_fields=[
            FormField(
                label=label,
                field_type=kind,
                required=required,
                help_text=hint,
                choices=sectors if kind == "dropdown" else "",
            )
            for label, kind, required, hint in CONTACT_QUESTIONS
        ],
    )
    page = get_involved.specific
    if not any(block.block_type == "call_to_action" for block in page.body):
        page.body.append(
            (
                "call_to_action",
                {
                    "heading": "Contact the programme",
                    "text": "Questions about the programme, or practice you would like to share? "
                    "Send us a message.",
                    "link": {"page": contact, "label": "Send us a message"},
                },
            )
        )
        page.save_revision().publish()
    return contact, {sectors: sectors_ar}


def join_form(get_involved: Page) -> None:
    """The mailing lists' join form (the lists are made by events/demo.py) at the end of
    "Get involved", once."""
    page = get_involved.specific
    if any(block.block_type == "mailing_lists" for block in page.body):
        return
    page.body.append(
        (
            "mailing_lists",
            {
                "heading": "Join our mailing lists",
                "introduction": "Choose what you would like to hear about. We send you an "
                "email to confirm first, and every email has a link to leave.",
            },
        )
    )
    page.save_revision().publish()


# The home page's featured cards: about the programme, the example definition and how to get
# involved. The roadmap, events, case studies and news have sections of their own.
FEATURED = ["about", "about/definition", "get-involved"]
# Shown first in the home page's sections ("What is happening"); news is left to the newest.
FEATURED_IN_SECTIONS = {
    "featured_events": ("event", "events/roadmap-round-table-for-system-leaders"),
    "featured_case_studies": ("case_study", "promising-practice/calmer-custody"),
}


def _find(home, path: str):
    page = home
    for slug in path.split("/"):
        page = page.get_children().filter(slug=slug).first() if page else None
    return page


def feature_pages(demo: Demo) -> None:
    """Feature a few pages on the home page, once: an editor's own choice is kept."""
    home = demo.home.specific
    changed = False
    if not home.featured_items.exists():
        for path in FEATURED:
            page = _find(home, path)
            if page is not None:
                home.featured_items.add(HomePageFeature(page=page))
        changed = True
    for field, (block, path) in FEATURED_IN_SECTIONS.items():
        page = _find(home, path)
        if not getattr(home, field) and page is not None:
            setattr(home, field, [(block, page)])
            changed = True
    if not changed:
        return
    home.save_revision().publish()
    demo.created += 1
    demo.report(f"  featured {home.featured_items.count()} pages on the home page")
    demo.sync(home)
