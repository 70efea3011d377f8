"""Demo step for the roadmap: the journey, four stages, recommendations for the three audiences,
and a self-assessment, with Arabic translations of the pages.

From the seeds: the roadmap sets out the path to a shared, city-wide trauma-informed approach;
recommendations are centred on implementers, system leaders and London's VRU, and all apply to
policing, health and local authorities. The stage names follow the programme's own language
(trauma-aware to trauma-responsive). Indicators, actions, questions, what each stage means for
each driver of change (the roadmap map's cells) and the wording of the recommendations are
invented, and marked as example content (on example-content stage pages and recommendations).
"""

from __future__ import annotations

from wagtail.models import Locale

from home.demo.builder import Demo
from home.models import Audience, DriverOfChange, Sector
from roadmap.models import Recommendation, RoadmapPage, RoadmapStagePage, SelfAssessmentPage

# Every English string with its Arabic translation, collected as the content is written.
ARABIC: dict[str, str] = {}


def t(english: str, arabic: str) -> str:
    ARABIC[english] = arabic
    return english


ROADMAP = {
    "title": t("The roadmap", "خريطة الطريق"),
    "introduction": t(
        "The path to a trauma-responsive London, stage by stage. Choose your role and sector to "
        "see what applies to you.",
        "الطريق نحو لندن المستجيبة للصدمات، مرحلةً بعد مرحلة. اختر دورك وقطاعك لترى ما ينطبق عليك.",
    ),
    "listing_summary": t(
        "Where your organisation stands, and what to do next, on the way to a trauma-responsive London.",
        "أين تقف مؤسستك، وما الخطوة التالية، على الطريق نحو لندن المستجيبة للصدمات.",
    ),
}

