"""The home page shows what is happening: the next events with their places left, the newest
case studies and news (editors' choices first, the newest filling the rest), and the ways into
the roadmap and the self-assessment; in the reader's language, a bounded number of each, with
the same number of queries whatever the amount of content."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from events.factories import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from events.models import Registration
from home.factories import NewsIndexPageFactory, NewsPageFactory, home_page, translate
from home.models import HomePage
from roadmap.factories import RoadmapPageFactory, SelfAssessmentPageFactory

pytestmark = pytest.mark.django_db


def section(html: str, heading_id: str) -> str:
    """The <section> labelled by `heading_id`, or "" when the page has none."""
    found = re.search(
        rf'<section class="whats-new" aria-labelledby="{heading_id}">.*?</section>', html, re.S
    )
    return found.group(0) if found else ""


def card_titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="card__title"><a href="[^"]*">([^<]*)</a>', html)


def home_html(client, path: str = "/en-gb/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def make_sections():
    """A home page with its events index, case study finder and news index."""
    home = home_page()
    events = EventIndexPageFactory(parent=home)
    finder = CaseStudyIndexPageFactory(parent=home, slug="promising-practice")
    news = NewsIndexPageFactory(parent=home, slug="news")
    return home, events, finder, news


def choose(home: HomePage, **choices) -> HomePage:
    """Publish the home page with these featured pages (field name → pages), as an editor."""
    home = HomePage.objects.get(pk=home.pk)
    for field, pages in choices.items():
        block = {"featured_events": "event", "featured_case_studies": "case_study"}.get(
            field, "news"
        )
        setattr(home, field, [(block, page) for page in pages])
    home.save_revision().publish()
    return home


def test_with_nothing_chosen_the_home_page_shows_the_next_events_and_the_newest_of_the_rest(
    client,
):
    _home, events, finder, news = make_sections()
    soon = [EventPageFactory(title=f"Event in {days} days", days_ahead=days) for days in (9, 3, 6)]
    EventPageFactory(title="Event in 20 days", days_ahead=20)
    EventPageFactory(title="Event last week", days_ahead=-7)
    for number in range(5):
        CaseStudyPageFactory(title=f"Case study {number}")
        NewsPageFactory(
            title=f"News {number}", date=timezone.localdate() - timedelta(days=9 - number)
        )
    html = home_html(client)

    events_section = section(html, "events-heading")
    assert card_titles(events_section) == ["Event in 3 days", "Event in 6 days", "Event in 9 days"]
    assert "Event last week" not in html
    assert f'href="{events.url}">All events</a>' in events_section
    assert soon[0].url in events_section
    cases = section(html, "case-studies-heading")
    assert card_titles(cases) == ["Case study 4", "Case study 3", "Case study 2"]
    assert f'href="{finder.url}">Find promising practice</a>' in cases
    latest = section(html, "news-heading")
    assert card_titles(latest) == ["News 4", "News 3", "News 2"]
    assert f'href="{news.url}">All news</a>' in latest


def test_the_pages_editors_choose_come_first_and_the_newest_fill_the_rest(client):
    home, *_ = make_sections()
    later = EventPageFactory(title="The big conference", days_ahead=60)
    for days in (2, 4, 6):
        EventPageFactory(title=f"Event in {days} days", days_ahead=days)
    old_case = CaseStudyPageFactory(title="A favourite case study")
    for number in range(3):
        CaseStudyPageFactory(title=f"Case study {number}")
    old_news = NewsPageFactory(title="An older article", date=timezone.localdate() - timedelta(30))
    for number in range(3):
        NewsPageFactory(title=f"News {number}", date=timezone.localdate() - timedelta(days=number))
    choose(
        home,
        featured_events=[later],
        featured_case_studies=[old_case],
        featured_news=[old_news],
    )
    html = home_html(client)
    assert card_titles(section(html, "events-heading")) == [
        "The big conference",
        "Event in 2 days",
        "Event in 4 days",
    ]
    assert card_titles(section(html, "case-studies-heading")) == [
        "A favourite case study",
        "Case study 2",
        "Case study 1",
    ]
    assert card_titles(section(html, "news-heading")) == ["An older article", "News 0", "News 1"]


def test_chosen_pages_that_are_past_cancelled_or_unpublished_are_left_out(client):
    home, *_ = make_sections()
    past = EventPageFactory(title="An event that has ended", days_ahead=-3)
    cancelled = EventPageFactory(title="A cancelled event", days_ahead=5, cancelled=True)
    draft_event = EventPageFactory(title="A draft event", days_ahead=4)
    upcoming = EventPageFactory(title="The next event", days_ahead=8)
    draft_case = CaseStudyPageFactory(title="A case study taken down")
    shown_case = CaseStudyPageFactory(title="A published case study")
    draft_news = NewsPageFactory(title="Withdrawn news")
    shown_news = NewsPageFactory(title="Published news")
    choose(
        home,
        featured_events=[past, cancelled, draft_event],
        featured_case_studies=[draft_case],
        featured_news=[draft_news],
    )
    for page in (draft_event, draft_case, draft_news):
        page.unpublish()
    html = home_html(client)
    assert card_titles(section(html, "events-heading")) == [upcoming.title]
    assert card_titles(section(html, "case-studies-heading")) == [shown_case.title]
    assert card_titles(section(html, "news-heading")) == [shown_news.title]
    for left_out in ("has ended", "cancelled event", "draft event", "taken down", "Withdrawn"):
        assert left_out not in html


def test_an_event_that_ends_after_the_list_was_cached_drops_off(client):
    home, *_ = make_sections()
    EventPageFactory(
        title="Ending tonight", start=timezone.now(), end=timezone.now() + timedelta(hours=3)
    )
    EventPageFactory(title="Event tomorrow", days_ahead=1)
    assert card_titles(section(home_html(client), "events-heading")) == [
        "Ending tonight",
        "Event tomorrow",
    ]
    with freeze_time(timezone.now() + timedelta(hours=4)):  # nothing published since
        titles = [event.title for event in HomePage.objects.get(pk=home.pk).whats_new()["events"]]
    assert titles == ["Event tomorrow"]


def test_the_home_page_shows_places_left_the_waiting_list_and_no_events(client):
    make_sections()
    html = home_html(client)
    assert "No events are planned at the moment." in section(html, "events-heading")
    open_event = EventPageFactory(title="Plenty of room", days_ahead=3, capacity=10)
    full = EventPageFactory(title="Fully booked", days_ahead=5, capacity=2)
    RegistrationFactory.create_batch(3, event=open_event)
    RegistrationFactory.create_batch(2, event=full)
    RegistrationFactory(event=full, status=Registration.Status.WAITING)
    events = section(home_html(client), "events-heading")
    cards = re.findall(r'<article class="card event-card">.*?</article>', events, re.S)
    assert "Plenty of room" in cards[0] and "7 places left" in cards[0]
    assert "Open for sign-up" in cards[0]
    assert "Fully booked" in cards[1] and "Full – join the waiting list" in cards[1]  # noqa: RUF001
    assert "places left" not in cards[1]
    assert "Test venue" in cards[0] and "and online" in cards[0]  # where: a hybrid event

    # A sign-up changes the number at once, though nothing was published.
    RegistrationFactory(event=open_event)
    assert "6 places left" in section(home_html(client), "events-heading")


def test_the_home_page_leads_into_the_roadmap_and_the_self_assessment(client):
    home, *_ = make_sections()
    html = home_html(client)
    assert "Explore the roadmap" not in html  # no roadmap yet: no dead link
    roadmap = RoadmapPageFactory(parent=home)
    assessment = SelfAssessmentPageFactory(parent=roadmap)
    html = home_html(client)
    ways_in = re.search(r'<nav class="ways-in".*?</nav>', html, re.S).group(0)
    assert f'href="{roadmap.url}">Explore the roadmap</a>' in ways_in
    assert f'href="{assessment.url}">Take the self-assessment</a>' in ways_in


def test_the_arabic_home_page_shows_arabic_items_and_arabic_ways_in(client):
    home, *_ = make_sections()
    event = EventPageFactory(title="Supervision workshop", days_ahead=5)
    english_only = EventPageFactory(title="Only in English", days_ahead=6)
    case = CaseStudyPageFactory(title="Calmer custody")
    article = NewsPageFactory(title="Programme news")
    roadmap = RoadmapPageFactory(parent=home)
    home = choose(home, featured_events=[english_only, event])
    arabic_home = translate(home, hero_heading="لندن واعية بالصدمات")
    translate(roadmap, title="خارطة الطريق")
    translate(event, title="ورشة عمل الإشراف")
    translate(case, title="احتجاز أكثر هدوءًا")
    translate(article, title="أخبار البرنامج")
    assert arabic_home.featured_events.raw_data  # the choices are copied to the translation
    html = home_html(client, "/ar/")
    assert card_titles(section(html, "events-heading")) == ["ورشة عمل الإشراف"]
    assert card_titles(section(html, "case-studies-heading")) == ["احتجاز أكثر هدوءًا"]
    assert card_titles(section(html, "news-heading")) == ["أخبار البرنامج"]
    for english in ("Supervision workshop", "Only in English", "Calmer custody", "Programme news"):
        assert english not in html
    assert 'href="/ar/' in section(html, "events-heading")
    ways_in = re.search(r'<nav class="ways-in".*?</nav>', html, re.S).group(0)
    assert 'href="/ar/' in ways_in and "/en-gb/" not in ways_in


def test_each_section_shows_at_most_three_and_the_queries_do_not_grow_with_content(client):
    make_sections()

    def add(number: int, start: int) -> None:
        for index in range(start, start + number):
            EventPageFactory(title=f"Event {index}", days_ahead=index + 1)
            CaseStudyPageFactory(title=f"Case study {index}")
            NewsPageFactory(title=f"News {index}")

    def warm_queries() -> tuple[int, str]:
        home_html(client)
        with CaptureQueriesContext(connection) as queries:
            html = home_html(client)
        return len(queries), html

    add(3, 0)
    RegistrationFactory(event=EventPageFactory(title="With a sign-up", days_ahead=2))
    few, _html = warm_queries()
    add(27, 3)
    many, html = warm_queries()
    assert many == few
    for heading in ("events-heading", "case-studies-heading", "news-heading"):
        assert len(card_titles(section(html, heading))) == 3


def test_the_admin_offers_only_the_right_page_types_and_at_most_three():
    field = HomePage._meta.get_field("featured_events")
    assert field.stream_block.meta.max_num == 3
    chooser = field.stream_block.child_blocks["event"]
    assert [model._meta.label for model in chooser.target_models] == ["events.EventPage"]
    case = HomePage._meta.get_field("featured_case_studies").stream_block.child_blocks
    assert [model._meta.label for model in case["case_study"].target_models] == [
        "casestudies.CaseStudyPage"
    ]
    news = HomePage._meta.get_field("featured_news").stream_block.child_blocks["news"]
    assert [model._meta.label for model in news.target_models] == ["home.NewsPage"]
    for name in ("featured_events", "featured_case_studies", "featured_news"):
        assert HomePage._meta.get_field(name).help_text


def post_home(client, home: HomePage, **featured):
    data = nested_form_data(
        {
            "comments": inline_formset([]),
            "title": home.title,
            "slug": home.slug,
            "hero_heading": home.hero_heading,
            "body": streamfield([]),
            "featured_items": inline_formset([]),
            "featured_events": streamfield(featured.get("featured_events", [])),
            "featured_case_studies": streamfield(featured.get("featured_case_studies", [])),
            "featured_news": streamfield(featured.get("featured_news", [])),
            "action-publish": "publish",
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[home.pk]), data)


def test_an_editor_features_an_event_and_the_admin_refuses_the_wrong_page_type(client, editor):
    home, *_ = make_sections()
    event = EventPageFactory(title="A featured workshop", days_ahead=30)
    EventPageFactory(title="Sooner", days_ahead=2)
    case = CaseStudyPageFactory(title="Not an event")
    client.force_login(editor)

    refused = post_home(client, home, featured_events=[("event", case.pk)])
    assert refused.status_code == 200  # the form again, with the error
    assert not HomePage.objects.get(pk=home.pk).featured_events.raw_data
    four = [("event", EventPageFactory(days_ahead=days).pk) for days in (3, 4, 5, 6)]
    refused = post_home(client, home, featured_events=four)
    assert refused.status_code == 200
    assert "The maximum number of items is 3" in refused.content.decode()

    accepted = post_home(client, home, featured_events=[("event", event.pk)])
    assert accepted.status_code == 302
    client.logout()
    titles = card_titles(section(home_html(client), "events-heading"))
    assert titles[:2] == ["A featured workshop", "Sooner"]
