"""The admin's Content-Security-Policy (settings.ADMIN_CONTENT_SECURITY_POLICY).

Over HTTP: the admin sends its own policy and the public site keeps its strict one. In
Chromium, with the policy enforced (no bypass): an editor signs in through two-step sign-in
and uses the dashboard, the page editor with its StreamField, the image chooser and the live
preview, and the browser reports no Content-Security-Policy violation anywhere.
"""

from __future__ import annotations

import re
from base64 import b32decode

import pytest
from django.conf import settings
from django_otp.oath import TOTP

PASSWORD = "a-long-test-password"


@pytest.mark.django_db
def test_the_admin_sends_its_own_policy_and_the_public_site_keeps_its_own(client, editor):
    client.force_login(editor)
    for path in ("/admin/login/", "/admin/", "/admin/pages/"):
        policy = client.get(path)["Content-Security-Policy"]
        assert policy == settings.ADMIN_CONTENT_SECURITY_POLICY, path
    admin_policy = settings.ADMIN_CONTENT_SECURITY_POLICY
    assert "unsafe-eval" not in admin_policy
    assert "object-src 'none'" in admin_policy and "base-uri 'self'" in admin_policy
    assert "frame-ancestors 'self'" in admin_policy and "form-action 'self'" in admin_policy
    # No third-party origin beyond the two video players the public policy allows too.
    origins = set(re.findall(r"https?://[^\s;]+", admin_policy))
    assert origins <= {"https://www.youtube-nocookie.com", "https://player.vimeo.com"}

    public = client.get("/en-gb/about/")["Content-Security-Policy"]
    assert "script-src 'self';" in public and "unsafe-inline" not in public.split("style-src")[0]
    assert "frame-ancestors 'none'" in public


REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportCspViolation(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} in ${event.documentURI}`
  );
});
"""


@pytest.fixture
def csp_editor(site_server):
    site_server.manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.create_superuser('csp-editor', 'csp@example.org', '{PASSWORD}')",
    )
    result = site_server.manage(
        "shell",
        "-c",
        "from home.models import StandardPage; "
        "print(StandardPage.objects.filter(locale__language_code='en-gb').first().pk)",
    )
    return int(result.stdout.strip().splitlines()[-1])


def code_from_set_up_screen(page) -> str:
    secret = page.locator(".two-step-secret").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    return f"{TOTP(key).token():06d}"


@pytest.mark.browser
@pytest.mark.slow
def test_the_admin_works_under_its_policy_with_no_violations(chromium, site_server, csp_editor):
    page_id = csp_editor
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    violations: list[str] = []
    context.expose_function("__reportCspViolation", lambda text: violations.append(text))
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    # The first admin pages build their caches; on a loaded 2-core CI machine that can take
    # longer than Playwright's 30 s default.
    page.set_default_timeout(90_000)
    page.set_default_navigation_timeout(90_000)
    console_errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            console_errors.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    base = site_server.url
    try:
        # Sign in: password, then set up two-step sign-in, as a new editor does.
        page.goto(f"{base}/admin/login/")
        page.fill("#id_username", "csp-editor")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r"/admin/two-step/set-up/"))
        page.fill("#id_code", code_from_set_up_screen(page))
        page.click("main button[type=submit]")
        page.get_by_role("heading", name="Your recovery codes").wait_for()
        page.get_by_role("link", name="I have saved my codes: continue").click()

        # The dashboard, drawn by the admin's scripts (the sidebar is a React app).
        page.wait_for_url(f"{base}/admin/")
        page.locator("#wagtail-sidebar .sidebar-main-menu").wait_for()

        # The policy is enforced and reports reach this test: a third-party image is refused.
        page.evaluate("new Image().src = 'https://tracker.example/pixel.png'")
        page.wait_for_timeout(300)
        assert [v for v in violations if "tracker.example" in v], "violations are not reported"
        violations.clear()
        console_errors.clear()

        # The page editor with its StreamField (rendered in the browser by telepath).
        page.goto(f"{base}/admin/pages/{page_id}/edit/")
        # Attached, not visible: telepath builds it only if the admin's scripts ran under the
        # policy; whether its tab is on screen yet is not what this checks.
        page.locator("[data-streamfield-stream-container]").first.wait_for(state="attached")
        assert page.locator("[data-streamfield-child]").count() > 0

        # The image chooser (Promote tab: listing image).
        page.get_by_role("tab", name="Promote").click()
        page.locator("[data-chooser-action-choose]:visible").first.click()
        modal = page.locator(".modal-content")
        modal.get_by_role("heading", name="Choose an image").wait_for(timeout=60_000)
        modal.locator("a.image-choice, [data-chooser-modal-choice]").first.wait_for()
        modal.locator("button.close").click()
        modal.wait_for(state="hidden")

        # The live preview, in a frame of the editor.
        page.locator("[data-side-panel-toggle='preview']").click()
        frame = page.frame_locator("#w-preview-iframe")
        frame.locator("h1").first.wait_for()
        page.wait_for_timeout(500)  # let late reports arrive
    finally:
        context.close()
    assert violations == []
    assert console_errors == []
