"""The glossary for the demo site: the page (under About the programme) and the programme's
terms, in English and Arabic.

Where the seeds define a term, its definition follows them and names the source:
- ACEs: the London VRU's Trauma Informed Research page (seed 001: "traumatic, abusive or
  neglectful experiences ... can have lasting impacts on wellbeing", and recovery from them);
- trauma-informed: the Thames Valley VRU's Strategic Needs Assessment (seed 004: "Being
  trauma-informed means assuming that people are more likely than not to have a history of
  traumatic experiences ...").
The seeds only name the others (ICBs, the Serious Violence Duty, the VRU, implementers and
system leaders, the stages towards a trauma-responsive London): their definitions are plain,
widely accepted explanations in the site's own words (the stages follow the roadmap's example
stage descriptions, roadmap/demo.py), marked as example content until someone checks them.
"""

from __future__ import annotations

from wagtail.models import Locale

from home.demo.builder import Demo
from home.demo.site import RESEARCH_SOURCE
from home.demo.taxonomy import PRINCIPLES_SOURCE, PRINCIPLES_SOURCE_ARABIC
from home.models import GlossaryPage, GlossaryTerm

RESEARCH_SOURCE_ARABIC = "وحدة الحدّ من العنف في لندن، بحث الممارسة المُدركة للصدمات"

PAGE = {
    "title": "Glossary",
    "introduction": (
        "Words and abbreviations this site uses, explained in plain language. Where a page "
        "first uses one of them, it links here."
    ),
    "listing_summary": "Plain-language explanations of the words and abbreviations this site uses.",
}
PAGE_ARABIC = {
    "Glossary": "مسرد المصطلحات",
    PAGE["introduction"]: (
        "الكلمات والاختصارات التي يستخدمها هذا الموقع، مشروحةً بلغة بسيطة. حين تستخدم صفحةٌ "
        "إحداها لأول مرة، فإنها ترتبط بهذه الصفحة."
    ),
    PAGE["listing_summary"]: "شرح بلغة بسيطة للكلمات والاختصارات التي يستخدمها هذا الموقع.",
}

