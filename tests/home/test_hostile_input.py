"""Hostile input into every public view: a 400 or a cleaned value, never a server error.

The corpus (NUL bytes, C0 control characters, invalid UTF-8, a megabyte, markup, absurd and
odd numbers, repeated and array parameters) goes into every query parameter, form field and
path parameter of every public URL pattern. The patterns are read from the URLconf and the
routes of every page type, so a new public view fails `test_every_public_url_pattern_is_in_the
_corpus` (naming it) until it is added to `corpus_targets` or PAGE_ROUTES below. GET parameters come from the case
plus the fields of every GET form on the page; POST fields come from the page's own forms.

Checks on every answer: no 5xx; what nothing accepts gets the site's own 400 (control
characters in addresses and query strings, bad UTF-8, a megabyte), while control characters in
form fields are removed and never stored; markup never comes back unescaped; a long value never
comes back in full; and a refused form leaves sign-ups, baseline entries and emails untouched. It
runs on SQLite and, with DATABASE_URL, on PostgreSQL (where NUL bytes used to fail).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import Locale, Page, PageViewRestriction, get_page_models

from casestudies.models import SharePracticePage
from events import subscriptions
from events.factories import EventPageFactory, form_data
from events.links import list_confirm_url, list_preferences_url, list_unsubscribe_url, manage_path
from events.models import MailingList, OutboundEmail, Registration, Subscription
from home.models import Audience, FormPage, StandardPage
from roadmap.models import BaselineEntry
from tests.roadmap.conftest import MIXED

# Demo-site tests: a corpus of every public URL of the demo site.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

MARKER = "<x-hostile"
LONG = "Z" * 1_000_000
# What no field of the site accepts: each must get the 400 page. (name, percent-encoded)
REJECTED = {
    "nul": quote("a\x00b"),
    "c0": quote("\x01\x08\x0b\x1b[2J\x1f\x7f"),
    "invalid-utf8": "%C3%28%FF%FE",
}
# What a field may refuse with a message, or use cleaned: never a 5xx or a reflection.
ODD = {
    "markup": "\"><x-hostile onmouseover=alert(1)>'",
    "absurd-number": "99999999999999999999999",
    "unicode-digit": "²",
    "near-the-limit": "é" * 900,
}
MORE_ODD = {
    "negative": "-1",
    "float": "1e400",
    "not-a-number": "NaN",
    "empty": "",
    "right-to-left": "\u202eevil",
    "sql": "' OR 1=1 --%_",
    "emoji": "🙂",
}
# What goes into path parameters (<str:...>, page slugs), percent-encoded.
# (value, whether it must be refused with a 400)
PATH_VALUES = [
    (quote("a\x00b"), True),
    ("%C3%28", True),
    (quote('"><x-hostile>'), False),
    ("Z" * 5000, True),
    ("99999999999999999999999", False),
]
WATCHED = (Registration, BaselineEntry, OutboundEmail)
# What readers' forms store, which must never hold a control character.
STORED_TEXT = {
    Registration: ("name", "email", "organisation", "role", "access_needs", "dietary_needs"),
    BaselineEntry: ("submission_key",),
    Subscription: ("email", "language"),
}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Target:
    path: str
    params: list[str] = field(default_factory=list)
    method: str = "GET"  # GET: query parameters; FORMS: POST the forms found on the page
    rejected_in_path: bool = False


class Forms(HTMLParser):
    """The forms on a page: method, action and fields with a valid default each."""

    def __init__(self, html: str):
        super().__init__()
        self.forms: list[dict] = []
        self._select: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "method": (attributes.get("method") or "get").lower(),
                    "action": attributes.get("action") or "",
                    "fields": {},
                }
            )
        elif not self.forms or ("name" not in attributes and tag != "option"):
            return
        elif tag == "input":
            kind = attributes.get("type", "text")
            if kind in ("submit", "button"):
                return
            defaults = {"checkbox": "on", "email": "corpus@example.org", "hidden": None}
            value = defaults.get(kind, "Corpus text")
            if kind in ("hidden", "radio"):
                value = attributes.get("value", "")
            self.forms[-1]["fields"].setdefault(attributes["name"], value)
        elif tag == "textarea":
            self.forms[-1]["fields"].setdefault(attributes["name"], "Corpus text")
        elif tag == "select":
            self._select = attributes["name"]
            self.forms[-1]["fields"].setdefault(self._select, "")
        elif (
            tag == "option"
            and self._select
            and attributes.get("value")
            and not self.forms[-1]["fields"][self._select]
        ):
            self.forms[-1]["fields"][self._select] = attributes["value"]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None

    def of_method(self, method: str) -> list[dict]:
        return [form for form in self.forms if form["method"] == method]


def route_key(prefix: str, pattern) -> str:
    return (prefix + str(pattern.pattern)).replace("en-gb/", "<lang>/")


def public_url_patterns() -> set[str]:
    """Every URL pattern outside the admin, with the language prefix written <lang>/."""
    found: set[str] = set()

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                module = getattr(pattern.urlconf_module, "__name__", "")
                if module.startswith("wagtail.admin"):
                    continue  # editors only, behind a sign-in
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                found.add(route_key(prefix, pattern))

    walk(get_resolver().url_patterns, "")
    return found


PAGE_TREE = r"<lang>/^((?:[\w\-]+/)*)$"
LENS = ["audience", "sector", "stage"]
ANSWERS = [f"q{n}" for n in range(1, 9)]
FINDER = ["q", "page", "sector", "borough", "principle", "driver", "stage", "audience"]
# Each page type's routes: {route name: (address below the page, parameters it reads)}.
PAGE_ROUTES = {
    "home.HomePage": {"": ("", [])},
    "home.StandardPage": {"": ("", [])},
    "home.FormPage": {"": ("", ["sent"])},
    "home.GlossaryPage": {"": ("", [])},
    "casestudies.SharePracticePage": {"": ("", ["sent"])},
    "home.NewsIndexPage": {"index_route": ("", ["tag", "page"]), "feed_route": ("feed/", [])},
    "home.NewsPage": {"": ("", [])},
    "roadmap.RoadmapPage": {
        "journey": ("", LENS),
        "index_route": ("", LENS),
        "recommendation_list": ("recommendations/", ["audience", "driver", "stage", "sector"]),
        "audience_recommendations": ("recommendations/{audience}/", ["driver", "stage", "sector"]),
        "print_view": ("print/", LENS),
    },
    "roadmap.RoadmapStagePage": {"": ("", ["audience", "sector"])},
    "roadmap.SelfAssessmentPage": {
        "questions_form": ("", [*ANSWERS, "audience"]),
        "index_route": ("", [*ANSWERS, "audience"]),
        "result": (f"result/?{MIXED}", [*ANSWERS, "audience", "added"]),
        "baseline_summary": ("baseline/", []),
    },
    "casestudies.CaseStudyIndexPage": {
        "index_route": ("", FINDER),
        "feed_route": ("feed/", FINDER),
    },
    "casestudies.CaseStudyPage": {"": ("", [])},
    "casestudies.ResearchIndexPage": {"": ("", ["page"])},
    "casestudies.ReportPage": {"": ("", [])},
    "events.EventIndexPage": {"": ("", ["page"])},
    "events.EventPage": {"": ("", [])},
    "search.SearchPage": {"": ("", ["q", "page"])},
}


def page_targets() -> tuple[list[Target], list[str]]:
    """A target per route of every page type, from the demo site's live English pages."""
    targets, problems = [], []
    english = Locale.get_default()
    audience = Audience.objects.filter(locale=english).order_by("sort_order").first()
    for model in get_page_models():
        if model is Page:
            continue
        label = model._meta.label
        page = model.objects.live().filter(locale=english).first()
        if page is None:
            problems.append(f"{label}: no live page in the demo site to try")
            continue
        routes = PAGE_ROUTES.get(label)
        if routes is None:
            problems.append(f"{label}: not in PAGE_ROUTES")
            continue
        names = (
            {p.name for p in model.get_subpage_urls()}
            if hasattr(model, "get_subpage_urls")
            else {""}
        )
        for name in sorted(names - routes.keys()):
            problems.append(f"{label}: route {name!r} not in PAGE_ROUTES")
        for name in sorted(names & routes.keys()):
            suffix, params = routes[name]
            path = page.url + suffix.format(audience=audience.slug)
            targets.append(Target(path, params))
    return targets, problems


