"""Demo step for the shared app: locales, taxonomy, home, about, policies, get involved, search,
site settings and footer. Facts come from the programme's public texts; the words are ours."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Locale, Page, Site

from home.demo.builder import Demo
from home.demo.taxonomy import build_taxonomy
from home.models import FooterText, HomePage, NoticeBanner, SiteSettings, StandardPage

HOME = {
    "title": "Home",
    "hero_heading": "Towards a trauma-informed and trauma-responsive London",
    "hero_text": (
        "How police, the NHS, councils, schools and community organisations in London are "
        "learning to work in ways that recognise trauma, and how yours can too."
    ),
    "listing_summary": "The London Violence Reduction Unit's programme on trauma-informed practice.",
}


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
                    "source": "",
                },
                {
                    "figure": "16",
                    "label": "trauma-informed champions shaped the work",
                    "source": "",
                },
                {
                    "figure": "4",
                    "label": "drivers of change explain how practice leads to better outcomes",
                    "source": "",
                },
            ],
        ),
        ("heading", {"text": "Where to start", "level": "h2"}),
        (
            "paragraph",
            rich(
                "Read the London definition and its six principles, find where your organisation "
                "stands on the roadmap, and see promising practice from across the city."
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
]

GET_INVOLVED_BODY = [
    ("heading", {"text": "Share your practice", "level": "h2"}),
    (
        "paragraph",
        rich(
            "The Trauma-Informed London survey asked people working in London's health services, "
            "local authorities and policing to share examples of trauma-informed practice. It "
            "closed on 10 January 2025, and the answers shaped the case studies on this site.",
            "If your organisation is doing something you think others could learn from, tell us "
            "about it using the contact details at the bottom of this page.",
        ),
    ),
    ("heading", {"text": "Join the special interest group", "level": "h2"}),
    (
        "paragraph",
        rich(
            "The VRU's Trauma-Informed Practice Special Interest Group brings together police "
            "officers, academics, researchers, mental health professionals, neurodiversity "
            "experts, educational practitioners and specialists in trauma-informed practice.",
            "It meets regularly to share presentations and discussion on how trauma-informed "
            "practice can be promoted and embedded. New members from every profession are welcome.",
        ),
    ),
]

ACCESSIBILITY_BODY = [
    (
        "paragraph",
        rich(
            "This statement applies to the Trauma-Informed London website. We want as many people "
            "as possible to be able to use it. You should be able to change colours and text "
            "size, zoom to 400% without the text spilling off the screen, move around the whole "
            "site using just a keyboard or speech recognition, and listen to it with a screen reader.",
        ),
    ),
    ("heading", {"text": "How accessible this website is", "level": "h2"}),
    (
        "paragraph",
        rich(
            "We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. "
            "Every type of page is checked automatically, in English and in a right-to-left "
            "language, each time the site changes. Automated checks do not find every problem, "
            "so we also test with a keyboard and a screen reader.",
            "Some older documents (PDFs) may not be fully accessible. Ask us for another format.",
        ),
    ),
    ("heading", {"text": "Reporting problems and enforcement", "level": "h2"}),
    (
        "paragraph",
        rich(
            "If you find a problem, or need information in a different format, contact us using "
            "the details at the bottom of the page. We will reply within 5 working days.",
            "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the "
            "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
            "Regulations 2018. If you are not happy with how we respond, contact the Equality "
            "Advisory and Support Service (EASS).",
        ),
    ),
]

PRIVACY_BODY = [
    (
        "paragraph",
        rich(
            "This notice explains what personal information this website collects, why, and "
            "what your rights are. The London Violence Reduction Unit is the data controller.",
        ),
    ),
    ("heading", {"text": "Reading the site", "level": "h2"}),
    (
        "paragraph",
        rich(
            "Reading this website collects no personal information. We use no analytics, no "
            "advertising and no third-party services, and we set no cookies for readers.",
        ),
    ),
    ("heading", {"text": "Signing up for an event", "level": "h2"}),
    (
        "paragraph",
        rich(
            "When you sign up for an event we keep your name, email address, organisation, "
            "sector and role, so that we can confirm your place and contact you about the event.",
            "Access and dietary needs are optional. They can be health information, so we only "
            "keep them if you give your explicit consent, and only the events team can see them.",
            "We delete or anonymise sign-ups after the event, at the end of the retention period "
            "shown on the sign-up form.",
        ),
    ),
    ("heading", {"text": "The self-assessment", "level": "h2"}),
    (
        "paragraph",
        rich(
            "The roadmap self-assessment needs no account and stores nothing about you. If you "
            "choose to add your result to the London baseline, we keep only your answers, sector "
            "and borough, with nothing that identifies you.",
        ),
    ),
    ("heading", {"text": "Your rights", "level": "h2"}),
    (
        "paragraph",
        rich(
            "You can ask for a copy of your information, ask us to correct or delete it, or "
            "object to how we use it. Contact us using the details at the bottom of the page. "
            "You can also complain to the Information Commissioner's Office (ICO).",
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

ARABIC = {
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
    "Read the London definition and its six principles, find where your organisation stands on the "
    "roadmap, and see promising practice from across the city.": (
        "اقرأ تعريف لندن ومبادئه الستة، واعرف أين تقف مؤسستك على خارطة الطريق، "
        "واطّلع على الممارسات الواعدة من أنحاء المدينة."
    ),
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
    "Our definition of trauma-informed practice": "تعريفنا للممارسة المُدركة للصدمات",
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
    "Share your practice": "شارك ممارستك",
    "Join the special interest group": "انضم إلى مجموعة الاهتمام الخاص",
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
    "The London definition and its six principles.": "تعريف لندن ومبادئه الستة.",
    "What trauma-informed practice means in London, and the six principles it rests on.": (
        "ماذا تعني الممارسة المُدركة للصدمات في لندن، والمبادئ الستة التي تقوم عليها."
    ),
    "If your organisation is doing something you think others could learn from, tell us about it "
    "using the contact details at the bottom of this page.": (
        "إذا كانت مؤسستك تقوم بعمل تعتقد أن غيرها يمكن أن يتعلّم منه، فأخبرنا عنه عبر بيانات الاتصال في أسفل هذه الصفحة."
    ),
    "It meets regularly to share presentations and discussion on how trauma-informed practice can be "
    "promoted and embedded. New members from every profession are welcome.": (
        "تجتمع المجموعة بانتظام لتبادل العروض والنقاش حول كيفية تعزيز الممارسة المُدركة للصدمات وترسيخها. "
        "نرحّب بالأعضاء الجدد من كل المهن."
    ),
    "Share your organisation's practice, and join the people changing how London works.": (
        "شارك ممارسة مؤسستك، وانضم إلى من يغيّرون طريقة عمل لندن."
    ),
    "Share your practice and join the special interest group.": "شارك ممارستك وانضم إلى مجموعة الاهتمام الخاص.",
    "The Trauma-Informed London survey asked people working in London's health services, local "
    "authorities and policing to share examples of trauma-informed practice. It closed on 10 January "
    "2025, and the answers shaped the case studies on this site.": (
        "طلب استبيان لندن المُدركة للصدمات من العاملين في الخدمات الصحية والسلطات المحلية والشرطة في لندن "
        "مشاركة أمثلة على الممارسة المُدركة للصدمات. أُغلق الاستبيان في 10 يناير 2025، وشكّلت الإجابات دراسات الحالة في هذا الموقع."
    ),
    "The VRU's Trauma-Informed Practice Special Interest Group brings together police officers, "
    "academics, researchers, mental health professionals, neurodiversity experts, educational "
    "practitioners and specialists in trauma-informed practice.": (
        "تجمع مجموعة الاهتمام الخاص بالممارسة المُدركة للصدمات التابعة للوحدة ضباط شرطة وأكاديميين وباحثين "
        "ومختصين في الصحة النفسية وخبراء في التنوع العصبي وتربويين ومتخصصين في الممارسة المُدركة للصدمات."
    ),
    "Search": "بحث",
    "Search the whole site.": "ابحث في الموقع كله.",
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
        title="Our definition of trauma-informed practice",
        introduction="What trauma-informed practice means in London, and the six principles it rests on.",
        listing_summary="The London definition and its six principles.",
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
    site_settings.save()
    footer = FooterText.objects.filter(locale=Locale.get_default()).first()
    if footer is None:
        footer = FooterText(
            locale=Locale.get_default(), support_text=SUPPORT_TEXT, about_text=ABOUT_TEXT
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
        listing_summary="Share your practice and join the special interest group.",
        body=GET_INVOLVED_BODY,
    )
    from search.models import SearchPage

    search = demo.page(
        home, SearchPage, "search", title="Search", introduction="Search the whole site."
    )
    demo.translate(get_involved, ARABIC)
    demo.translate(search, ARABIC)
