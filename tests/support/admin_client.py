"""An editor's browserless session against a running site server: sign in to Wagtail's admin
and submit its forms over real HTTP (cookies, CSRF token and all)."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.parse
import urllib.request

TIMEOUT = 30
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


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
        page = self.post_form("/admin/login/", {"username": username, "password": password})
        assert "Sign out" in page or "Log out" in page or "wagtail-sidebar" in page, page[:500]

    def bulk_publish(self, page_id: int) -> None:
        """Publish a page's latest draft through the admin's bulk action."""
        self.post_form(f"/admin/bulk/wagtailcore/page/publish/?id={page_id}&next=/admin/", {})

    def unpublish(self, page_id: int) -> None:
        self.post_form(f"/admin/pages/{page_id}/unpublish/", {})