# slug: English fields, Arabic fields (same keys; a field left out keeps the English text)
TERMS: list[tuple[str, dict, dict]] = [
    (
        "adverse-childhood-experiences",
        {
            "term": "Adverse Childhood Experiences",
            "abbreviation": "ACEs",
            "variants": "adverse childhood experience",
            "definition": (
                "Traumatic, abusive or neglectful experiences in childhood. Research shows they "
                "can have lasting impacts on wellbeing, and that people can recover from them."
            ),
            "source": RESEARCH_SOURCE,
        },
        {
            "term": "تجارب الطفولة الضارة",
            "variants": "تجربة طفولة ضارة",
            "definition": (
                "تجارب صادمة أو مسيئة أو تجارب إهمال في الطفولة. تُظهر الأبحاث أنها قد تؤثر في "
                "الرفاه لوقت طويل، وأن التعافي منها ممكن."
            ),
            "source": RESEARCH_SOURCE_ARABIC,
        },
    ),
    (
        "integrated-care-board",
        {
            "term": "Integrated Care Board",
            "abbreviation": "ICB",
            "variants": "Integrated Care Boards",
            "definition": (
                "The NHS body that plans and pays for health services for the people of an "
                "area, working with local councils and other partners. London's Integrated "
                "Care Boards are one of the three partners the research focused on."
            ),
            "is_example_content": True,
        },
        {
            "term": "هيئة الرعاية المتكاملة",
            "variants": "هيئات الرعاية المتكاملة",
            "definition": (
                "الجهة التابعة لهيئة الخدمات الصحية الوطنية التي تخطّط للخدمات الصحية لسكان منطقة "
                "ما وتموّلها، بالعمل مع المجالس المحلية وشركاء آخرين. وهيئات الرعاية المتكاملة في "
                "لندن إحدى الجهات الثلاث التي ركّز عليها البحث."
            ),
        },
    ),
    (
        "serious-violence-duty",
        {
            "term": "Serious Violence Duty",
            "definition": (
                "A legal duty that requires local partners, including the police, councils and "
                "the NHS, to work together to prevent and reduce serious violence in their area. "
                "The research was linked to it."
            ),
            "is_example_content": True,
        },
        {
            "term": "واجب مكافحة العنف الخطير",
            "definition": (
                "واجب قانوني يُلزم الشركاء المحليين، ومنهم الشرطة والمجالس وهيئة الخدمات الصحية "
                "الوطنية، بالعمل معًا لمنع العنف الخطير والحدّ منه في منطقتهم. وقد ارتبط البحث به."
            ),
        },
    ),
    (
        "violence-reduction-unit",
        {
            "term": "Violence Reduction Unit",
            "abbreviation": "VRU",
            "variants": "Violence Reduction Units",
            "definition": (
                "A team that brings partners such as the police, councils, health services and "
                "community organisations together to prevent violence by tackling its causes. "
                "London's VRU runs the trauma-informed practice programme this site describes."
            ),
            "is_example_content": True,
        },
        {
            "term": "وحدة الحدّ من العنف",
            "variants": "وحدة الحد من العنف",
            "definition": (
                "فريق يجمع شركاء مثل الشرطة والمجالس والخدمات الصحية والمنظمات المجتمعية لمنع "
                "العنف بمعالجة أسبابه. وتدير وحدة لندن برنامج الممارسة المُدركة للصدمات الذي "
                "يعرضه هذا الموقع."
            ),
        },
    ),
    (
        "trauma-aware",
        {
            "term": "trauma-aware",
            "variants": "trauma aware",
            "definition": (
                "The first stage on the roadmap: people across an organisation understand what "
                "trauma is and how it can affect the people they serve and their colleagues."
            ),
            "is_example_content": True,
        },
        {
            "term": "الوعي بالصدمات",
            "definition": (
                "المرحلة الأولى على خريطة الطريق: يفهم العاملون في المؤسسة ما هي الصدمة وكيف يمكن "
                "أن تؤثر في الناس الذين يخدمونهم وفي زملائهم."
            ),
        },
    ),
    (
        "trauma-sensitive",
        {
            "term": "trauma-sensitive",
            "variants": "trauma sensitive",
            "definition": (
                "The second stage on the roadmap: the organisation starts to look at its own "
                "services and spaces through a trauma lens."
            ),
            "is_example_content": True,
        },
        {
            "term": "الحساسية للصدمات",
            "definition": (
                "المرحلة الثانية على خريطة الطريق: تبدأ المؤسسة بالنظر إلى خدماتها وأماكنها من "
                "منظور الصدمات."
            ),
        },
    ),
    (
        "trauma-informed",
        {
            "term": "trauma-informed",
            "variants": "trauma informed",
            "definition": (
                "Being trauma-informed means assuming that people are more likely than not to "
                "have a history of traumatic experiences, and that these experiences may affect "
                "their ability to feel safe with, or build trusting relationships with, services "
                "and their staff."
            ),
            "source": PRINCIPLES_SOURCE,
        },
        {
            "term": "مُدرك للصدمات",
            "variants": "\n".join(
                [
                    "المُدركة للصدمات",
                    "مُدركة للصدمات",
                    "المدركة للصدمات",
                    "مدركة للصدمات",
                    "الواعية بالصدمات",
                ]
            ),
            "definition": (
                "أن تكون مُدركًا للصدمات يعني أن تفترض أن الناس على الأرجح مرّوا بتجارب صادمة، "
                "وأن هذه التجارب قد تؤثر في قدرتهم على الشعور بالأمان مع الخدمات والعاملين فيها "
                "أو على بناء علاقات ثقة معهم."
            ),
            "source": PRINCIPLES_SOURCE_ARABIC,
        },
    ),
    (
        "trauma-responsive",
        {
            "term": "trauma-responsive",
            "variants": "trauma responsive",
            "definition": (
                "The last stage on the roadmap: trauma-informed practice is part of how the whole "
                "system works, and it keeps learning. The programme's aim is a trauma-responsive "
                "London."
            ),
            "is_example_content": True,
        },
        {
            "term": "مستجيب للصدمات",
            "variants": "\n".join(["المستجيبة للصدمات", "مستجيبة للصدمات", "الاستجابة للصدمات"]),
            "definition": (
                "المرحلة الأخيرة على خريطة الطريق: أصبحت الممارسة الواعية بالصدمات جزءًا من طريقة "
                "عمل المنظومة كلها، وهي تواصل التعلّم. وهدف البرنامج لندن مستجيبة للصدمات."
            ),
        },
    ),
    (
        "implementer",
        {
            "term": "implementer",
            "variants": "implementers",
            "definition": (
                "Practitioners and managers who put trauma-informed practice to work: one of the "
                "three groups the roadmap's recommendations are for, with system leaders and the "
                "VRU."
            ),
            "source": RESEARCH_SOURCE,
            "is_example_content": True,
        },
        {
            "term": "المنفّذون",
            "variants": "\n".join(["منفّذ", "المنفّذين"]),
            "definition": (
                "الممارسون والمديرون الذين يطبّقون الممارسة الواعية بالصدمات: إحدى المجموعات الثلاث "
                "التي تتوجّه إليها توصيات خريطة الطريق، مع قادة المنظومة ووحدة الحدّ من العنف."
            ),
            "source": RESEARCH_SOURCE_ARABIC,
        },
    ),
    (
        "system-leader",
        {
            "term": "system leader",
            "variants": "system leaders",
            "definition": (
                "Senior leaders who set strategy, commission and fund services: one of the three "
                "groups the roadmap's recommendations are for, with implementers and the VRU."
            ),
            "source": RESEARCH_SOURCE,
            "is_example_content": True,
        },
        {
            "term": "قادة المنظومة",
            "variants": "قائد المنظومة",
            "definition": (
                "كبار القادة الذين يضعون الاستراتيجية ويكلّفون بالخدمات ويموّلونها: إحدى المجموعات "
                "الثلاث التي تتوجّه إليها توصيات خريطة الطريق، مع المنفّذين ووحدة الحدّ من العنف."
            ),
            "source": RESEARCH_SOURCE_ARABIC,
        },
    ),
]


def _arabic_strings(english: dict, arabic: dict) -> dict[str, str]:
    """Source text to Arabic text, as wagtail-localize's segments hold them."""
    return {english[name]: text for name, text in arabic.items() if english.get(name)}


def build(demo: Demo) -> None:
    """The glossary page under About the programme and its terms, both in English and Arabic;
    existing ones are kept as they are."""
    about = demo.home.get_children().filter(slug="about").first() or demo.home
    page = demo.page(about, GlossaryPage, "glossary", **PAGE)
    english = Locale.get_default()
    for slug, fields, arabic in TERMS:
        term = GlossaryTerm.objects.filter(slug=slug, locale=english).first()
        if term is None:
            term = GlossaryTerm(
                slug=slug,
                locale=english,
                **{**fields, "definition": f"<p>{fields['definition']}</p>"},
            )
            term.save()
            term.save_revision().publish()
            demo.created += 1
        demo.translate(term, _arabic_strings(fields, arabic))
    demo.report(f"  {len(TERMS)} glossary terms (with Arabic)")
    demo.translate(page, PAGE_ARABIC)