@pytest.fixture
def corpus_targets(client) -> list[Target]:
    """Every public URL pattern as concrete addresses, with the objects they need."""
    event = EventPageFactory(slug="hostile-corpus", capacity=1000)
    client.post(
        f"/en-gb/sign-up/{event.pk}/",
        form_data(name="Corpus", email="manage@example.org"),
        HTTP_ORIGIN="http://testserver",
    )
    registration = Registration.objects.get(event=event)
    manage = manage_path(registration)
    form_page = FormPage.objects.live().filter(locale=Locale.get_default()).first()
    share_page = SharePracticePage.objects.live().filter(locale=Locale.get_default()).first()
    first_list = MailingList.objects.filter(locale=Locale.get_default())[0].pk
    # One reader waiting to confirm, one to leave and one to change their lists.
    pending, leaving, choosing = (
        subscriptions.join(f"{who}@example.org", [first_list], "en-gb")[0]
        for who in ("pending", "leaving", "choosing")
    )
    for subscription in (leaving, choosing):
        subscriptions.confirm(subscription.confirm_token)
    get_involved = StandardPage.objects.get(slug="get-involved", locale=Locale.get_default())
    list_paths = {
        "confirm": urlsplit(list_confirm_url(pending.confirm_token, "en-gb")).path,
        "unsubscribe": urlsplit(list_unsubscribe_url(leaving.token, "en-gb")).path,
        "preferences": urlsplit(list_preferences_url(choosing.token, "en-gb")).path,
    }
    protected = StandardPage.objects.live().filter(locale=Locale.get_default(), numchild=0).first()
    restriction = PageViewRestriction.objects.create(
        page=protected, restriction_type=PageViewRestriction.PASSWORD, password="corpus-secret"
    )
    assessment = Page.objects.get(
        content_type__model="selfassessmentpage", locale=Locale.get_default()
    )
    huge = "99999999999999999999999"
    by_pattern = {
        "robots.txt": [Target("/robots.txt")],
        "sitemap.xml": [Target("/sitemap.xml")],
        "sitemap-<int:number>.xml": [
            Target("/sitemap-1.xml"),
            Target("/sitemap-0.xml"),
            Target(f"/sitemap-{huge}.xml"),
        ],
        "healthz": [Target("/healthz")],
        r"^media/(?P<path>(?:images|original_images)/.+)$": [
            Target("/media/images/no-such-file.jpg")
        ]
        + [
            Target(f"/media/images/{value}.jpg", rejected_in_path=rejected)
            for value, rejected in PATH_VALUES
        ],
        r"documents/^(\d+)/(.*)$": [
            Target("/documents/1/report.pdf"),
            Target(f"/documents/{huge}/x.pdf"),
        ]
        + [
            Target(f"/documents/1/{value}", rejected_in_path=rejected)
            for value, rejected in PATH_VALUES
        ],
        "documents/authenticate_with_password/<int:restriction_id>/": [
            Target("/documents/authenticate_with_password/1/", ["password", "return_url"]),
            Target(f"/documents/authenticate_with_password/{huge}/"),
        ],
        "<lang>/roadmap-baseline/<id:page_id>/": [
            Target(f"{assessment.url}result/?{MIXED}", method="FORMS"),
            Target(f"/en-gb/roadmap-baseline/{huge}/"),
        ],
        "<lang>/send-form/<id:page_id>/": [
            Target(form_page.url, method="FORMS"),
            Target(f"/en-gb/send-form/{huge}/"),
        ],
        "<lang>/share-practice/<id:page_id>/": [
            Target(share_page.url, method="FORMS"),
            Target(f"/en-gb/share-practice/{huge}/"),
        ],
        "<lang>/sign-up/<id:event_id>/": [
            Target(event.url, method="FORMS"),
            Target(f"/en-gb/sign-up/{huge}/"),
        ],
        "<lang>/sign-up/<id:event_id>/<str:outcome>/": [
            Target(f"/en-gb/sign-up/{event.pk}/confirmed/"),
            Target(f"/en-gb/sign-up/{huge}/confirmed/"),
        ]
        + [
            Target(f"/en-gb/sign-up/{event.pk}/{value}/", rejected_in_path=rejected)
            for value, rejected in PATH_VALUES
        ],
        "<lang>/my-sign-up/<str:signed>/": [
            Target(manage, ["done"]),
            Target(manage, method="FORMS"),
        ]
        + [
            Target(f"/en-gb/my-sign-up/{value}/", rejected_in_path=rejected)
            for value, rejected in PATH_VALUES
        ],
        "<lang>/event-calendar/<id:event_id>.ics": [
            Target(f"/en-gb/event-calendar/{event.pk}.ics"),
            Target(f"/en-gb/event-calendar/{huge}.ics"),
        ],
        "<lang>/event-calendar.ics": [Target("/en-gb/event-calendar.ics")],
        "<lang>/mailing-lists/join/": [
            Target(get_involved.url, method="FORMS"),
            Target("/en-gb/mailing-lists/join/"),
        ],
        "<lang>/mailing-lists/check-your-email/": [
            Target("/en-gb/mailing-lists/check-your-email/")
        ],
        **{
            f"<lang>/mailing-lists/{kind}/<str:signed>/": [
                Target(path),
                Target(path, method="FORMS"),
            ]
            + [
                Target(f"/en-gb/mailing-lists/{kind}/{value}/", rejected_in_path=rejected)
                for value, rejected in PATH_VALUES
            ]
            for kind, path in list_paths.items()
        },
        "<lang>/_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": [
            Target(protected.url, method="FORMS"),
            Target(f"/en-gb/_util/authenticate_with_password/{restriction.pk}/{huge}/"),
        ],
        "<lang>/_util/login/": [Target("/en-gb/_util/login/", ["next"])],
        PAGE_TREE: [
            Target(f"/en-gb/{value}/", rejected_in_path=rejected) for value, rejected in PATH_VALUES
        ],
    }
    missing = sorted(public_url_patterns() - by_pattern.keys())
    pages, problems = page_targets()
    assert missing == [] and problems == [], (
        "public views the hostile-input corpus does not cover; add them to corpus_targets or "
        f"PAGE_ROUTES in {__file__}:\n" + "\n".join(missing + problems)
    )
    targets = [*itertools.chain.from_iterable(by_pattern.values()), *pages]
    unique = {(t.path, t.method, tuple(t.params), t.rejected_in_path): t for t in targets}
    return list(unique.values())


