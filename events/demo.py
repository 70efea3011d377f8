"""Demo step for events: the celebration event (past, with highlights), two upcoming events
(one full with a waiting list, one with few places left) and their Arabic translations, and the
wording of every sign-up email in English and Arabic (live, so editors start from it)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone, translation
from wagtail.models import Locale
from wagtail_localize.strings import StringValue

from events.models import EmailWording, EventIndexPage, EventPage, MailingList, Registration
from events.wording import EmailKind, builtin_wording
from home.demo.builder import Demo
from home.models import Sector

LONDON = ZoneInfo("Europe/London")


def _at(day, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


def _agenda(*items):
    return [
        {"type": "item", "value": {"time": when, "title": title, "description": "", "led_by": who}}
        for when, title, who in items
    ]


CELEBRATION_HIGHLIGHTS = [
    {"type": "heading", "value": {"text": "What happened on the day", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Partners from policing, health, local authorities, education and the voluntary "
            "sector came together to celebrate the launch of the trauma-informed roadmap and "
            "this website, and to hear from practitioners already putting it into practice.</p>"
        ),
    },
    {
        "type": "quote",
        "value": {
            "quote": "The roadmap gives us a shared language for the change we want to see.",
            "attribution": "A participant from a London borough",
        },
    },
]

ARABIC = {
    "Events": "الفعاليات",
    "The celebration event and the events that follow it.": "فعالية الاحتفال والفعاليات التي تليها.",
    "Upcoming and past events on trauma-informed practice in London.": "الفعاليات القادمة والسابقة حول الممارسة المستنيرة بالصدمات في لندن.",
    "Trauma-informed supervision: a practitioner workshop": "الإشراف المستنير بالصدمات: ورشة عمل للممارسين",
    "A practical workshop for practitioners and team leaders on supervision that supports staff wellbeing.": "ورشة عمل عملية للممارسين وقادة الفرق حول الإشراف الذي يدعم رفاه الموظفين.",
    "City Hall, Committee Room 1": "مبنى بلدية لندن، قاعة اللجان 1",
    "Kamal Chunchie Way\nLondon\nE16 1ZE": "طريق كمال تشانشي\nلندن\nE16 1ZE",
    "Step-free from Royal Victoria DLR station. Accessible toilets on every floor. Tell us if you need a BSL interpreter.": "الوصول دون درج من محطة رويال فيكتوريا. دورات مياه مهيأة في كل طابق. أخبرونا إذا كنتم بحاجة إلى مترجم لغة الإشارة البريطانية.",
    "Welcome and what trauma-informed supervision means": "الترحيب ومعنى الإشراف المستنير بالصدمات",
    "Break": "استراحة",
    "Practising reflective supervision in small groups": "ممارسة الإشراف التأملي في مجموعات صغيرة",
    "Close": "الختام",
}


def build(demo: Demo) -> None:
    index = demo.page(
        demo.home,
        EventIndexPage,
        "events",
        title="Events",
        show_in_menus=True,
        introduction="The celebration event and the events that follow it.",
        listing_summary="Upcoming and past events on trauma-informed practice in London.",
    )
    today = timezone.localdate()
    celebration = demo.page(
        index,
        EventPage,
        "celebrating-the-roadmap",
        title="Celebrating trauma-informed London: the roadmap launch",
        summary=(
            "The celebration event at which the programme launched its roadmap, research and "
            "this website, with the practitioners and leaders who shaped them."
        ),
        start=_at(datetime(2025, 8, 28).date(), 10),
        end=_at(datetime(2025, 8, 28).date(), 14),
        mode=EventPage.Mode.IN_PERSON,
        venue="A community venue in central London",
        address="Central London",
        step_free=True,
        hearing_loop=True,
        quiet_room=True,
        capacity=120,
        agenda=_agenda(
            ("10:00", "Welcome from the Violence Reduction Unit", "The VRU"),
            ("10:30", "The London definition and the six principles", "The research partner"),
            ("11:30", "Practitioners on what changed for them", "Programme champions"),
            ("13:00", "Lunch and conversations", ""),
        ),
        highlights=CELEBRATION_HIGHLIGHTS,
        is_example_content=True,
    )
    workshop = demo.page(
        index,
        EventPage,
        "trauma-informed-supervision-workshop",
        title="Trauma-informed supervision: a practitioner workshop",
        summary=(
            "A practical workshop for practitioners and team leaders on supervision that "
            "supports staff wellbeing."
        ),
        start=_at(today + timedelta(weeks=3), 10),
        end=_at(today + timedelta(weeks=3), 13),
        mode=EventPage.Mode.HYBRID,
        venue="City Hall, Committee Room 1",
        address="Kamal Chunchie Way\nLondon\nE16 1ZE",
        step_free=True,
        hearing_loop=True,
        quiet_room=False,
        access_notes=(
            "Step-free from Royal Victoria DLR station. Accessible toilets on every floor. "
            "Tell us if you need a BSL interpreter."
        ),
        online_joining_link="https://meet.example.org/trauma-informed-supervision",
        capacity=40,
        agenda=_agenda(
            ("10:00", "Welcome and what trauma-informed supervision means", ""),
            ("11:00", "Break", ""),
            ("11:15", "Practising reflective supervision in small groups", ""),
            ("12:45", "Close", ""),
        ),
        speakers=[
            {
                "type": "speaker",
                "value": {
                    "name": "A clinical supervisor",
                    "role": "NHS mental health trust",
                    "biography": "Supervises teams working with young people affected by violence.",
                    "photo": None,
                },
            }
        ],
        is_example_content=True,
    )
    round_table = demo.page(
        index,
        EventPage,
        "roadmap-round-table-for-system-leaders",
        title="The roadmap in practice: a round table for system leaders",
        summary=(
            "Leaders from across London's partnerships compare where their organisations "
            "stand on the roadmap and agree next steps."
        ),
        start=_at(today + timedelta(days=61), 14),
        end=_at(today + timedelta(days=61), 16, 30),
        mode=EventPage.Mode.ONLINE,
        online_joining_link="https://meet.example.org/roadmap-round-table",
        capacity=20,
        is_example_content=True,
    )
    _tag_stages(workshop, ["trauma-sensitive", "trauma-informed"])
    _tag_stages(round_table, ["trauma-responsive"])
    _example_registrations(workshop, confirmed=37, waiting=0)
    _example_registrations(round_table, confirmed=20, waiting=3)
    demo.report(f"  events: {celebration.title}, {workshop.title}, {round_table.title}")

    demo.translate(index, ARABIC)
    demo.translate(workshop, ARABIC)
    _email_wording(demo)
    mailing_lists(demo)


def _email_wording(demo: Demo) -> None:
    """The site's built-in wording of each email, as live snippets in English, translated into
    Arabic through wagtail-localize with the catalogue's Arabic, so editors change it from there."""
    default = Locale.get_default()
    for kind in EmailKind:
        wording = EmailWording.objects.filter(kind=kind, locale=default).first()
        if wording is None:
            with translation.override(default.language_code):
                subject, body = builtin_wording(kind)
            wording = EmailWording(locale=default, kind=kind, subject=subject, body=body)
            wording.save()
            wording.save_revision().publish()
        with translation.override("en-gb"):
            english = builtin_wording(kind)
        with translation.override("ar"):
            arabic = builtin_wording(kind)
        # wagtail-localize holds plain text as HTML (line breaks as <br>): match it that way.
        demo.translate(
            wording,
            {
                StringValue.from_plaintext(source).data: StringValue.from_plaintext(target).data
                for source, target in zip(english, arabic, strict=True)
            },
        )


