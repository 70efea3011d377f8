"""Playwright with Debian's Chromium (test tools may not download browsers here)."""

from __future__ import annotations

import os
import shutil

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
    if not path:
        raise RuntimeError(
            "Chromium is missing: run `make browser-tools` (installs Debian's chromium)."
        )
    return path


AXE_PATH = os.path.join(
    os.path.dirname(__file__), "..", "browser", "node_modules", "axe-core", "axe.min.js"
)
# WCAG 2.0, 2.1 and 2.2 at levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


# axe-core is served at this address on the page's own origin (by a Playwright route, never by
# the site), so the site's policy `script-src 'self'` lets the page load it: the tests run
# under the real Content-Security-Policy, with no bypass.
AXE_URL_PATH = "/__axe__.js"


def serve_axe(page) -> None:
    """Answer requests for AXE_URL_PATH, on any origin, with axe-core."""
    with open(AXE_PATH, "rb") as handle:
        body = handle.read()
    page.route(
        f"**{AXE_URL_PATH}",
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=body),
    )


def axe_violations(page) -> list[dict]:
    """Run axe-core in the page and return its violations of WCAG 2.2 A and AA rules."""
    serve_axe(page)
    try:
        origin = page.evaluate("() => location.origin")
        page.add_script_tag(url=origin + AXE_URL_PATH)
    finally:
        page.unroute(f"**{AXE_URL_PATH}")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return result["violations"]


# Installed in every tab before the page's own scripts: keeps each violation of the policy.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


def watch_csp(page) -> list[str]:
    """Record the Content-Security-Policy violations the tab reports, from the page's own
    `securitypolicyviolation` events and from the console; returns the list it fills (see
    `csp_violations`)."""
    reported: list[str] = []
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            reported.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return reported


def csp_violations(page, reported: list[str]) -> list[str]:
    """Every violation of the policy seen in the tab so far (console) and on the page open now
    (events); empty when the page works under the real policy."""
    try:
        events = page.evaluate("() => window.__cspViolations || []")
    except Exception:  # a page being replaced has no events to give
        events = []
    return [*reported, *events]


def describe_violations(violations: list[dict]) -> str:
    """A readable summary for assertion messages."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(
                f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}"
            )
    return "\n".join(lines)
