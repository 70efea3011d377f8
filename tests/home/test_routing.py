"""Wagtail's routing from the content cache (home/routing.py): once a page has been served, the
next reader's request finds it without the Site, Locale, tree and privacy queries, and every
change an editor makes to where pages are, who may read them and which sites there are shows
on the very next request (the full-page cache is off here: these are the pages it would build).
"""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from home.factories import StandardPageFactory, home_page, translate
from tests.support.faults import HungListener, refusing_port

pytestmark = pytest.mark.django_db


def warm(client, path: str, **extra):
    """The page twice, as two readers would get it: the second from the cached route."""
    first = client.get(path, **extra)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(path, **extra)
    assert second.status_code == first.status_code
    return second, len(queries.captured_queries)


def sent_on(response, new_path: str) -> bool:
    """The old address no longer serves the page: Wagtail's redirects (made when a page moves
    or its slug changes) send the reader to its new one."""
    return response.status_code in (301, 302) and response["Location"].endswith(new_path)


def asks_for_password(response) -> bool:
    return response.status_code == 200 and b"authenticate_with_password" in response.content


@pytest.fixture
def about():
    page = StandardPageFactory(title="About the programme", slug="about")
    StandardPageFactory(title="Our team", slug="team", parent=page)
    return page


def test_a_page_seen_once_is_found_again_with_one_query(client, about):
    response, queries = warm(client, "/en-gb/about/team/")
    assert response.status_code == 200 and b"Our team" in response.content
    assert queries == 1, "only the page itself: no Site, Locale, tree or privacy queries"
    home, queries = warm(client, "/en-gb/")
    assert home.status_code == 200
    assert queries == 1


def test_an_unknown_address_is_still_not_found(client, about):
    warm(client, "/en-gb/about/")
    assert client.get("/en-gb/about/nowhere/").status_code == 404
    assert client.get("/en-gb/about/nowhere/").status_code == 404


def test_a_moved_page_is_at_its_new_address_and_gone_from_the_old_at_once(client, about):
    team = Page.objects.get(slug="team")
    other = StandardPageFactory(title="Get involved", slug="get-involved")
    assert warm(client, "/en-gb/about/team/")[0].status_code == 200
    team.move(other, pos="last-child")
    assert client.get("/en-gb/get-involved/team/").status_code == 200
    assert sent_on(client.get("/en-gb/about/team/"), "/en-gb/get-involved/team/")


def test_a_renamed_slug_is_seen_at_once(client, about):
    team = Page.objects.get(slug="team").specific
    assert warm(client, "/en-gb/about/team/")[0].status_code == 200
    team.slug = "people"
    team.save_revision().publish()
    assert client.get("/en-gb/about/people/").status_code == 200
    assert client.get("/en-gb/about/team/").status_code == 404


def test_an_unpublished_page_is_gone_at_once_and_back_when_published(client, about):
    team = Page.objects.get(slug="team").specific
    assert warm(client, "/en-gb/about/team/")[0].status_code == 200
    team.unpublish()
    assert client.get("/en-gb/about/team/").status_code == 404
    team.save_revision().publish()
    assert client.get("/en-gb/about/team/").status_code == 200


def test_a_deleted_page_is_gone_at_once(client, about):
    assert warm(client, "/en-gb/about/team/")[0].status_code == 200
    Page.objects.get(slug="team").delete()
    assert client.get("/en-gb/about/team/").status_code == 404


def test_a_page_made_private_asks_for_its_password_at_once(client, about):
    response, _queries = warm(client, "/en-gb/about/team/")
    assert b"Our team" in response.content
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="a-secret-phrase"
    )
    # The restriction is on the parent: the page below it is private too.
    response, queries = warm(client, "/en-gb/about/team/")
    assert asks_for_password(response)
    assert b"Our team</h1>" not in response.content
    assert queries <= 2, "the page, and its restrictions read afresh"
    assert asks_for_password(client.get("/en-gb/about/"))
    # The right password opens it (the restriction read from the cached route works).
    form = client.get("/en-gb/about/team/")
    action = f"/en-gb/_util/authenticate_with_password/{restriction.pk}/"
    assert action.encode() in form.content
    passed = client.post(
        f"{action}{Page.objects.get(slug='team').pk}/",
        {"password": "a-secret-phrase", "return_url": "/en-gb/about/team/"},
    )
    assert passed.status_code == 302
    assert b"Our team" in client.get("/en-gb/about/team/").content
    # Made public again: every reader reads it at once.
    client.logout()
    restriction.delete()
    response = client.get("/en-gb/about/team/")
    assert response.status_code == 200 and not asks_for_password(response)


def test_a_page_for_signed_in_readers_sends_others_to_sign_in_at_once(client, editor, about):
    assert warm(client, "/en-gb/about/team/")[0].status_code == 200
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/en-gb/about/team/")
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(editor)
    assert client.get("/en-gb/about/team/").status_code == 200


