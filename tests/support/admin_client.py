"""An editor's browserless session against a running site server: sign in to Wagtail's admin
and submit its forms over real HTTP (cookies, CSRF token and all)."""

from __future__ import annotations

import base64
import http.cookiejar
import re
import urllib.parse
import urllib.request

from django_otp.oath import TOTP

TIMEOUT = 30
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SECRET = re.compile(r'<code class="two-step-secret">([A-Z2-7 ]+)</code>')


def _padded(base32: str) -> str:
    return base32 + "=" * (-len(base32) % 8)


class AdminClient:
    def __init__(self, base_url: str):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> str:
        with self.opener.open(self.base_url + path, timeout=TIMEOUT) as response:
            return response.read().decode()

    def post_form(self, path: str, fields: dict[str, str]) -> str:
        """Open the form at `path`, then submit it with its CSRF token and `fields`."""
        token = CSRF_FIELD.search(self.get(path))
        assert token, f"no CSRF token in the form at {path}"
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), **fields}).encode()
        request = urllib.request.Request(
            self.base_url + path, data=data, headers={"Referer": self.base_url + path}
        )
        with self.opener.open(request, timeout=TIMEOUT) as response:
            return response.read().decode()

    def sign_in(self, username: str, password: str) -> None:
        """Sign in as an editor does: the password, then (on the first sign-in) setting up the
        authenticator app with the key the page shows and the code the app would give."""
        page = self.post_form("/admin/login/", {"username": username, "password": password})
        secret = SECRET.search(page)
        if secret:
            key = base64.b32decode(_padded(secret.group(1).replace(" ", "")))
            code = f"{TOTP(key).token():06d}"
            page = self.post_form("/admin/two-step/set-up/", {"code": code, "next": "/admin/"})
            assert "Your recovery codes" in page, page[:500]  # the code was accepted
            page = self.get("/admin/")
        assert "wagtail-sidebar" in page, page[:500]

    def bulk_publish(self, page_id: int) -> None:
        """Publish a page's latest draft through the admin's bulk action."""
        self.post_form(f"/admin/bulk/wagtailcore/page/publish/?id={page_id}&next=/admin/", {})

    def unpublish(self, page_id: int) -> None:
        self.post_form(f"/admin/pages/{page_id}/unpublish/", {})
