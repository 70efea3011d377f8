"""Every admin screen a superuser, and a member of each role, can reach by following links
answers without a server error (issue 11, point 8).

Each test signs one user in (two-step sign-in passed, as tests/conftest.py's `client` does),
starts at /admin/ and follows every link under /admin/ that the screens show, breadth first,
as an editor clicking around would: GET only, no form is submitted, signing out is left out.
A confirmation screen (delete, unpublish, cancel a sign-up) is only shown by a GET, so it is
visited too. A refusal (403, a redirect, 404) is fine: a role may not be allowed there. Any
answer of 500 or more fails the test, with every such address and the role in the message.

The site is small but has something on every kind of screen: pages of each type (one a draft,
one translated into Arabic), the roadmap with its recommendations, a case study with an image,
a report with its PDF, an event with a sign-up and the email queued for it, and the footer and
notice snippets.
"""

from __future__ import annotations

import re
from collections import deque
from html import unescape
from urllib.parse import parse_qs, urldefrag, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.urls import Resolver404, resolve
from wagtail.models import Page

from casestudies.factories import (
    CaseStudyPageFactory,
    ReportDocumentFactory,
    ReportPageFactory,
    listing_image,
)
from events.emails import EmailKind, queue
from events.factories import EventPageFactory, RegistrationFactory
from home.factories import (
    FooterTextFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    NoticeBannerFactory,
    StandardPageFactory,
    home_page,
    translate,
)
from roadmap.factories import complete_roadmap

# Slow: six crawls of the whole admin (about 45 s of work), left out of `make test-fast`.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# A bound, so a loop of ever-new addresses cannot run for ever; the test fails if the bound
# cuts a crawl short, so every reachable kind of screen is visited.
MAX_PAGES = 1500
# A kind of screen is a view of the admin (its URL name), for pages also the page type (each
# type has its own edit form), with the names of its query parameters (a listing's filters,
# orderings and pages). One address of each kind is visited: the same view for a thousand
# other objects would add time, not coverage.
MAX_PER_SCREEN = 1

# Links in the HTML, and the sidebar menu's, which Wagtail renders from JSON ("url": "/admin/...").
HREF = re.compile(r"""\bhref\s*=\s*["']([^"']+)["']|"url":\s*"(/admin/[^"]*)\"""")

# Signing out would end the crawl; the rest are not screens (files, feeds, scripts).
SKIPPED = re.compile(r"^/admin/(logout/|jsi18n/)|/(download|serve)/|\.(js|css|png|jpe?g|svg)$")


def site_with_one_of_everything() -> None:
    home = home_page()
    about = StandardPageFactory.create(title="About the crawl", slug="about-the-crawl")
    StandardPageFactory.create(title="A draft page", slug="a-draft-page", publish=False)
    news = NewsIndexPageFactory.create()
    NewsPageFactory.create(parent=news, title="Crawl news", slug="crawl-news")
    complete_roadmap()
    CaseStudyPageFactory.create(listing_image=listing_image())
    report = ReportPageFactory.create()
    ReportDocumentFactory.create(page=report)
    event = EventPageFactory.create(title="The crawl's event")
    registration = RegistrationFactory.create(event=event)
    queue(registration, EmailKind.CONFIRMED)
    FooterTextFactory.create()
    NoticeBannerFactory.create()
    translate(about, "ar", title="عن الزحف")
    home.refresh_from_db()
    assert home.get_children().count() >= 5


def screen_kind(path: str, query: str) -> tuple:
    """Which kind of screen an address shows (see MAX_PER_SCREEN)."""
    try:
        match = resolve(path)
    except Resolver404:
        return (path, ())
    page_ids = [
        value
        for value in match.kwargs.values()
        if match.view_name.startswith(("wagtailadmin_pages", "wagtailadmin_explore"))
        and str(value).isdigit()
    ]
    page_type = (
        Page.objects.filter(pk=page_ids[0]).values_list("content_type_id", flat=True).first()
        if page_ids
        else None
    )
    # "next" only says where to return to: the same screen either way.
    names = tuple(sorted(set(parse_qs(query, keep_blank_values=True)) - {"next"}))
    return (match.view_name, page_type, names)


def crawl(client) -> tuple[dict[str, int], dict[str, str], bool]:
    """Every admin address reachable from /admin/ by links, with the status it answered; the
    exception behind each server error; and whether the crawl reached them all (rather than
    stopping at MAX_PAGES)."""
    client.raise_request_exception = False  # a server error is noted, and the crawl goes on
    seen: dict[str, int] = {}
    failures: dict[str, str] = {}
    queued = {"/admin/"}
    screens: dict[tuple, int] = {}
    todo = deque(["/admin/"])
    while todo and len(seen) < MAX_PAGES:
        url = todo.popleft()
        response = client.get(url)
        seen[url] = response.status_code
        if response.exc_info:
            failures[url] = repr(response.exc_info[1])
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for found in HREF.findall(response.content.decode(errors="replace")):
            href = found[0] or found[1].replace("\\/", "/")
            link = urldefrag(unescape(href).strip())[0]
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path.startswith("/admin/"):
                continue
            if SKIPPED.search(parts.path) or link in queued:
                continue
            kind = screen_kind(parts.path, parts.query)
            if screens.get(kind, 0) >= MAX_PER_SCREEN:
                continue
            screens[kind] = screens.get(kind, 0) + 1
            queued.add(link)
            todo.append(link)
    return seen, failures, not todo


ROLES = {
    # role: (fewest screens it must reach, screens that must answer 200)
    "superuser": (
        320,
        [
            r"^/admin/pages/\d+/$",  # the page explorer
            r"^/admin/pages/\d+/edit/$",
            r"^/admin/users/$",
            r"^/admin/events/emails/$",
            r"^/admin/events/sign-ups/$",
        ],
    ),
    "Editors": (200, [r"^/admin/pages/\d+/$", r"^/admin/pages/\d+/edit/$", r"^/admin/snippets/"]),
    "Moderators": (230, [r"^/admin/pages/\d+/$", r"^/admin/pages/\d+/edit/$"]),
    "Events team": (
        25,
        [r"^/admin/events/emails/$", r"^/admin/events/sign-ups/$", r"^/admin/events/summary/$"],
    ),
    "Translators": (35, [r"^/admin/pages/\d+/$"]),
    "Site administrators": (45, [r"^/admin/users/$", r"^/admin/groups/$"]),
}


@pytest.mark.parametrize("role", list(ROLES))
def test_every_admin_screen_reachable_by_links_answers_without_a_server_error(
    role, client, django_user_model
):
    site_with_one_of_everything()
    if role == "superuser":
        user = django_user_model.objects.create_superuser("crawler", "crawler@example.org", "x")
    else:
        user = django_user_model.objects.create_user("crawler", "crawler@example.org", "x")
        user.groups.add(Group.objects.get(name=role))
    client.force_login(user)

    seen, failures, finished = crawl(client)

    errors = sorted(
        f"{status} {url} {failures.get(url, '')}" for url, status in seen.items() if status >= 500
    )
    assert not errors, f"{role}: server errors on {len(errors)} admin screen(s):\n" + "\n".join(
        errors
    )
    assert finished, f"{role}: the crawl stopped at {MAX_PAGES} screens; raise MAX_PAGES"
    fewest, screens = ROLES[role]
    answered = [url for url, status in seen.items() if status == 200]
    assert len(answered) >= fewest, f"{role}: only {len(answered)} screens answered: {answered}"
    for screen in screens:
        assert any(re.search(screen, url) for url in answered), f"{role}: never reached {screen}"
