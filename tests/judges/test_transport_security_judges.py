"""Judges of transport-security: redirects per HTTP_POLICY, HSTS, cookie attributes."""

import pytest

from conformance.judges import transport_security as judges
from conformance.auth.session_login import SetCookie
from tests.judges.answers import answer

SENT = "http://api.example.test:8080/polls/api/questions/?drf-conformance=plain-http"
CONTROL = answer(200)


def redirect(location):
    return answer(301, {"Location": location})


@pytest.mark.parametrize("location", [
    "https://api.example.test:8080/polls/api/questions/?drf-conformance=plain-http",  # Django keeps the port
    "https://API.example.test/polls/api/questions/?drf-conformance=plain-http",
])
def test_redirect_to_https_on_the_same_host_path_and_query_passes_whatever_the_port(location):
    assert judges.plain_http_answer(redirect(location), SENT, "redirect-or-refuse", control=CONTROL, canary=False).passed


@pytest.mark.parametrize(("location", "problem"), [
    ("http://api.example.test/polls/api/questions/?drf-conformance=plain-http", "not https"),
    ("https://evil.example/polls/api/questions/?drf-conformance=plain-http", "another host"),
    ("https://api.example.test/", "path and query"),
    ("https://api.example.test/polls/api/questions/", "path and query"),
])
def test_redirect_elsewhere_fails(location, problem):
    verdict = judges.plain_http_answer(redirect(location), SENT, "redirect-or-refuse", control=CONTROL, canary=False)
    assert not verdict.passed and problem in verdict.detail


def test_policy_decides_between_redirect_and_refusal():
    good = redirect("https://api.example.test/polls/api/questions/?drf-conformance=plain-http")
    assert not judges.plain_http_answer(good, SENT, "refuse", control=CONTROL, canary=False).passed
    assert judges.plain_http_answer(answer(403), SENT, "refuse", control=CONTROL, canary=False).passed
    assert not judges.plain_http_answer(answer(403), SENT, "redirect", control=CONTROL, canary=False).passed
    assert judges.plain_http_answer(None, SENT, "redirect-or-refuse", control=CONTROL, canary=False).passed


def test_served_over_plain_http_fails_even_when_the_control_was_a_4xx():
    assert not judges.plain_http_answer(answer(200), SENT, "redirect-or-refuse", control=CONTROL, canary=False).passed
    validation = answer(400)  # POST {} with valid credentials: a validation error, past authentication
    assert not judges.plain_http_answer(answer(400), SENT, "redirect-or-refuse", control=validation, canary=False).passed
    assert judges.served_over_plain_http(answer(400), validation)


def test_a_canary_refusal_cannot_be_told_from_an_authentication_refusal():
    assert judges.plain_http_answer(answer(401), SENT, "redirect-or-refuse", control=None, canary=True).not_applicable


@pytest.mark.parametrize(("header", "passes"), [
    ("max-age=31536000; includeSubDomains", True),
    ("max-age=63072000; includeSubDomains; preload", True),
    ('max-age="31536000"; INCLUDESUBDOMAINS', True),
    ("max-age=3600; includeSubDomains", False),
    ("max-age=31536000", False),
    ("includeSubDomains", False),
])
def test_hsts(header, passes):
    assert judges.hsts(answer(200, {"Strict-Transport-Security": header}), 31536000).passed is passes


def test_hsts_missing_fails():
    assert not judges.hsts(answer(200), 31536000).passed


def test_cookie_attributes_from_real_set_cookie_lines():
    good = SetCookie.parse("sessionid=abc; HttpOnly; Path=/; SameSite=Lax; Secure")
    bare = SetCookie.parse("sessionid=abc; Path=/; SameSite=None")
    for attribute in ("Secure", "HttpOnly", "SameSite"):
        assert judges.cookie_attribute(good, attribute, "session").passed
        assert not judges.cookie_attribute(bare, attribute, "session").passed
    assert judges.cookie_attribute(None, "Secure", "session").not_applicable
