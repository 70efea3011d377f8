"""The crawl every browser test of the whole site shares.

`site_crawl` visits every page of the demo site once per check, in one Chromium:

- the pages come from /sitemap.xml (every live page in every language), the app views each
  app's urls.py declares without parameters (in every language), a "not found" page and a
  search results page per language, and every same-site link found on those pages, so a page
  another engineer adds is covered without editing a test;
- each page is opened at 375 px and 1280 px wide and checked with axe-core (WCAG 2.2 A, AA);
- each page is opened again with JavaScript off to see what a reader without it gets;
- the HTML the server sent is kept, for one batch run of the Nu Html Checker.
"""

from __future__ import annotations

import json
import subprocess
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

from tests.support.browser import axe_violations

WIDTHS = (375, 1280)
MAX_PAGES = 400  # a safety net: the crawl stops rather than wander through endless listings
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/media/", "/static/")
NOT_FOUND_SLUG = "no-such-page-for-the-crawl/"
VNU_JAR = Path(__file__).parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Runs in the page with JavaScript off (Playwright evaluates in its own world): what a reader
# without JavaScript cannot reach or use.
NO_JS_PROBLEMS = """
() => {
  const problems = [];
  const main = document.querySelector("main, [role=main]");
  if (!main) return ["no main landmark"];
  const h1 = document.querySelector("h1");
  if (!h1) problems.push("no h1");
  else {
    const box = h1.getBoundingClientRect();
    const style = getComputedStyle(h1);
    if (!box.width || !box.height || style.visibility === "hidden") problems.push("h1 is not visible");
  }
  // Controls that only script can operate must not be shown when there is no script.
  for (const control of document.querySelectorAll("button[aria-expanded], [aria-controls]")) {
    if (control.getClientRects().length) {
      problems.push(`a control that needs JavaScript is shown: ${control.outerHTML.slice(0, 120)}`);
    }
  }
  // Content hidden in a way only script can undo (closed <details> opens without script).
  for (const element of main.querySelectorAll("*")) {
    if (["SCRIPT", "TEMPLATE", "NOSCRIPT", "STYLE"].includes(element.tagName)) continue;
    if (!element.textContent.trim() || element.closest("details:not([open]) > :not(summary)")) continue;
    if (element.closest("[aria-hidden=true]")) continue;
    const style = getComputedStyle(element);
    if (style.display === "none" || style.visibility === "hidden") {
      if (element.parentElement && getComputedStyle(element.parentElement).display === "none") continue;
      problems.push(`content hidden without a way to show it: ${element.outerHTML.slice(0, 120)}`);
    }
  }
  return problems;
}
"""


@dataclass
class CrawledPage:
    """What the crawl learnt about one address."""

    url: str
    path: str
    status: int = 0
    html: str = ""
    content_type: str = ""
    expected_status: int = 200
    axe: dict[int, list[dict]] = field(default_factory=dict)
    no_js_problems: list[str] = field(default_factory=list)
    skip_link_problems: list[str] = field(default_factory=list)
    html_errors: list[str] = field(default_factory=list)

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html")


@dataclass
class SiteCrawl:
    base_url: str
    pages: dict[str, CrawledPage]
    vnu_output: str = ""

    def html_pages(self) -> list[CrawledPage]:
        return [page for page in self.pages.values() if page.is_html]


def sitemap_paths(base_url: str) -> list[str]:
    """Every page the sitemap lists, as paths on the test server."""
    with urllib.request.urlopen(f"{base_url}/sitemap.xml", timeout=30) as response:
        tree = ET.fromstring(response.read())  # noqa: S314 (our own test server)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [urlsplit(loc.text.strip()).path for loc in tree.findall("s:url/s:loc", namespace)]


def app_view_paths() -> list[str]:
    """App views (each app's urls.py, under the language prefix) that take no parameters."""
    found: list[str] = []

    def walk(patterns, prefix: str, inside_wagtail: bool) -> None:
        for pattern in patterns:
            route = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                module = getattr(pattern.urlconf_module, "__name__", "")
                is_wagtail = inside_wagtail or module.startswith("wagtail")
                walk(pattern.url_patterns, prefix + route, is_wagtail)
            elif isinstance(pattern, URLPattern) and not inside_wagtail:
                full = (prefix + route).lstrip("^").rstrip("$")
                if "<" in full or "(" in full or "\\" in full:
                    continue  # needs parameters: reached by following links instead
                if "." in full.rsplit("/", 1)[-1]:
                    continue  # a file (e.g. the .ics calendar), which a browser downloads
                found.append(full)

    for top in get_resolver().url_patterns:
        if isinstance(top, URLResolver) and type(top.pattern).__name__ == "LocalePrefixPattern":
            walk(top.url_patterns, "", False)
    return [f"/{code}/{path}" for code, _name in settings.LANGUAGES for path in found]


def same_site_links(base_url: str, page_url: str, hrefs: list[str]) -> list[str]:
    paths = []
    origin = urlsplit(base_url).netloc
    for href in hrefs:
        parts = urlsplit(urljoin(page_url, href))
        if parts.scheme not in ("http", "https") or parts.netloc != origin or parts.query:
            continue
        if parts.path.startswith(SKIP_PREFIXES) or not parts.path.endswith("/"):
            continue
        paths.append(parts.path)
    return paths


