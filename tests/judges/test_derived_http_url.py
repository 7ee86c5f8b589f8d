"""Remote plain-HTTP address (issue 12): derived for a non-loopback https target, and a skip
that says what was tried when nothing answers there. Only loopback exists in tests, so the
derivation is tested on the URL and the skip on its wording."""

import pytest

from conformance.judges.transport_security import nothing_answers_derived_http_url
from conformance.targets.remote import RemoteTarget


def derived(url: str) -> str | None:
    target = RemoteTarget.__new__(RemoteTarget)  # only the URL matters to the derivation
    target.base_url = url
    return target._default_http_url()


@pytest.mark.parametrize(("url", "expected"), [
    ("https://staging.example.com", "http://staging.example.com"),
    ("https://staging.example.com:8443/api", "http://staging.example.com/api"),  # port 80 even so
    ("https://[2001:db8::1]:8443", "http://[2001:db8::1]"),
    ("https://127.0.0.1:8443", None),  # loopback on a custom port: a test or a tunnel, unknown
    ("https://localhost", "http://localhost"),
])
def test_plain_http_is_port_80_of_a_non_loopback_https_host(url, expected):
    assert derived(url) == expected


def test_the_skip_says_what_was_tried_and_how_to_change_it():
    verdict = nothing_answers_derived_http_url("http://staging.example.com")
    assert verdict.not_applicable
    reason = verdict.not_applicable
    assert "http://staging.example.com" in reason and "port 80" in reason and "HTTP_URL" in reason
    assert "nothing answers" in reason