# slug, title, introduction, indicators, {audience: actions}, reflective questions
STAGES = [
    (
        "trauma-aware",
        t("Trauma-aware", "الوعي بالصدمات"),
        t(
            "People across the organisation understand what trauma is and how it can affect the "
            "people they serve and their colleagues.",
            "يفهم العاملون في المؤسسة ما هي الصدمة وكيف يمكن أن تؤثر في الناس الذين يخدمونهم وفي زملائهم.",
        ),
        [
            t(
                "Staff can explain what trauma is and how common it is.",
                "يستطيع العاملون شرح معنى الصدمة ومدى شيوعها.",
            ),
            t(
                "Leaders talk about trauma-informed practice in meetings.",
                "يتحدث القادة عن الممارسة الواعية بالصدمات في الاجتماعات.",
            ),
        ],
        {
            "implementers": [
                t(
                    "Learn the six principles together as a team.",
                    "تعلّموا المبادئ الستة معًا كفريق.",
                ),
                t(
                    "Notice moments in your service that may feel unsafe.",
                    "انتبهوا إلى اللحظات في خدمتكم التي قد تبدو غير آمنة.",
                ),
            ],
            "system-leaders": [
                t(
                    "Name trauma-informed practice as a priority in plans.",
                    "اجعلوا الممارسة الواعية بالصدمات أولوية معلنة في الخطط.",
                ),
                t(
                    "Give staff time to take part in basic training.",
                    "امنحوا العاملين وقتًا للمشاركة في التدريب الأساسي.",
                ),
            ],
            "vru": [
                t(
                    "Share the London definition with every partner.",
                    "شاركوا تعريف لندن مع كل الشركاء.",
                ),
                t(
                    "Offer introductory sessions across sectors.",
                    "قدّموا جلسات تعريفية عبر القطاعات.",
                ),
            ],
        },
        [
            t(
                "What do we already know about trauma in our community?",
                "ماذا نعرف بالفعل عن الصدمات في مجتمعنا؟",
            )
        ],
    ),
    (
        "trauma-sensitive",
        t("Trauma-sensitive", "الحساسية للصدمات"),
        t(
            "The organisation starts to look at its own services and spaces through a trauma lens.",
            "تبدأ المؤسسة بالنظر إلى خدماتها وأماكنها من منظور الصدمات.",
        ),
        [
            t(
                "Teams review letters, waiting areas and first contacts.",
                "تراجع الفرق الرسائل وأماكن الانتظار ونقاط التواصل الأولى.",
            ),
            t("Staff wellbeing is discussed openly.", "تتم مناقشة رفاه العاملين بصراحة."),
        ],
        {
            "implementers": [
                t(
                    "Rewrite one standard letter in plain, calm language.",
                    "أعيدوا كتابة رسالة معيارية واحدة بلغة بسيطة وهادئة.",
                ),
                t(
                    "Ask the people you serve what helps them feel safe.",
                    "اسألوا من تخدمونهم عمّا يساعدهم على الشعور بالأمان.",
                ),
            ],
            "system-leaders": [
                t(
                    "Set up reflective supervision for front-line staff.",
                    "أنشئوا إشرافًا تأمليًا للعاملين في الخطوط الأمامية.",
                ),
                t(
                    "Appoint a trauma-informed champion in each service.",
                    "عيّنوا نصيرًا للممارسة الواعية بالصدمات في كل خدمة.",
                ),
            ],
            "vru": [
                t(
                    "Connect champions through a special interest group.",
                    "اربطوا الأنصار ببعضهم من خلال مجموعة اهتمام خاص.",
                ),
                t(
                    "Publish promising practice from each sector.",
                    "انشروا الممارسات الواعدة من كل قطاع.",
                ),
            ],
        },
        [
            t(
                "Where might people feel unsafe when they first meet us?",
                "أين قد يشعر الناس بعدم الأمان عند لقائنا أول مرة؟",
            )
        ],
    ),
    (
        "trauma-informed",
        t("Trauma-informed", "الممارسة الواعية بالصدمات"),
        t(
            "The six principles shape policies, practice and how staff are supported, every day.",
            "تشكّل المبادئ الستة السياسات والممارسة وطريقة دعم العاملين، كل يوم.",
        ),
        [
            t(
                "Policies are checked against the six principles.",
                "تُراجع السياسات في ضوء المبادئ الستة.",
            ),
            t(
                "People with lived experience help design services.",
                "يشارك أصحاب التجربة المعاشة في تصميم الخدمات.",
            ),
        ],
        {
            "implementers": [
                t(
                    "Plan support with people, not for them.",
                    "خطّطوا للدعم مع الناس، لا نيابةً عنهم.",
                ),
                t(
                    "Use team debriefs after difficult incidents.",
                    "اعقدوا جلسات مراجعة جماعية بعد الحوادث الصعبة.",
                ),
            ],
            "system-leaders": [
                t(
                    "Build the principles into commissioning and contracts.",
                    "أدرجوا المبادئ في التكليف بالخدمات والعقود.",
                ),
                t(
                    "Pay people with lived experience for their time.",
                    "ادفعوا لأصحاب التجربة المعاشة مقابل وقتهم.",
                ),
            ],
            "vru": [
                t(
                    "Fund joint training across borough partnerships.",
                    "موّلوا تدريبًا مشتركًا عبر شراكات الأحياء.",
                ),
                t(
                    "Measure progress with the London baseline.",
                    "قيسوا التقدم باستخدام خط الأساس في لندن.",
                ),
            ],
        },
        [
            t(
                "How do our policies show each of the six principles?",
                "كيف تُظهر سياساتنا كل مبدأ من المبادئ الستة؟",
            )
        ],
    ),
    (
        "trauma-responsive",
        t("Trauma-responsive", "الاستجابة للصدمات"),
        t(
            "Trauma-informed practice is part of how the whole system works, and it keeps learning.",
            "أصبحت الممارسة الواعية بالصدمات جزءًا من طريقة عمل المنظومة كلها، وهي تواصل التعلّم.",
        ),
        [
            t(
                "Partners share data and learning across sectors.",
                "يتبادل الشركاء البيانات والدروس عبر القطاعات.",
            ),
            t(
                "Young people and communities help judge progress.",
                "يساعد الشباب والمجتمعات في تقييم التقدم.",
            ),
        ],
        {
            "implementers": [
                t(
                    "Mentor colleagues in other teams and sectors.",
                    "قدّموا الإرشاد لزملاء في فرق وقطاعات أخرى.",
                ),
                t("Share what works as a case study.", "شاركوا ما ينجح في صورة دراسة حالة."),
            ],
            "system-leaders": [
                t(
                    "Hold each other to account across the partnership.",
                    "حاسبوا بعضكم بعضًا عبر الشراكة.",
                ),
                t(
                    "Review outcomes with young people every year.",
                    "راجعوا النتائج مع الشباب كل عام.",
                ),
            ],
            "vru": [
                t(
                    "Keep the roadmap up to date with partners.",
                    "حدّثوا خريطة الطريق باستمرار مع الشركاء.",
                ),
                t(
                    "Champion a whole-London approach nationally.",
                    "ادعموا نهج لندن الشامل على المستوى الوطني.",
                ),
            ],
        },
        [t("What are we learning, and who are we learning it with?", "ماذا نتعلم، ومع من نتعلمه؟")],
    ),
]