def run_nu_html_checker(pages: list[CrawledPage], workdir: Path) -> str:
    """Check all pages' HTML in one run (the JVM is slow to start); errors go to each page."""
    files: dict[str, CrawledPage] = {}
    for number, page in enumerate(pages):
        path = workdir / f"page-{number:04d}.html"
        path.write_text(page.html, encoding="utf-8")
        files[path.name] = page
    if not files:
        return ""
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only"]
        + [str(workdir / name) for name in files],
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stderr.strip() or result.stdout.strip()
    try:
        report = json.loads(output)
    except json.JSONDecodeError as error:
        raise AssertionError(f"The Nu Html Checker did not run: {output[:2000]}") from error
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error"):
            continue
        page = files.get(Path(urlsplit(message.get("url", "")).path).name)
        text = f"line {message.get('lastLine', '?')}: {message.get('message')}"
        extract = (message.get("extract") or "").strip()
        if extract:
            text += f" — {extract[:120]!r}"
        if page is None:
            raise AssertionError(f"The Nu Html Checker failed: {text}")
        page.html_errors.append(text)
    return output


def check_skip_link(page) -> list[str]:
    """Tab from the top of the page reaches the skip link first; Enter moves focus to main."""
    problems = []
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.className, document.activeElement.getAttribute('href')]"
    )
    if focused[1] != "#main-content":
        return [f"the first Tab stop is {focused}, not the skip link"]
    page.keyboard.press("Enter")
    in_main = page.evaluate(
        "() => { const main = document.getElementById('main-content');"
        " return !!main && (document.activeElement === main || main.contains(document.activeElement)); }"
    )
    if not in_main:
        problems.append("Enter on the skip link does not move focus to the main content")
    return problems


class CrawlQueue:
    """The paths still to open, each once, up to MAX_PAGES."""

    def __init__(self) -> None:
        self.queue: list[tuple[str, int]] = []
        self.seen: set[str] = set()
        self.search_forms_done: set[str] = set()

    def add(self, path: str, expected_status: int = 200) -> None:
        if path not in self.seen and len(self.seen) < MAX_PAGES:
            self.seen.add(path)
            self.queue.append((path, expected_status))

    def add_search_results(self, action: str) -> None:
        """A search results page for each search form found (one per form address)."""
        action_path = urlsplit(action).path
        if action_path not in self.search_forms_done:
            self.search_forms_done.add(action_path)
            self.add(action_path)
            self.add(f"{action_path}?q=trauma")
            # A promoted result first in English; in Arabic, the English results offered
            # when nothing matched in Arabic.
            self.add(f"{action_path}?q=report")


def open_at_every_width(crawled: CrawledPage, tabs: dict) -> None:
    """Open the page in each tab (narrowest first), keep its status and HTML, run axe-core."""
    for width, tab in tabs.items():
        response = tab.goto(crawled.url, wait_until="load")
        if width == WIDTHS[0]:
            crawled.status = response.status
            crawled.content_type = response.headers.get("content-type", "")
            if crawled.is_html:
                crawled.html = response.text()
        if not crawled.is_html:
            return
        crawled.axe[width] = axe_violations(tab)


def crawl_page(crawled: CrawledPage, tabs: dict, no_js, queue: CrawlQueue, base: str) -> None:
    open_at_every_width(crawled, tabs)
    if not crawled.is_html:
        return
    wide = tabs[WIDTHS[-1]]
    hrefs = wide.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    for link in same_site_links(base, crawled.url, hrefs):
        queue.add(link)
    for action in wide.eval_on_selector_all(
        "form[role=search][method=get]", "forms => forms.map(f => f.action)"
    ):
        queue.add_search_results(action)
    no_js.goto(crawled.url, wait_until="load")
    crawled.no_js_problems = no_js.evaluate(NO_JS_PROBLEMS)
    crawled.skip_link_problems = check_skip_link(no_js)


@pytest.fixture(scope="session")
def site_crawl(site_server, chromium, tmp_path_factory) -> SiteCrawl:
    """Every page reachable from the sitemap and the apps' own views, opened under the site's
    real Content-Security-Policy (axe-core is served from the site's origin, see
    tests/support/browser.py)."""
    base = site_server.url
    queue = CrawlQueue()
    for path in [*sitemap_paths(base), *app_view_paths()]:
        queue.add(path)
    for code, _name in settings.LANGUAGES:
        queue.add(f"/{code}/{NOT_FOUND_SLUG}", expected_status=404)

    contexts = {
        width: chromium.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
        for width in WIDTHS
    }
    tabs = {width: context.new_page() for width, context in contexts.items()}
    no_js_context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", java_script_enabled=False
    )
    no_js = no_js_context.new_page()
    pages: dict[str, CrawledPage] = {}
    try:
        while queue.queue:
            path, expected_status = queue.queue.pop(0)
            crawled = CrawledPage(url=base + path, path=path, expected_status=expected_status)
            pages[path] = crawled
            crawl_page(crawled, tabs, no_js, queue, base)
    finally:
        for context in [*contexts.values(), no_js_context]:
            context.close()

    crawl = SiteCrawl(base_url=base, pages=pages)
    html_pages = crawl.html_pages()
    crawl.vnu_output = run_nu_html_checker(html_pages, tmp_path_factory.mktemp("nu-html"))
    return crawl
