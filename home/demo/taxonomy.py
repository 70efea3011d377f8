"""The programme's taxonomy for the demo site, with Arabic names."""

from __future__ import annotations

from wagtail.models import Locale

from home.models import Audience, Borough, DriverOfChange, Principle, Sector

# The six principles are named in the Thames Valley VRU's Strategic Needs Assessment (seed 004),
# not in a London document: every page that shows them names that source. The one-line
# descriptions are the site's own explanatory wording.
PRINCIPLES_SOURCE = "Thames Valley Violence Reduction Unit, Strategic Needs Assessment"
PRINCIPLES_SOURCE_ARABIC = "وحدة الحدّ من العنف في وادي التايمز، تقييم الاحتياجات الاستراتيجي"

PRINCIPLES = [
    ("safety", "Safety", "shield", "People feel physically and emotionally safe.", "الأمان"),
    ("trust", "Trust", "handshake", "Services are open, consistent and keep their word.", "الثقة"),
    (
        "choice",
        "Choice",
        "signpost",
        "People have real choices and a say in what happens.",
        "الاختيار",
    ),
    ("collaboration", "Collaboration", "people", "Working with people, sharing power.", "التعاون"),
    ("empowerment", "Empowerment", "star", "Building on people's strengths.", "التمكين"),
    (
        "inclusivity",
        "Inclusivity",
        "circle",
        "Recognising how poverty, race, gender and disability shape experience.",
        "الشمول",
    ),
]

# The research names four drivers of change; their names here are ours (example content).
DRIVERS = [
    (
        "leadership-and-culture",
        "Leadership and culture",
        "compass",
        "Leaders model trauma-informed values and make room for them.",
        "القيادة والثقافة",
    ),
    (
        "workforce-wellbeing",
        "Workforce wellbeing and learning",
        "heart",
        "Staff are trained, supported and looked after.",
        "رفاه العاملين وتعلّمهم",
    ),
    (
        "relationships-and-voice",
        "Relationships and lived experience",
        "people",
        "People with lived experience shape services.",
        "العلاقات والتجربة المعاشة",
    ),
    (
        "systems-and-environments",
        "Systems, policies and spaces",
        "building",
        "Policies, processes and places are designed with trauma in mind.",
        "الأنظمة والسياسات والأماكن",
    ),
]

AUDIENCES = [
    (
        "implementers",
        "Implementers",
        "people",
        "Practitioners and managers who put trauma-informed practice to work.",
        "المنفّذون",
    ),
    (
        "system-leaders",
        "System leaders",
        "building",
        "Senior leaders who set strategy, commission and fund services.",
        "قادة المنظومة",
    ),
    (
        "vru",
        "The VRU",
        "compass",
        "London's Violence Reduction Unit, which convenes the system.",
        "وحدة الحدّ من العنف",
    ),
]

SECTORS = [
    (
        "policing",
        "Policing",
        "shield",
        "The Metropolitan Police Service and policing partners.",
        "الشرطة",
    ),
    (
        "health",
        "Health and NHS ICBs",
        "heart",
        "London's NHS Integrated Care Boards and health services.",
        "الصحة وهيئات الرعاية المتكاملة",
    ),
    (
        "local-authorities",
        "Local authorities",
        "building",
        "London's borough councils and their services.",
        "السلطات المحلية",
    ),
    ("education", "Education", "star", "Schools, colleges and alternative provision.", "التعليم"),
    (
        "voluntary-and-community",
        "Voluntary and community",
        "people",
        "Charities and community organisations.",
        "القطاع التطوعي والمجتمعي",
    ),
]

BOROUGHS = [
    ("barking-and-dagenham", "Barking and Dagenham", "باركينغ وداغنهام"),
    ("barnet", "Barnet", "بارنت"),
    ("bexley", "Bexley", "بيكسلي"),
    ("brent", "Brent", "برنت"),
    ("bromley", "Bromley", "بروملي"),
    ("camden", "Camden", "كامدن"),
    ("city-of-london", "City of London", "مدينة لندن"),
    ("croydon", "Croydon", "كرويدون"),
    ("ealing", "Ealing", "إيلينغ"),
    ("enfield", "Enfield", "إنفيلد"),
    ("greenwich", "Greenwich", "غرينتش"),
    ("hackney", "Hackney", "هاكني"),
    ("hammersmith-and-fulham", "Hammersmith and Fulham", "هامرسميث وفولهام"),
    ("haringey", "Haringey", "هارينغي"),
    ("harrow", "Harrow", "هارو"),
    ("havering", "Havering", "هافرينغ"),
    ("hillingdon", "Hillingdon", "هيلينغدون"),
    ("hounslow", "Hounslow", "هاونزلو"),
    ("islington", "Islington", "إزلينغتون"),
    ("kensington-and-chelsea", "Kensington and Chelsea", "كنسينغتون وتشيلسي"),
    ("kingston-upon-thames", "Kingston upon Thames", "كينغستون أبون تيمز"),
    ("lambeth", "Lambeth", "لامبث"),
    ("lewisham", "Lewisham", "لويشام"),
    ("merton", "Merton", "ميرتون"),
    ("newham", "Newham", "نيوهام"),
    ("redbridge", "Redbridge", "ريدبريدج"),
    ("richmond-upon-thames", "Richmond upon Thames", "ريتشموند أبون تيمز"),
    ("southwark", "Southwark", "ساوثوارك"),
    ("sutton", "Sutton", "ساتون"),
    ("tower-hamlets", "Tower Hamlets", "تاور هاملتس"),
    ("waltham-forest", "Waltham Forest", "والثام فورست"),
    ("wandsworth", "Wandsworth", "واندزورث"),
    ("westminster", "Westminster", "وستمنستر"),
]