# What each stage means for each driver of change, in a sentence (the roadmap map's cells).
# Invented for the demonstration, on example-content stage pages.
DRIVER_SUMMARIES = {
    "trauma-aware": {
        "leadership-and-culture": t(
            "Leaders say trauma-informed practice matters.",
            "يقول القادة إن الممارسة الواعية بالصدمات مهمة.",
        ),
        "workforce-wellbeing": t(
            "Staff learn what trauma is and how it affects them too.",
            "يتعلم العاملون ما هي الصدمة وكيف تؤثر فيهم أيضًا.",
        ),
        "relationships-and-voice": t(
            "Teams notice how people feel when they first meet the service.",
            "تنتبه الفرق إلى شعور الناس عند لقائهم الأول بالخدمة.",
        ),
        "systems-and-environments": t(
            "Teams spot letters and spaces that may feel unsafe.",
            "تلاحظ الفرق الرسائل والأماكن التي قد تبدو غير آمنة.",
        ),
    },
    "trauma-sensitive": {
        "leadership-and-culture": t(
            "Champions in each service keep the work going.",
            "يواصل الأنصار في كل خدمة دفع العمل إلى الأمام.",
        ),
        "workforce-wellbeing": t(
            "Reflective supervision starts for front-line staff.",
            "يبدأ الإشراف التأملي للعاملين في الخطوط الأمامية.",
        ),
        "relationships-and-voice": t(
            "People who use the service are asked what helps.",
            "يُسأل من يستخدمون الخدمة عمّا يساعدهم.",
        ),
        "systems-and-environments": t(
            "Letters, waiting areas and first contacts are reviewed.",
            "تُراجع الرسائل وأماكن الانتظار ونقاط التواصل الأولى.",
        ),
    },
    "trauma-informed": {
        "leadership-and-culture": t(
            "The six principles guide decisions and plans.",
            "توجّه المبادئ الستة القرارات والخطط.",
        ),
        "workforce-wellbeing": t(
            "Every member of staff has training and support after difficult work.",
            "يحصل كل العاملين على التدريب والدعم بعد العمل الصعب.",
        ),
        "relationships-and-voice": t(
            "People with lived experience help design services.",
            "يشارك أصحاب التجربة المعاشة في تصميم الخدمات.",
        ),
        "systems-and-environments": t(
            "Policies and contracts are written with the principles.",
            "تُكتب السياسات والعقود في ضوء المبادئ.",
        ),
    },
    "trauma-responsive": {
        "leadership-and-culture": t(
            "Partners hold each other to account across London.",
            "يحاسب الشركاء بعضهم بعضًا في أنحاء لندن.",
        ),
        "workforce-wellbeing": t(
            "Staff learn with colleagues in other sectors.",
            "يتعلم العاملون مع زملائهم في القطاعات الأخرى.",
        ),
        "relationships-and-voice": t(
            "Young people and communities help judge progress.",
            "يساعد الشباب والمجتمعات في تقييم التقدم.",
        ),
        "systems-and-environments": t(
            "Partners share data and learning across the system.",
            "يتبادل الشركاء البيانات والدروس عبر المنظومة.",
        ),
    },
}