class Checker:
    """Sends requests and keeps every broken expectation, so one run lists them all."""

    def __init__(self):
        self.client = Client(raise_request_exception=False, HTTP_ORIGIN="http://testserver")
        self.failures: list[str] = []
        self.sent = 0
        self._addresses = itertools.count(1)

    def _address(self) -> str:
        n = next(self._addresses)  # each request its own reader, so throttling is not tested here
        return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"

    def counts(self) -> tuple[int, ...]:
        return tuple(model.objects.count() for model in WATCHED)

    def check(self, label: str, response, must_reject: bool, before=None) -> None:
        self.sent += 1
        body = response.content.decode("utf-8", "replace")
        problems = []
        if response.status_code >= 500:
            problems.append(f"server error {response.status_code}")
        if must_reject and response.status_code != 400:
            problems.append(f"answered {response.status_code}, not 400")
        if MARKER in body:
            problems.append("markup reflected unescaped")
        if "Z" * 1001 in body:
            problems.append("a long value was echoed back")
        if before is not None and response.status_code >= 400 and self.counts() != before:
            problems.append(
                f"refused ({response.status_code}) but rows changed: {before} -> {self.counts()}"
            )
        if problems:
            self.failures.append(f"{label[:200]}: {'; '.join(problems)}")

    def get(self, path: str, query: str, label: str, must_reject: bool) -> None:
        separator = "&" if "?" in path else "?"
        url = f"{path}{separator}{query}" if query else path
        self.check(label, self.client.get(url, REMOTE_ADDR=self._address()), must_reject)

    def post(self, action: str, body: str, label: str, must_reject: bool) -> None:
        before = self.counts()
        response = self.client.post(
            action,
            body,
            content_type="application/x-www-form-urlencoded",
            REMOTE_ADDR=self._address(),
        )
        self.check(label, response, must_reject, before)


