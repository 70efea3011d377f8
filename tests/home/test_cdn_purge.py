"""Editors' changes purge the cache in front, through its purge API (the only thing we stand
in for, with a real HTTP server on loopback that records what it is asked): a publish purges
the page and its listings; a move, a slug change or a delete bans the old and new addresses; a
footer or taxonomy change bans the whole site; a recommendation purges the listings; a bulk
change sends one ban; a purge endpoint that refuses or hangs does not hold up the save."""

import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import boto3
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from moto.server import ThreadedMotoServer
from wagtail.models import Page

from casestudies.factories import CaseStudyIndexPageFactory
from events.factories import EventIndexPageFactory
from home import caching, purging
from home.factories import (
    AudienceFactory,
    DriverOfChangeFactory,
    FooterTextFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    SectorFactory,
    StandardPageFactory,
    home_page,
    translate,
)
from home.models import Sector
from roadmap.factories import RecommendationFactory, RoadmapPageFactory, RoadmapStagePageFactory
from search.factories import SearchPageFactory
from tests.support.faults import HungListener, refusing_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def purge_api():
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            received.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def do_BAN(self):
            received.append((self.headers["Host"], "BAN " + self.path))
            self.send_response(200)
            self.end_headers()

        def do_POST(self):  # Cloudflare's purge_cache API
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            received.append((self.path, body))
            answer = json.dumps({"success": True, "errors": []}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", received
    server.shutdown()


def test_publishing_a_page_purges_it_from_the_cdn(purge_api, django_capture_on_commit_callbacks):
    location, received = purge_api
    page = StandardPageFactory(title="Get involved", slug="get-involved")
    cdn = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    with (
        override_settings(WAGTAILFRONTENDCACHE=cdn),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page.save_revision().publish()
    # The purge names the site's own host, as the CDN knows it.
    assert (page.get_site().hostname, "/en-gb/get-involved/") in [
        (host.split(":")[0], path) for host, path in received
    ]


def test_publishing_purges_every_page_listing_it_in_every_language(
    purge_api, django_capture_on_commit_callbacks
):
    """The article (in both languages), its index and feed, home, the finder, the roadmap and
    its stage pages, search, the sitemap and the calendar feeds, in English and Arabic; nothing
    else."""
    location, received = purge_api
    translate(home_page(), title="الرئيسية")
    for listing in (
        NewsIndexPageFactory(slug="news"),
        CaseStudyIndexPageFactory(title="Promising practice", slug="promising-practice"),
        RoadmapPageFactory(),
        RoadmapStagePageFactory(title="Trauma-aware", slug="trauma-aware"),
        EventIndexPageFactory(),
        SearchPageFactory(),
    ):
        translate(listing, title=f"{listing.title} بالعربية")
    article = NewsPageFactory(title="A new partnership", slug="a-new-partnership")
    translate(article, title="شراكة جديدة")
    other_article = NewsPageFactory(title="An older article", slug="an-older-article")
    unrelated = StandardPageFactory(title="Get involved", slug="get-involved")
    cdn = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    with (
        override_settings(WAGTAILFRONTENDCACHE=cdn),
        django_capture_on_commit_callbacks(execute=True),
    ):
        article.save_revision().publish()
    paths = {path for _host, path in received}
    expected = {
        "/en-gb/news/a-new-partnership/",
        "/ar/news/a-new-partnership/",
        "/sitemap.xml",
        "/en-gb/event-calendar.ics",
        "/ar/event-calendar.ics",
    }
    for language in ("en-gb", "ar"):
        expected |= {
            f"/{language}/",
            f"/{language}/news/",
            f"/{language}/news/feed/",
            f"/{language}/promising-practice/",
            f"/{language}/promising-practice/feed/",
            f"/{language}/roadmap/",
            f"/{language}/roadmap/recommendations/",
            f"/{language}/roadmap/trauma-aware/",
            f"/{language}/events/",
            f"/{language}/search/",
        }
    assert expected <= paths, sorted(expected - paths)
    assert unrelated.url not in paths
    assert other_article.url not in paths
    assert len(paths) < 80, "a fixed set of addresses, not one per page of content"


def varnish(location: str) -> dict:
    return {"http": {"BACKEND": "home.purging.VarnishBackend", "LOCATION": location}}


def bans(received) -> list[str]:
    return [path.removeprefix("BAN ") for _host, path in received if path.startswith("BAN ")]


def purges(received) -> set[str]:
    return {path for _host, path in received if not path.startswith("BAN ")}


def test_moving_a_page_bans_its_old_and_new_addresses_and_purges_the_listings(
    purge_api, django_capture_on_commit_callbacks
):
    """The page and its descendants leave both addresses (one ban each, however many
    descendants), and the listings that linked to the old address are purged."""
    location, received = purge_api
    NewsIndexPageFactory(slug="news")
    about = StandardPageFactory(title="About", slug="about")
    team = StandardPageFactory(title="Our team", slug="our-team")
    for number in range(3):
        StandardPageFactory(parent=team, title=f"Member {number}", slug=f"member-{number}")
    with (
        override_settings(WAGTAILFRONTENDCACHE=varnish(location)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        team.move(about, pos="last-child")
    assert sorted(bans(received)) == [
        "/ar/about/our-team/",
        "/ar/our-team/",
        "/en-gb/about/our-team/",
        "/en-gb/our-team/",
    ]
    assert {"/en-gb/", "/en-gb/news/", "/sitemap.xml"} <= purges(received)
    assert not any("member-" in path for _host, path in received), "covered by the bans"


def test_changing_a_slug_bans_the_old_address(purge_api, django_capture_on_commit_callbacks):
    location, received = purge_api
    page = StandardPageFactory(title="Get involved", slug="get-involved")
    with (
        override_settings(WAGTAILFRONTENDCACHE=varnish(location)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page.slug = "take-part"
        page.save_revision().publish()
    assert {"/en-gb/get-involved/", "/en-gb/take-part/"} <= set(bans(received))


def test_deleting_a_page_bans_its_address_with_its_descendants(
    purge_api, django_capture_on_commit_callbacks
):
    location, received = purge_api
    team = StandardPageFactory(title="Our team", slug="our-team")
    for number in range(3):
        StandardPageFactory(parent=team, title=f"Member {number}", slug=f"member-{number}")
    with (
        override_settings(WAGTAILFRONTENDCACHE=varnish(location)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        Page.objects.get(pk=team.pk).delete()
    assert sorted(bans(received)) == ["/ar/our-team/", "/en-gb/our-team/"]
    assert "/en-gb/" in purges(received)


def test_a_footer_change_bans_the_whole_site_once(purge_api, django_capture_on_commit_callbacks):
    """The footer shows on every page: one ban of everything, no per-address purges."""
    location, received = purge_api
    footer = FooterTextFactory()
    with (
        override_settings(WAGTAILFRONTENDCACHE=varnish(location)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        footer.support_text = "<p>Call the new helpline.</p>"
        footer.save_revision().publish()
    assert received == [(received[0][0], "BAN /")]


def test_a_deploys_migrate_bans_the_whole_site_and_refreshes_cached_content(
    purge_api, django_capture_on_commit_callbacks
):
    """Data migrations save through historical models no signal handler recognises, and a
    deploy may change templates: the migrate every deploy runs refreshes every cached page."""
    location, received = purge_api
    before = caching.current_generation()
    with (
        override_settings(WAGTAILFRONTENDCACHE=varnish(location)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("migrate", verbosity=0)
    assert received == [(received[0][0], "BAN /")]
    assert caching.current_generation() > before


def test_saving_a_draft_of_the_footer_purges_nothing(purge_api, django_capture_on_commit_callbacks):
    location, received = purge_api
    footer = FooterTextFactory()
    with (
        override_settings(WAGTAILFRONTENDCACHE=varnish(location)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        footer.support_text = "<p>Not yet.</p>"
        footer.save_revision()
    assert received == []


def test_a_bulk_change_sends_one_ban(purge_api, django_capture_on_commit_callbacks):
    """A load of 500 taxonomy terms in one transaction (a command, a migration, the demo
    content): one ban after the commit, none before it."""
    location, received = purge_api
    with (
        override_settings(WAGTAILFRONTENDCACHE=varnish(location)),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        transaction.atomic(),
    ):
        for number in range(500):
            SectorFactory(name=f"Sector {number}", slug=f"sector-{number}")
        assert received == [], "nothing is purged before the commit"
    assert Sector.objects.count() >= 500
    assert len(callbacks) >= 1
    assert bans(received) == ["/"]
    assert len(received) == 1


def test_a_recommendation_purges_the_listings_not_the_whole_site(
    purge_api, django_capture_on_commit_callbacks
):
    location, received = purge_api
    RoadmapPageFactory()
    stage = RoadmapStagePageFactory(title="Trauma-aware", slug="trauma-aware")
    article = NewsPageFactory(title="A new partnership", slug="a-new-partnership")
    audience, driver = AudienceFactory(), DriverOfChangeFactory()
    with (
        override_settings(WAGTAILFRONTENDCACHE=varnish(location)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        RecommendationFactory(
            title="Offer reflective supervision", audience=audience, driver=driver, stages=[stage]
        )
    assert bans(received) == []
    assert {
        "/en-gb/roadmap/",
        "/en-gb/roadmap/recommendations/",
        "/en-gb/roadmap/trauma-aware/",
        "/ar/roadmap/trauma-aware/",
    } <= purges(received)
    assert article.url not in purges(received)


def test_a_page_in_the_main_navigation_purges_the_whole_site(
    purge_api, django_capture_on_commit_callbacks
):
    location, received = purge_api
    page = StandardPageFactory(title="About", slug="about", show_in_menus=True)
    with (
        override_settings(WAGTAILFRONTENDCACHE=varnish(location)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page.title = "About the programme"
        page.save_revision().publish()
    assert bans(received) == ["/"]


@pytest.mark.parametrize("fault", ["refuses", "hangs"])
def test_a_purge_endpoint_that_refuses_or_hangs_does_not_hold_up_the_save(
    fault, django_capture_on_commit_callbacks, caplog
):
    """The save completes within the purge deadline, and the failure is logged."""
    footer = FooterTextFactory()
    article = NewsPageFactory(title="A new partnership", slug="a-new-partnership")
    with HungListener() as hung:
        port = refusing_port() if fault == "refuses" else hung.port
        started = time.monotonic()
        with (
            caplog.at_level(logging.ERROR, logger="home.purging"),
            override_settings(WAGTAILFRONTENDCACHE=varnish(f"http://127.0.0.1:{port}")),
            django_capture_on_commit_callbacks(execute=True),
        ):
            article.save_revision().publish()
            footer.support_text = "<p>Call the new helpline.</p>"
            footer.save_revision().publish()
        elapsed = time.monotonic() - started
    assert elapsed < purging.DEADLINE + 3
    assert "not purged" in caplog.text


def test_a_hung_purge_endpoint_does_not_hold_up_a_publish_in_the_admin(
    client, django_user_model, django_capture_on_commit_callbacks, caplog
):
    """A Moderator publishes a sector's new name in the admin while the cache in front never
    answers: the admin answers within the purge deadline, the name is published, and the
    failure is logged."""
    moderator = django_user_model.objects.create_superuser(
        "mo-moderator", "mo@example.org", "a-long-test-password"
    )
    sector = SectorFactory(name="Policing", slug="policing")
    client.force_login(moderator)
    fields = {
        "name": "Policing and justice",
        "slug": sector.slug,
        "description": sector.description,
        "sort_order": sector.sort_order,
        "icon": sector.icon,
        "action-publish": "publish",
    }
    with HungListener() as hung:
        started = time.monotonic()
        with (
            caplog.at_level(logging.ERROR, logger="home.purging"),
            override_settings(WAGTAILFRONTENDCACHE=varnish(f"http://127.0.0.1:{hung.port}")),
            django_capture_on_commit_callbacks(execute=True),
        ):
            response = client.post(f"/admin/snippets/home/sector/edit/{sector.pk}/", fields)
        elapsed = time.monotonic() - started
        assert hung.accepted >= 1, "the purge was sent"
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Sector.objects.get(pk=sector.pk).name == "Policing and justice"
    assert elapsed < purging.DEADLINE + 3
    assert "not purged" in caplog.text


def test_cloudflare_purges_everything_for_a_footer_change_and_addresses_for_a_publish(
    purge_api, django_capture_on_commit_callbacks
):
    """Cloudflare purges by prefix only on Enterprise plans: a change every page shows purges
    everything; a publish purges the addresses (30 to a request)."""
    location, received = purge_api
    cloudflare = {
        "cloudflare": {
            "BACKEND": "home.purging.CloudflareEverythingBackend",
            "ZONEID": "zone-1",
            "BEARER_TOKEN": "a-test-token",
            "API_URL": location,
        }
    }
    footer = FooterTextFactory()
    page = StandardPageFactory(title="Get involved", slug="get-involved")
    with (
        override_settings(WAGTAILFRONTENDCACHE=cloudflare),
        django_capture_on_commit_callbacks(execute=True),
    ):
        footer.support_text = "<p>Call the new helpline.</p>"
        footer.save_revision().publish()
    assert received == [("/zones/zone-1/purge_cache", {"purge_everything": True})]
    received.clear()
    with (
        override_settings(WAGTAILFRONTENDCACHE=cloudflare),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page.save_revision().publish()
    files = [url for _path, body in received for url in body["files"]]
    assert page.get_full_url() in files
    assert all(len(body["files"]) <= 30 for _path, body in received)


@pytest.fixture
def cloudfront():
    """CloudFront's API (moto in server mode, on loopback) with one distribution: the backend
    settings and a client to read the invalidations back."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    credentials = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
    client = boto3.client(
        "cloudfront",
        endpoint_url=f"http://{host}:{port}",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    distribution = client.create_distribution(
        DistributionConfig={
            "CallerReference": "tests",
            "Comment": "",
            "Enabled": True,
            "Origins": {
                "Quantity": 1,
                "Items": [
                    {
                        "Id": "app",
                        "DomainName": "example.org",
                        "CustomOriginConfig": {
                            "HTTPPort": 80,
                            "HTTPSPort": 443,
                            "OriginProtocolPolicy": "https-only",
                        },
                    }
                ],
            },
            "DefaultCacheBehavior": {
                "TargetOriginId": "app",
                "ViewerProtocolPolicy": "redirect-to-https",
            },
        }
    )["Distribution"]["Id"]
    backend = {
        "cloudfront": {
            "BACKEND": "home.purging.CloudFrontBackend",
            "DISTRIBUTION_ID": distribution,
            "ENDPOINT_URL": f"http://{host}:{port}",
            **credentials,
        }
    }

    def invalidated() -> list[list[str]]:
        listed = client.list_invalidations(DistributionId=distribution)["InvalidationList"]
        return [
            client.get_invalidation(DistributionId=distribution, Id=item["Id"])["Invalidation"][
                "InvalidationBatch"
            ]["Paths"]["Items"]
            for item in listed.get("Items", [])
        ]

    yield backend, invalidated
    server.stop()


def test_cloudfront_invalidates_everything_for_a_footer_change_and_prefixes_for_a_move(
    cloudfront, django_capture_on_commit_callbacks
):
    backend, invalidated = cloudfront
    footer = FooterTextFactory()
    about = StandardPageFactory(title="About", slug="about")
    team = StandardPageFactory(title="Our team", slug="our-team")
    with (
        override_settings(WAGTAILFRONTENDCACHE=backend),
        django_capture_on_commit_callbacks(execute=True),
    ):
        footer.support_text = "<p>Call the new helpline.</p>"
        footer.save_revision().publish()
    assert invalidated() == [["/*"]], "one invalidation of everything"
    with (
        override_settings(WAGTAILFRONTENDCACHE=backend),
        django_capture_on_commit_callbacks(execute=True),
    ):
        team.move(about, pos="last-child")
    move = [paths for paths in invalidated() if paths != ["/*"]]
    assert len(move) == 1, "one invalidation for the move"
    assert {"/en-gb/our-team/*", "/en-gb/about/our-team/*", "/en-gb/"} <= set(move[0])