# audience slug, anchor slug, driver slug, stage slugs, title, body
RECOMMENDATIONS = [
    (
        "implementers",
        "learn-the-principles",
        "workforce-wellbeing",
        ["trauma-aware"],
        "Learn the six principles as a team",
        "Set aside time in team meetings to discuss one principle at a time and what it means for your work.",
    ),
    (
        "implementers",
        "review-first-contact",
        "systems-and-environments",
        ["trauma-aware", "trauma-sensitive"],
        "Review the first contact people have with your service",
        "Walk through a first visit, call or letter as the person receiving it would, and change what feels unsafe.",
    ),
    (
        "implementers",
        "involve-lived-experience",
        "relationships-and-voice",
        ["trauma-sensitive", "trauma-informed"],
        "Involve people with lived experience in improving your service",
        "Ask the people you serve what helps, and show them what changed as a result.",
    ),
    (
        "implementers",
        "share-practice",
        "relationships-and-voice",
        ["trauma-informed", "trauma-responsive"],
        "Share your practice with colleagues across London",
        "Describe what you tried, what happened and what you learned, so that others can build on it.",
    ),
    (
        "system-leaders",
        "make-it-a-priority",
        "leadership-and-culture",
        ["trauma-aware"],
        "Make trauma-informed practice a visible priority",
        "Name it in strategies and plans, and say how progress will be checked.",
    ),
    (
        "system-leaders",
        "support-the-workforce",
        "workforce-wellbeing",
        ["trauma-sensitive", "trauma-informed"],
        "Support the wellbeing of the workforce",
        "Offer reflective supervision and time to recover after difficult work.",
    ),
    (
        "system-leaders",
        "commission-with-principles",
        "systems-and-environments",
        ["trauma-informed"],
        "Commission services with the principles built in",
        "Write the six principles into service specifications, contracts and reviews.",
    ),
    (
        "system-leaders",
        "work-as-one-system",
        "leadership-and-culture",
        ["trauma-responsive"],
        "Work as one system across the partnership",
        "Agree shared goals with partners in policing, health and local authorities.",
    ),
    (
        "vru",
        "shared-language",
        "leadership-and-culture",
        ["trauma-aware"],
        "Build a shared language across London",
        "Promote the London definition of trauma-informed practice with every partner.",
    ),
    (
        "vru",
        "connect-champions",
        "relationships-and-voice",
        ["trauma-sensitive"],
        "Connect champions across sectors",
        "Bring practitioners together through a special interest group and promising practice workshops.",
    ),
    (
        "vru",
        "fund-joint-learning",
        "workforce-wellbeing",
        ["trauma-informed"],
        "Fund joint learning across borough partnerships",
        "Support training and shared learning that crosses sector boundaries.",
    ),
    (
        "vru",
        "track-the-baseline",
        "systems-and-environments",
        ["trauma-informed", "trauma-responsive"],
        "Track London's progress against the baseline",
        "Repeat the self-assessment with partners and publish what changes.",
    ),
]