# The mailing lists readers can join from "Get involved" (the join form is placed there by
# home/demo/site.py). All three are invented for the demonstration: the London VRU runs no
# special interest group of its own (the Thames Valley VRU runs one, see "Get involved"), so
# the practitioners' list is called "Trauma-informed practice updates".
MAILING_LISTS = [
    (
        "practice-updates",
        "Trauma-informed practice updates",
        "For practitioners: new case studies, resources and learning from other areas, about "
        "once a month.",
    ),
    ("newsletter", "Newsletter", "News from the programme, about every two months."),
    ("event-announcements", "Event announcements", "An email when sign-up opens for an event."),
]
MAILING_LISTS_ARABIC = {
    "Trauma-informed practice updates": "مستجدات الممارسة المستنيرة بالصدمات",
    "For practitioners: new case studies, resources and learning from other areas, about "
    "once a month.": "للممارسين: دراسات حالة وموارد جديدة ودروس من مناطق أخرى، مرة في الشهر تقريبًا.",
    "Newsletter": "النشرة الإخبارية",
    "News from the programme, about every two months.": "أخبار البرنامج، كل شهرين تقريبًا.",
    "Event announcements": "إعلانات الفعاليات",
    "An email when sign-up opens for an event.": "رسالة بريد إلكتروني عند فتح التسجيل في فعالية.",
}


def mailing_lists(demo: Demo) -> None:
    for order, (slug, name, description) in enumerate(MAILING_LISTS):
        mailing_list, created = MailingList.objects.get_or_create(
            slug=slug,
            locale=demo.home.locale,
            defaults={
                "name": name,
                "description": description,
                "sort_order": order,
                "is_example_content": True,
            },
        )
        if created:
            demo.report(f"  mailing list: {name}")
        demo.translate(mailing_list, MAILING_LISTS_ARABIC)


def _tag_stages(event: EventPage, slugs: list[str]) -> None:
    """Tag a new demo event with roadmap stages, so the stage pages list it."""
    if event.stages.exists():
        return
    # The stage model, from the field: events name roadmap's model only as a string.
    stage_model = EventPage._meta.get_field("stages").related_model
    event.stages.set(stage_model.objects.filter(slug__in=slugs, locale=event.locale))
    event.save_revision().publish()


def _example_registrations(event: EventPage, confirmed: int, waiting: int) -> None:
    """Invented sign-ups (example.org addresses) so the admin and the status show real numbers."""
    if Registration.objects.filter(event=event).exists():
        return
    sectors = list(Sector.objects.filter(locale_id=event.locale_id).order_by("sort_order"))
    now = timezone.now()
    rows = []
    for number in range(confirmed + waiting):
        rows.append(
            Registration(
                event=event,
                name=f"Example attendee {number + 1}",
                email=f"attendee{number + 1}.{event.pk}@example.org",
                organisation="Example organisation",
                sector=sectors[number % len(sectors)] if sectors else None,
                role="Practitioner",
                privacy_consent=True,
                is_example_content=True,
                status=Registration.Status.CONFIRMED
                if number < confirmed
                else Registration.Status.WAITING,
                created_at=now - timedelta(days=10) + timedelta(minutes=number),
            )
        )
    Registration.objects.bulk_create(rows)