def _encode(value: str) -> str:
    return quote(value, safe="")


def _query(params: dict[str, str]) -> str:
    """A query string from already percent-encoded values."""
    return "&".join(f"{_encode(name)}={value}" for name, value in params.items())


def exercise_get(checker: Checker, target: Target) -> None:
    if target.rejected_in_path:
        checker.get(target.path, "", f"GET {target.path}", must_reject=True)
        return
    page = checker.client.get(target.path)
    forms = Forms(page.content.decode("utf-8", "replace")) if page.status_code == 200 else None
    params = list(dict.fromkeys(target.params))
    for form in forms.of_method("get") if forms else []:
        params.extend(name for name in form["fields"] if name not in params)
    params = params or ["q"]  # every view gets at least one parameter it does not expect
    for name in params:
        for kind, value in REJECTED.items():
            checker.get(
                target.path, _query({name: value}), f"GET {target.path} {name}={kind}", True
            )
        for kind, value in ODD.items():
            checker.get(
                target.path,
                _query({name: _encode(value)}),
                f"GET {target.path} {name}={kind}",
                False,
            )
    checker.get(target.path, _query({params[0]: LONG}), f"GET {target.path} {params[0]}=1MB", True)
    for kind, value in MORE_ODD.items():
        everything = _query({name: _encode(value) for name in params})
        checker.get(target.path, everything, f"GET {target.path} all={kind}", False)
    repeated = "&".join(
        f"{name}=1&{name}=2&{name}%5B%5D=3&{name}%5Bx%5D=4&{name}" for name in params
    )
    checker.get(target.path, repeated, f"GET {target.path} repeated and array parameters", False)