RECOMMENDATIONS_ARABIC = {
    "Learn the six principles as a team": "تعلّموا المبادئ الستة كفريق",
    "Set aside time in team meetings to discuss one principle at a time and what it means for your work.": "خصّصوا وقتًا في اجتماعات الفريق لمناقشة مبدأ واحد في كل مرة وما يعنيه لعملكم.",
    "Review the first contact people have with your service": "راجعوا أول تواصل للناس مع خدمتكم",
    "Walk through a first visit, call or letter as the person receiving it would, and change what feels unsafe.": "جرّبوا الزيارة أو المكالمة أو الرسالة الأولى كما يعيشها من يتلقاها، وغيّروا ما يبدو غير آمن.",
    "Involve people with lived experience in improving your service": "أشركوا أصحاب التجربة المعاشة في تحسين خدمتكم",
    "Ask the people you serve what helps, and show them what changed as a result.": "اسألوا من تخدمونهم عمّا يساعدهم، وأروهم ما تغيّر نتيجة لذلك.",
    "Share your practice with colleagues across London": "شاركوا ممارستكم مع زملائكم في أنحاء لندن",
    "Describe what you tried, what happened and what you learned, so that others can build on it.": "صفوا ما جرّبتم وما حدث وما تعلّمتم، ليبني عليه الآخرون.",
    "Make trauma-informed practice a visible priority": "اجعلوا الممارسة الواعية بالصدمات أولوية ظاهرة",
    "Name it in strategies and plans, and say how progress will be checked.": "اذكروها في الاستراتيجيات والخطط، وبيّنوا كيف سيُتابع التقدم.",
    "Support the wellbeing of the workforce": "ادعموا رفاه العاملين",
    "Offer reflective supervision and time to recover after difficult work.": "قدّموا إشرافًا تأمليًا ووقتًا للتعافي بعد العمل الصعب.",
    "Commission services with the principles built in": "كلّفوا بخدمات تتضمن المبادئ منذ البداية",
    "Write the six principles into service specifications, contracts and reviews.": "اكتبوا المبادئ الستة في مواصفات الخدمات والعقود والمراجعات.",
    "Work as one system across the partnership": "اعملوا كمنظومة واحدة عبر الشراكة",
    "Agree shared goals with partners in policing, health and local authorities.": "اتفقوا على أهداف مشتركة مع الشركاء في الشرطة والصحة والسلطات المحلية.",
    "Build a shared language across London": "ابنوا لغة مشتركة في أنحاء لندن",
    "Promote the London definition of trauma-informed practice with every partner.": "روّجوا لتعريف لندن للممارسة الواعية بالصدمات لدى كل شريك.",
    "Connect champions across sectors": "اربطوا الأنصار عبر القطاعات",
    "Bring practitioners together through a special interest group and promising practice workshops.": "اجمعوا الممارسين من خلال مجموعة اهتمام خاص وورش الممارسات الواعدة.",
    "Fund joint learning across borough partnerships": "موّلوا التعلّم المشترك عبر شراكات الأحياء",
    "Support training and shared learning that crosses sector boundaries.": "ادعموا التدريب والتعلّم المشترك الذي يتخطى حدود القطاعات.",
    "Track London's progress against the baseline": "تابعوا تقدم لندن مقارنةً بخط الأساس",
    "Repeat the self-assessment with partners and publish what changes.": "كرّروا التقييم الذاتي مع الشركاء وانشروا ما يتغير.",
}

