"""Throttling and login lockout key on the reader's address: only our own proxy may say it."""

from __future__ import annotations

from django.test import RequestFactory, override_settings

from home.security import client_address


def _request(**headers):
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", **headers)


def test_without_a_proxy_header_the_connection_address_is_used_and_headers_are_ignored():
    request = _request(HTTP_X_FORWARDED_FOR="203.0.113.66")
    assert client_address(request) == "10.0.0.9"


@override_settings(CLIENT_IP_HEADER="X-Forwarded-For", TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_a_forged_leftmost_entry_is_ignored():
    # The client wrote "198.51.100.1"; our proxy appended the address it actually saw.
    request = _request(HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7")
    assert client_address(request) == "203.0.113.7"


@override_settings(CLIENT_IP_HEADER="X-Forwarded-For", TRUSTED_PROXY_COUNT=2)
def test_behind_a_cdn_and_a_load_balancer_the_cdns_entry_is_used():
    request = _request(HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7, 10.1.2.3")
    assert client_address(request) == "203.0.113.7"


@override_settings(CLIENT_IP_HEADER="X-Forwarded-For", TRUSTED_PROXY_COUNT=1)
def test_a_request_that_skipped_the_proxy_falls_back_to_the_connection_address():
    assert client_address(_request()) == "10.0.0.9"