@override_settings(ALLOWED_HOSTS=["localhost", "second.localhost", "third.localhost"])
def test_a_new_site_and_a_changed_host_name_are_seen_at_once(client, about):
    host = {"HTTP_HOST": "second.localhost"}
    # No site of its own yet: the default site answers.
    assert warm(client, "/en-gb/about/team/", **host)[0].status_code == 200
    second = Site.objects.create(hostname="second.localhost", root_page=about)
    # Now its own site, whose home is About: Our team is at its top level.
    assert client.get("/en-gb/about/team/", **host).status_code == 404
    assert b"Our team" in client.get("/en-gb/team/", **host).content
    assert warm(client, "/en-gb/team/", **host)[0].status_code == 200
    second.hostname = "third.localhost"
    second.save()
    assert client.get("/en-gb/team/", **host).status_code == 404
    assert client.get("/en-gb/about/team/", **host).status_code == 200
    assert client.get("/en-gb/team/", HTTP_HOST="third.localhost").status_code == 200


def test_each_language_is_routed_to_its_own_pages(client, about):
    arabic = translate(about, "ar", title="عن البرنامج")
    english, _queries = warm(client, "/en-gb/about/")
    assert b"About the programme" in english.content
    response, queries = warm(client, "/ar/about/")
    assert "عن البرنامج" in response.content.decode()
    assert queries == 1
    # A new Arabic page is found at once, and an Arabic slug change too.
    StandardPageFactory(title="فريقنا", slug="arabic-team", parent=arabic)
    assert client.get("/ar/about/arabic-team/").status_code == 200
    arabic.slug = "about-ar"
    arabic.save_revision().publish()
    assert client.get("/ar/about-ar/").status_code == 200
    assert client.get("/ar/about/").status_code != 200
    assert b"About the programme" in client.get("/en-gb/about/").content


def test_a_newly_translated_page_replaces_the_fallback_at_once(client, about):
    # Without an Arabic version, /ar/ routes through the English tree (Wagtail's fallback).
    english, _queries = warm(client, "/ar/about/")
    assert b"About the programme" in english.content
    translate(about, "ar", title="عن البرنامج")
    assert "عن البرنامج" in client.get("/ar/about/").content.decode()


def test_editors_still_see_drafts_and_previews(client, editor, about):
    team = Page.objects.get(slug="team").specific
    assert warm(client, "/en-gb/about/team/")[0].status_code == 200
    team.title = "Our team (draft)"
    team.save_revision()
    assert b"Our team (draft)" not in client.get("/en-gb/about/team/").content
    client.force_login(editor)
    draft = client.get(f"/admin/pages/{team.pk}/view_draft/")
    assert draft.status_code == 200 and b"Our team (draft)" in draft.content
    assert team.make_preview_request().status_code == 200
    live = client.get("/en-gb/about/team/")
    assert live.status_code == 200 and b"Our team (draft)" not in live.content


def _redis_cache(location: str, **options) -> dict:
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"test-routing-{uuid.uuid4().hex[:8]}",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                "CONNECTION_POOL_CLASS": "home.redis_pool.FailFastConnectionPool",
                "IGNORE_EXCEPTIONS": True,
                **options,
            },
        }
    }


def test_through_redis_the_route_is_kept_and_a_move_seen_at_once(client, about):
    """The cached route survives the trip through a real Redis (what production uses)."""
    with override_settings(CACHES=_redis_cache("redis://127.0.0.1:6379/0")):
        response, queries = warm(client, "/en-gb/about/team/")
        assert response.status_code == 200 and queries == 1
        Page.objects.get(slug="team").move(home_page(), pos="last-child")
        assert client.get("/en-gb/team/").status_code == 200
        assert sent_on(client.get("/en-gb/about/team/"), "/en-gb/team/")


@pytest.mark.parametrize("fault", ["refused", "hung"])
def test_with_the_cache_unreachable_pages_are_routed_from_the_database(client, about, fault):
    hung = HungListener() if fault == "hung" else None
    port = hung.port if hung else refusing_port()
    try:
        with override_settings(CACHES=_redis_cache(f"redis://127.0.0.1:{port}/0")):
            response, queries = warm(client, "/en-gb/about/team/")
            assert response.status_code == 200 and b"Our team" in response.content
            assert queries > 1, "Wagtail's own lookups"
            assert client.get("/ar/about/team/").status_code == 200  # English fallback
            assert client.get("/en-gb/about/nowhere/").status_code == 404
            Page.objects.get(slug="team").move(home_page(), pos="last-child")
            assert sent_on(client.get("/en-gb/about/team/"), "/en-gb/team/")
            assert client.get("/en-gb/team/").status_code == 200
    finally:
        if hung:
            hung.close()


@override_settings(FULL_PAGE_CACHE_SECONDS=300)
def test_with_the_page_cache_on_a_page_made_private_is_not_served_from_it(client, about):
    client.get("/en-gb/about/team/")
    assert client.get("/en-gb/about/team/").headers.get("X-Page-Cache") == "hit"
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="a-secret-phrase"
    )
    assert asks_for_password(client.get("/en-gb/about/team/"))
