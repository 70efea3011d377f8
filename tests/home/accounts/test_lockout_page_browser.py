"""The lockout page in Chromium: reached by really failing to sign in, accessible (axe-core,
WCAG 2.2 A and AA) and valid HTML (Nu Html Checker), like every other page of the site."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.browser import axe_violations, describe_violations

VNU_JAR = (
    Path(__file__).parents[2]
    / "browser"
    / "node_modules"
    / "vnu-jar"
    / "build"
    / "dist"
    / "vnu.jar"
)


@pytest.mark.browser
def test_the_lockout_page_is_clear_accessible_and_valid(site_server, browser_page, tmp_path):
    page = browser_page
    try:
        for attempt in range(5):
            page.goto(f"{site_server.url}/admin/login/")
            page.fill("#id_username", "someone")
            page.fill("#id_password", f"wrong-guess-{attempt}")
            with page.expect_navigation() as navigation:
                page.click("button[type=submit]")
        assert navigation.value.status == 429
        assert page.get_by_role("heading", level=1).inner_text() == "Too many wrong passwords"
        expect(page.get_by_role("heading", name="When you can try again")).to_be_visible()
        expect(page.get_by_role("heading", name="Who can help")).to_be_visible()
        html = page.content()
        violations = axe_violations(page)
        assert violations == [], describe_violations(violations)
    finally:
        # Unlock loopback again for the other tests sharing this server.
        reset = site_server.manage("axes_reset")
    assert "removed" in reset.stdout

    (tmp_path / "lockout.html").write_text(html, encoding="utf-8")
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--errors-only",
            str(tmp_path / "lockout.html"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr.strip() or result.stdout.strip())
    errors = [message["message"] for message in report["messages"] if message["type"] == "error"]
    assert errors == []