# Four answers per question, from the earliest stage to the latest.
QUESTIONS = [
    (
        "leadership-and-culture",
        t(
            "How do leaders talk about trauma-informed practice?",
            "كيف يتحدث القادة عن الممارسة الواعية بالصدمات؟",
        ),
        [
            t("It is rarely mentioned.", "نادرًا ما يُذكر."),
            t("Some leaders mention it.", "يذكره بعض القادة."),
            t("It is a stated priority with a plan.", "إنه أولوية معلنة ولها خطة."),
            t("Leaders model it and are held to account for it.", "يجسّده القادة ويُحاسبون عليه."),
        ],
    ),
    (
        "leadership-and-culture",
        t(
            "How are decisions checked against the six principles?",
            "كيف تُراجع القرارات في ضوء المبادئ الستة؟",
        ),
        [
            t("They are not checked.", "لا تُراجع."),
            t("Sometimes, informally.", "أحيانًا، بشكل غير رسمي."),
            t("Major decisions are checked.", "تُراجع القرارات الكبرى."),
            t(
                "Always, with partners and people with lived experience.",
                "دائمًا، مع الشركاء وأصحاب التجربة المعاشة.",
            ),
        ],
    ),
    (
        "workforce-wellbeing",
        t("What training do staff have?", "ما التدريب الذي يحصل عليه العاملون؟"),
        [
            t("None yet.", "لا شيء حتى الآن."),
            t("An introduction for some staff.", "مقدمة لبعض العاملين."),
            t("Training for all staff, refreshed regularly.", "تدريب لكل العاملين، يُجدّد بانتظام."),
            t(
                "Ongoing learning shared with other organisations.",
                "تعلّم مستمر يُتبادل مع مؤسسات أخرى.",
            ),
        ],
    ),
    (
        "workforce-wellbeing",
        t("How are staff supported after difficult work?", "كيف يُدعم العاملون بعد عمل صعب؟"),
        [
            t("It is left to each person.", "يُترك الأمر لكل شخص."),
            t("Some managers check in.", "يتواصل بعض المديرين للاطمئنان."),
            t("Reflective supervision is available to all.", "الإشراف التأملي متاح للجميع."),
            t("Support is planned, used and reviewed.", "الدعم مخطط له ومستخدم ويُراجع."),
        ],
    ),
    (
        "relationships-and-voice",
        t(
            "How do people with lived experience shape your services?",
            "كيف يشارك أصحاب التجربة المعاشة في تشكيل خدماتكم؟",
        ),
        [
            t("They are not involved.", "لا يشاركون."),
            t("We ask for feedback now and then.", "نطلب آراءهم من حين لآخر."),
            t("They help design changes.", "يساعدون في تصميم التغييرات."),
            t(
                "They share decisions and are paid for their time.",
                "يشاركون في القرارات ويتقاضون أجرًا عن وقتهم.",
            ),
        ],
    ),
    (
        "relationships-and-voice",
        t("How do you work with other organisations?", "كيف تعملون مع المؤسسات الأخرى؟"),
        [
            t("Mostly alone.", "غالبًا بمفردنا."),
            t("We share information when asked.", "نتبادل المعلومات عند الطلب."),
            t("We plan some support together.", "نخطط لبعض الدعم معًا."),
            t("We share goals, learning and data.", "نتشارك الأهداف والدروس والبيانات."),
        ],
    ),
    (
        "systems-and-environments",
        t(
            "How were your letters, forms and spaces designed?",
            "كيف صُمّمت رسائلكم ونماذجكم وأماكنكم؟",
        ),
        [
            t("Without thinking about trauma.", "دون التفكير في الصدمات."),
            t("We have started to review them.", "بدأنا بمراجعتها."),
            t("Most have been reviewed with the principles.", "رُوجع معظمها في ضوء المبادئ."),
            t(
                "They are reviewed regularly with the people who use them.",
                "تُراجع بانتظام مع من يستخدمونها.",
            ),
        ],
    ),
    (
        "systems-and-environments",
        t(
            "How do policies and contracts reflect trauma-informed practice?",
            "كيف تعكس السياسات والعقود الممارسة الواعية بالصدمات؟",
        ),
        [
            t("They do not mention it.", "لا تذكرها."),
            t("A few policies mention it.", "تذكرها بعض السياسات."),
            t("Key policies and contracts include it.", "تتضمنها السياسات والعقود الرئيسية."),
            t("It runs through all of them and is audited.", "تسري في جميعها وتخضع للتدقيق."),
        ],
    ),
]

SELF_ASSESSMENT = {
    "title": t(
        "Self-assessment: where is my organisation on the roadmap?",
        "التقييم الذاتي: أين تقف مؤسستي على خريطة الطريق؟",
    ),
    "introduction": t(
        "Eight questions, two for each driver of change. It takes about five minutes. Nothing "
        "about you is stored: your result is a link you can keep, share or print.",
        "ثمانية أسئلة، سؤالان لكل محرّك من محركات التغيير. يستغرق نحو خمس دقائق. لا يُحفظ شيء عنك: نتيجتك رابط يمكنك الاحتفاظ به أو مشاركته أو طباعته.",
    ),
    "result_introduction": t(
        "Use this result to start a conversation with your team, not as a score.",
        "استخدم هذه النتيجة لبدء حوار مع فريقك، لا كدرجة.",
    ),
    "listing_summary": t(
        "Answer eight questions to find where your organisation stands, and what to do next.",
        "أجب عن ثمانية أسئلة لتعرف أين تقف مؤسستك، وما الخطوة التالية.",
    ),
}