def exercise_forms(checker: Checker, target: Target) -> None:
    page = checker.client.get(target.path)
    forms = Forms(page.content.decode("utf-8", "replace")).of_method("post")
    if not forms:
        checker.failures.append(
            f"{target.path}: no POST form found on the page ({page.status_code})"
        )
        return
    for form in forms:
        action, valid = form["action"] or target.path, form["fields"]
        assert valid, f"the form posting to {action} has no fields"
        for name in valid:
            for kind, value in {**REJECTED, **{k: _encode(v) for k, v in ODD.items()}}.items():
                body = _query({**{k: _encode(v or "") for k, v in valid.items()}, name: value})
                # Control characters are removed from form fields; broken UTF-8 is refused.
                checker.post(action, body, f"POST {action} {name}={kind}", kind == "invalid-utf8")
        body = _query({**{k: _encode(v or "") for k, v in valid.items()}, next(iter(valid)): LONG})
        checker.post(action, body, f"POST {action} 1MB field", True)
        for kind, value in MORE_ODD.items():
            body = _query({name: _encode(value) for name in valid})
            checker.post(action, body, f"POST {action} all={kind}", False)
        repeated = "&".join(f"{name}=1&{name}=2&{name}%5B%5D=3" for name in valid)
        checker.post(action, repeated, f"POST {action} repeated and array fields", False)


def test_every_public_url_pattern_is_in_the_corpus(corpus_targets):
    """The fixture fails, listing them, for patterns and page routes the corpus misses."""
    assert len(corpus_targets) >= 40
    assert any(target.method == "FORMS" for target in corpus_targets)


def test_hostile_input_never_causes_a_server_error_a_reflection_or_a_half_save(corpus_targets):
    checker = Checker()
    for target in corpus_targets:
        if target.method == "FORMS":
            exercise_forms(checker, target)
        else:
            exercise_get(checker, target)
    assert checker.sent > 1000
    for model, fields in STORED_TEXT.items():
        for row in model.objects.values_list(*fields):
            for text in row:
                if CONTROL.search(str(text)):
                    checker.failures.append(
                        f"{model.__name__} stored control characters: {text[:80]!r}"
                    )
    assert checker.failures == [], (
        f"{len(checker.failures)} of {checker.sent} requests:\n" + "\n".join(checker.failures[:80])
    )


def test_the_400_page_is_the_sites_own_and_names_only_an_excerpt(client):
    response = client.get("/en-gb/search/?" + _query({"a" * 60: REJECTED["nul"]}))
    page = response.content.decode()
    assert response.status_code == 400
    assert "<h1>We could not read what was sent</h1>" in page
    assert "control characters" in page
    assert "a" * 31 not in page and "a" * 30 + "…" in page
    assert 'id="main-content"' in page and "Content-Security-Policy" in response.headers
    arabic = client.get("/ar/?q=" + REJECTED["invalid-utf8"])
    assert arabic.status_code == 400
    assert '<html lang="ar" dir="rtl">' in arabic.content.decode()
    assert "لم نتمكن من قراءة ما أُرسل" in arabic.content.decode()


def test_a_megabyte_sign_up_field_is_refused_without_being_echoed(client):
    event = EventPageFactory(slug="megabyte", capacity=10)
    response = client.post(
        f"/en-gb/sign-up/{event.pk}/",
        {"name": LONG, "email": "big@example.org", "privacy_consent": "on"},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 400
    assert len(response.content) < 50_000
    assert Registration.objects.filter(event=event).count() == 0


def test_a_value_a_little_too_long_gets_the_forms_own_message(client):
    event = EventPageFactory(slug="a-little-long", capacity=10)
    response = client.post(
        f"/en-gb/sign-up/{event.pk}/",
        {"name": "N" * 121, "email": "long@example.org", "privacy_consent": "on"},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 200
    assert re.search(r"Your name must be 120 characters or fewer", response.content.decode())
