"""The full-page cache (home/page_cache.py), in one process: what readers get from it, what it
never keeps, and that an editor's change or a sign-up shows on the next request."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from freezegun import freeze_time

from events import services
from events.factories import EventPageFactory, form_data
from events.models import EventPage
from home.factories import DriverOfChangeFactory, FooterTextFactory, StandardPageFactory, home_page
from roadmap.factories import RoadmapStagePageFactory, SelfAssessmentPageFactory
from search.factories import SearchPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

HEADER = "X-Page-Cache"


@pytest.fixture
def page_cache_on():
    with override_settings(FULL_PAGE_CACHE_SECONDS=300):
        yield


def get(client, path, **extra):
    response = client.get(path, **extra)
    return response, response.headers.get(HEADER)


def test_a_page_is_kept_for_the_next_reader_and_says_so(client):
    first, state = get(client, "/en-gb/")
    assert (first.status_code, state) == (200, "miss")
    second, state = get(client, "/en-gb/")
    assert (second.status_code, state) == (200, "hit")
    assert second.content == first.content
    # A hit runs no other middleware: it carries the headers the whole stack gave the page
    # (security headers, CDN caching, Vary), and nothing else.
    kept = {name: value for name, value in first.items() if name != HEADER}
    assert {name: value for name, value in second.items() if name != HEADER} == kept
    assert "default-src 'self'" in second["Content-Security-Policy"]
    assert "public" in second["Cache-Control"]
    assert not second.cookies


def test_a_kept_form_gets_a_fresh_stamp_and_the_right_length(client):
    event = EventPageFactory(slug="cache-form")
    first, state = get(client, event.url)
    assert state == "miss"
    assert b'name="form_started"' in first.content, "the page has the sign-up form"
    with freeze_time(timezone.now() + timedelta(seconds=90)):
        second, state = get(client, event.url)
    assert state == "hit"
    assert second.content != first.content, "the sign-up form's time stamp was renewed"
    assert int(second["Content-Length"]) == len(second.content)


def test_a_page_outside_the_language_paths_is_kept_per_language(client):
    english, state = get(client, "/sitemap.xml", HTTP_ACCEPT_LANGUAGE="en-GB")
    assert (english.status_code, state) == (200, "miss")
    assert get(client, "/sitemap.xml", HTTP_ACCEPT_LANGUAGE="en-GB")[1] == "hit"
    # A reader whose browser asks for Arabic is not given the copy built for English.
    arabic, state = get(client, "/sitemap.xml", HTTP_ACCEPT_LANGUAGE="ar")
    assert (arabic.status_code, state) == (200, "miss")


def test_the_order_of_query_parameters_does_not_matter(client):
    search = SearchPageFactory().url
    StandardPageFactory(title="Trauma-informed supervision")
    StandardPageFactory(title="Calmer schools")
    first, state = get(client, f"{search}?q=trauma&page=1")
    assert state == "miss"
    assert "Trauma-informed supervision" in first.content.decode()
    same, state = get(client, f"{search}?page=1&q=trauma")
    assert state == "hit"
    assert same.content == first.content
    other, state = get(client, f"{search}?q=schools&page=1")
    assert state == "miss", "a different query is a different page"
    assert other.content != first.content


def test_each_language_has_its_own_entry(client):
    _english, state = get(client, "/en-gb/")
    assert state == "miss"
    arabic, state = get(client, "/ar/")
    assert state == "miss"
    assert 'lang="ar"' in arabic.content.decode()


def test_signed_in_editors_and_posts_never_use_the_cache(client, editor):
    get(client, "/en-gb/")
    client.force_login(editor)
    response, state = get(client, "/en-gb/")
    assert response.status_code == 200
    assert state is None
    assert "private" in response["Cache-Control"]
    client.logout()
    # A reader with any session cookie (e.g. half-way through signing in) bypasses it too.
    client.cookies["sessionid"] = "not-a-real-session"
    _response, state = get(client, "/en-gb/")
    assert state is None


def test_a_post_is_never_answered_from_the_cache(client):
    event = EventPageFactory(slug="cache-post")
    get(client, event.url)
    _page, state = get(client, event.url)
    assert state == "hit"
    # A post to the very address the cache holds goes to the page, not to the kept copy.
    posted = client.post(event.url, {"anything": "x"}, HTTP_ORIGIN="http://testserver")
    assert posted.headers.get(HEADER) is None
    assert get(client, event.url)[1] == "hit", "the post neither stored nor dropped the page"
    response = client.post(
        f"/en-gb/sign-up/{event.pk}/",
        form_data(email="not-an-email"),
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 200
    assert HEADER not in response.headers
    assert "Enter an email address like name@example.org." in response.content.decode()


def test_errors_are_never_kept(client):
    for _attempt in range(2):
        response, state = get(client, "/en-gb/no-such-page/")
        assert response.status_code == 404
        assert state is None


def self_assessment():
    """A self-assessment of one question whose two answers point to two stages."""
    driver = DriverOfChangeFactory(name="Leadership")
    aware, sensitive = RoadmapStagePageFactory(), RoadmapStagePageFactory()
    question = {
        "driver": driver.slug,
        "question": "Do your leaders talk about trauma?",
        "hint": "",
        "options": [
            {"label": "Not yet", "stage": aware},
            {"label": "At every meeting", "stage": sensitive},
        ],
    }
    return SelfAssessmentPageFactory(questions=[("question", question)])


def test_per_reader_pages_are_never_kept(client):
    event = EventPageFactory(slug="cache-outcome")
    assessment = self_assessment()
    per_reader = [
        f"/en-gb/sign-up/{event.pk}/confirmed/",
        f"{assessment.url}result/?q1=2",
        assessment.url + "baseline/",
    ]
    for path in per_reader:
        for _attempt in range(2):
            response, state = get(client, path)
            assert response.status_code == 200, path
            assert state is None, f"{path} was cached"
            assert "private" in response["Cache-Control"], path


def test_publishing_shows_at_once(client):
    page = StandardPageFactory(title="Get involved", show_in_menus=True)
    get(client, page.url)
    get(client, "/en-gb/")
    _cached, state = get(client, page.url)
    assert state == "hit"
    page.title = "Get involved today"
    page.save_revision().publish()
    fresh, state = get(client, page.url)
    assert state == "miss"
    assert "Get involved today" in fresh.content.decode()


def test_unpublishing_removes_the_page_at_once(client):
    event = EventPageFactory(slug="cache-unpublish", title="A soon withdrawn event")
    index = event.get_parent().url
    get(client, index)
    listing, state = get(client, index)
    assert state == "hit" and "A soon withdrawn event" in listing.content.decode()
    event.unpublish()
    listing, _state = get(client, index)
    assert "A soon withdrawn event" not in listing.content.decode()
    gone, _state = get(client, event.url)
    assert gone.status_code == 404


def test_a_snippet_change_shows_at_once(client):
    home_page()
    footer = FooterTextFactory(about_text="<p>The footer before the change</p>")
    first, _state = get(client, "/en-gb/")
    assert "The footer before the change" in first.content.decode()
    footer.about_text = "<p>Footer changed for the cache test</p>"
    footer.save()
    page, state = get(client, "/en-gb/")
    assert state == "miss"
    assert "Footer changed for the cache test" in page.content.decode()


def test_places_left_change_with_a_sign_up(client):
    event = EventPageFactory(slug="cache-places", capacity=2)
    first, _state = get(client, event.url)
    assert "Only 2 places left" in first.content.decode()
    _again, state = get(client, event.url)
    assert state == "hit"
    services.sign_up(EventPage.objects.get(pk=event.pk), form_data(), "en-gb")
    after, state = get(client, event.url)
    assert state == "miss"
    assert "Only 1 place left" in after.content.decode()
