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


def axe_violations(page) -> list[dict]:
    """Run axe-core in the page and return its violations of WCAG 2.2 A and AA rules."""
    with open(AXE_PATH, encoding="utf-8") as handle:
        page.add_script_tag(content=handle.read())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return result["violations"]


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