ROADMAP_MAP = {
    "heading": "The roadmap at a glance",
    "introduction": (
        "Each row is a stage of the journey and each column a driver of change. Choose a cell to "
        "read what that stage means for that driver."
    ),
}

ROADMAP_BODY_STRINGS = {
    ROADMAP_MAP["heading"]: "خريطة الطريق في لمحة",
    ROADMAP_MAP["introduction"]: (
        "كل صف مرحلة من مراحل الرحلة وكل عمود محرّك من محركات التغيير. اختر خانة لتقرأ ما تعنيه "
        "تلك المرحلة لذلك المحرّك."
    ),
    "The journey": "الرحلة",
    "Drivers of change": "محركات التغيير",
    "The six principles": "المبادئ الستة",
}


def build(demo: Demo) -> None:
    roadmap = demo.page(
        demo.home,
        RoadmapPage,
        "roadmap",
        show_in_menus=True,
        body=[
            ("roadmap_map", ROADMAP_MAP),
            ("drivers_of_change", {"heading": "Drivers of change", "introduction": ""}),
            ("principles", {"heading": "The six principles", "introduction": ""}),
        ],
        **ROADMAP,
    )
    stages = {}
    for slug, title, introduction, indicators, actions, questions in STAGES:
        stages[slug] = demo.page(
            roadmap,
            RoadmapStagePage,
            slug,
            title=title,
            introduction=introduction,
            listing_summary=introduction,
            is_example_content=True,
            indicators=[("indicator", text) for text in indicators],
            actions=[
                ("audience_actions", {"audience": audience, "actions": items})
                for audience, items in actions.items()
            ],
            reflective_questions=[("question", text) for text in questions],
            driver_summaries=[
                ("driver_summary", {"driver": driver, "summary": summary})
                for driver, summary in DRIVER_SUMMARIES[slug].items()
            ],
        )
    assessment = demo.page(
        roadmap,
        SelfAssessmentPage,
        "self-assessment",
        is_example_content=True,
        questions=[
            (
                "question",
                {
                    "driver": driver,
                    "question": question,
                    "hint": "",
                    "options": [
                        {"label": label, "stage": stages[STAGES[i][0]]}
                        for i, label in enumerate(options)
                    ],
                },
            )
            for driver, question, options in QUESTIONS
        ],
        **SELF_ASSESSMENT,
    )
    build_recommendations(demo, stages)
    strings = {**ARABIC, **ROADMAP_BODY_STRINGS}
    for page in [roadmap, *stages.values(), assessment]:
        demo.translate(page, strings)


def build_recommendations(demo: Demo, stages: dict) -> None:
    default = Locale.get_default()
    audiences = {a.slug: a for a in Audience.objects.filter(locale=default)}
    drivers = {d.slug: d for d in DriverOfChange.objects.filter(locale=default)}
    # The seeds: every recommendation is relevant for policing, health and local authorities.
    sectors = list(
        Sector.objects.filter(locale=default, slug__in=["policing", "health", "local-authorities"])
    )
    created = 0
    quiet, demo.report = demo.report, lambda message: None  # one line for all of them
    for order, (audience, slug, driver, stage_slugs, title, body) in enumerate(RECOMMENDATIONS):
        existing = Recommendation.objects.filter(locale=default, slug=slug).first()
        if existing is not None:
            demo.kept += 1
            demo.translate(existing, RECOMMENDATIONS_ARABIC)
            continue
        recommendation = Recommendation(
            locale=default,
            slug=slug,
            title=title,
            body=f"<p>{body}</p>",
            audience=audiences[audience],
            driver=drivers[driver],
            sort_order=order,
            is_example_content=True,
        )
        recommendation.stages = [stages[s] for s in stage_slugs]
        recommendation.sectors = sectors
        recommendation.save()
        recommendation.save_revision().publish()
        demo.translate(recommendation, RECOMMENDATIONS_ARABIC)
        created += 1
    demo.report = quiet
    demo.created += created
    if created:
        demo.report(f"  created {created} recommendations, translated into Arabic")