# Arabic for the descriptions above, so that Arabic readers see the taxonomy explained too.
ARABIC_DESCRIPTIONS = {
    "People feel physically and emotionally safe.": "يشعر الناس بالأمان الجسدي والنفسي.",
    "Services are open, consistent and keep their word.": "الخدمات منفتحة ومتّسقة وتفي بوعودها.",
    "People have real choices and a say in what happens.": "يملك الناس خيارات حقيقية ورأيًا فيما يحدث.",
    "Working with people, sharing power.": "العمل مع الناس وتقاسم السلطة معهم.",
    "Building on people's strengths.": "البناء على نقاط قوة الناس.",
    "Recognising how poverty, race, gender and disability shape experience.": "إدراك كيف يشكّل الفقر والعرق والنوع الاجتماعي والإعاقة تجارب الناس.",
    "Leaders model trauma-informed values and make room for them.": "يجسّد القادة قيم الممارسة الواعية بالصدمات ويفسحون لها المجال.",
    "Staff are trained, supported and looked after.": "يتلقى العاملون التدريب والدعم والرعاية.",
    "People with lived experience shape services.": "يشارك أصحاب التجربة المعاشة في تشكيل الخدمات.",
    "Policies, processes and places are designed with trauma in mind.": "تُصمَّم السياسات والإجراءات والأماكن مع مراعاة الصدمات.",
    "Practitioners and managers who put trauma-informed practice to work.": "الممارسون والمديرون الذين يطبّقون الممارسة الواعية بالصدمات.",
    "Senior leaders who set strategy, commission and fund services.": "كبار القادة الذين يضعون الاستراتيجية ويكلّفون بالخدمات ويموّلونها.",
    "London's Violence Reduction Unit, which convenes the system.": "وحدة الحدّ من العنف في لندن، التي تجمع أطراف المنظومة.",
    "The Metropolitan Police Service and policing partners.": "شرطة العاصمة وشركاؤها في العمل الشرطي.",
    "London's NHS Integrated Care Boards and health services.": "هيئات الرعاية المتكاملة التابعة للخدمة الصحية الوطنية في لندن والخدمات الصحية.",
    "London's borough councils and their services.": "مجالس أحياء لندن وخدماتها.",
    "Schools, colleges and alternative provision.": "المدارس والكليات والتعليم البديل.",
    "Charities and community organisations.": "الجمعيات الخيرية والمنظمات المجتمعية.",
    PRINCIPLES_SOURCE: PRINCIPLES_SOURCE_ARABIC,
}


def _term(model, demo, slug, name, arabic, order, example=False, **fields):
    term = model.objects.filter(slug=slug, locale=Locale.get_default()).first()
    if term is None:
        term = model.objects.create(
            slug=slug,
            name=name,
            sort_order=order,
            locale=Locale.get_default(),
            is_example_content=example,
            **fields,
        )
        # Published through a revision, as a Moderator would: the term's history starts there.
        term.save_revision().publish()
        demo.created += 1
    strings = {name: arabic, **ARABIC_DESCRIPTIONS}
    demo.translate(term, strings)
    return term


def build_taxonomy(demo) -> None:
    quiet = demo.report
    demo.report = lambda message: None  # one line per group, not per term
    try:
        for order, (slug, name, icon, description, arabic) in enumerate(PRINCIPLES):
            _term(
                Principle,
                demo,
                slug,
                name,
                arabic,
                order,
                icon=icon,
                description=description,
                source=PRINCIPLES_SOURCE,
            )
        for order, (slug, name, icon, description, arabic) in enumerate(DRIVERS):
            _term(
                DriverOfChange,
                demo,
                slug,
                name,
                arabic,
                order,
                example=True,
                icon=icon,
                description=description,
            )
        for order, (slug, name, icon, description, arabic) in enumerate(AUDIENCES):
            _term(Audience, demo, slug, name, arabic, order, icon=icon, description=description)
        for order, (slug, name, icon, description, arabic) in enumerate(SECTORS):
            _term(Sector, demo, slug, name, arabic, order, icon=icon, description=description)
        for order, (slug, name, arabic) in enumerate(BOROUGHS):
            _term(Borough, demo, slug, name, arabic, order)
    finally:
        demo.report = quiet
    demo.report(
        f"  {len(PRINCIPLES)} principles, {len(DRIVERS)} drivers of change, {len(AUDIENCES)} audiences, "
        f"{len(SECTORS)} sectors, {len(BOROUGHS)} boroughs (with Arabic names)"
    )
