"""Fixtures for the report writers: one realistic report dict, a large one, and golden files.

``build_report()`` is the report dict of contract section 5 plus the additions of
docs/ARCHITECTURE.md, as the engine would hand it to every writer: several families, all four
outcomes, all five severities, redacted evidence, one finding accepted by a baseline, one check
that is missing from the catalogue records, and hostile strings (markup, Markdown table pipes,
backticks, newlines, non-ASCII) in the places a real target controls: response bodies, endpoint
paths, details. Every writer must print all of it escaped for its format.

Golden files live in ``golden/``; ``UPDATE_GOLDEN=1`` rewrites them instead of comparing.
"""

from __future__ import annotations

import copy
import difflib
import os
from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).parent / "golden"

HOSTILE_SCRIPT = "<script>alert(1)</script>"
TARGET_URL = "https://127.0.0.1:8443"

CHECKS = [
    {
        "check_id": "DRFC-101",
        "family": "missing-credentials",
        "title": "Protected endpoint refuses anonymous requests",
        "severity": "high",
        "cwe": "CWE-306",
        "description": (
            "A request without any credentials to an endpoint that is not listed in PUBLIC_PATHS "
            "must be refused with 401 or 403, while the same request with valid credentials is "
            "accepted (the positive control)."
        ),
        "remediation": (
            "Set REST_FRAMEWORK['DEFAULT_PERMISSION_CLASSES'] to "
            "['rest_framework.permissions.IsAuthenticated'] and remove AllowAny from the view's "
            "permission_classes."
        ),
        "references": [
            "OWASP ASVS 5.0 V8.2.1",
            "https://www.django-rest-framework.org/api-guide/permissions/",
        ],
    },
    {
        "check_id": "DRFC-102",
        "family": "missing-credentials",
        "title": "A 401 answer carries WWW-Authenticate",
        "severity": "low",
        "cwe": "CWE-287",
        "description": "RFC 9110 section 15.5.2: a 401 response must send a WWW-Authenticate header.",
        "remediation": (
            "Put an authentication class whose authenticate_header() returns a scheme "
            "(TokenAuthentication, BasicAuthentication) first in DEFAULT_AUTHENTICATION_CLASSES."
        ),
        "references": ["RFC 9110 section 15.5.2", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2"],
    },
    {
        "check_id": "DRFC-201",
        "family": "malformed-credentials",
        "title": "Malformed credentials are refused cleanly",
        "severity": "medium",
        "cwe": "CWE-755",
        "description": "Garbage, truncated or binary credentials get a 4xx, never a 5xx, never access.",
        "remediation": (
            "Catch decoding errors in custom authentication classes and raise "
            "rest_framework.exceptions.AuthenticationFailed."
        ),
        "references": ["OWASP ASVS 5.0 V16.5.3"],
    },
    {
        "check_id": "DRFC-301",
        "family": "expired-token",
        "title": "Tokens older than MAX_TOKEN_AGE are refused",
        "severity": "high",
        "cwe": "CWE-613",
        "description": "A token older than the policy maximum age must not authenticate.",
        "remediation": (
            "Use an expiring token class (knox TOKEN_TTL, simplejwt ACCESS_TOKEN_LIFETIME) or "
            "subclass TokenAuthentication to refuse tokens older than MAX_TOKEN_AGE."
        ),
        "references": ["OWASP ASVS 5.0 V7.3.1", "CWE-613: Insufficient Session Expiration"],
    },
    {
        "check_id": "DRFC-401",
        "family": "inactive-user",
        "title": "Credentials of an inactive user are refused",
        "severity": "critical",
        "cwe": "CWE-287",
        "description": "Every scheme refuses the credentials of a user whose is_active is False.",
        "remediation": (
            "Check user.is_active in custom authentication classes, as "
            "rest_framework.authentication.TokenAuthentication does."
        ),
        "references": ["https://www.django-rest-framework.org/api-guide/authentication/"],
    },
    {
        "check_id": "DRFC-501",
        "family": "scheme-confusion",
        "title": "A credential is accepted only under its own scheme word",
        "severity": "medium",
        "cwe": "CWE-287",
        "description": "A Token key sent as Bearer (and vice versa) is refused.",
        "remediation": "Give each authentication class its own keyword attribute.",
        "references": ["RFC 6750 section 2.1"],
    },
    {
        "check_id": "DRFC-701",
        "family": "transport-security",
        "title": "Plain HTTP is redirected or refused",
        "severity": "high",
        "cwe": "CWE-319",
        "description": "Requests over plain HTTP never reach the API.",
        "remediation": "Set SECURE_SSL_REDIRECT = True and SECURE_PROXY_SSL_HEADER behind a proxy.",
        "references": ["OWASP ASVS 5.0 V4.1.2", "https://docs.djangoproject.com/en/5.2/ref/settings/#secure-ssl-redirect"],
    },
    {
        "check_id": "DRFC-801",
        "family": "csrf",
        "title": "Session-authenticated unsafe requests need a CSRF token",
        "severity": "high",
        "cwe": "CWE-352",
        "description": "A POST authenticated by the session cookie without a CSRF token is refused.",
        "remediation": "Keep SessionAuthentication's enforce_csrf(); never wrap API views in csrf_exempt.",
        "references": ["OWASP ASVS 5.0 V3.5.1"],
    },
    {
        "check_id": "DRFC-901",
        "family": "token-endpoint",
        "title": "Unknown user and wrong password get identical answers",
        "severity": "medium",
        "cwe": "CWE-204",
        "description": "The token endpoint must not reveal which usernames exist.",
        "remediation": "Return the same status and body from ObtainAuthToken for both failures.",
        "references": ["OWASP ASVS 5.0 V6.3.8"],
    },
    {
        "check_id": "DRFC-1101",
        "family": "error-hygiene",
        "title": "No server version in response headers",
        "severity": "info",
        "cwe": "CWE-200",
        "description": "Headers such as Server or X-Powered-By do not disclose software versions.",
        "remediation": "Strip the Server header at the reverse proxy (nginx: server_tokens off).",
        "references": ["OWASP ASVS 5.0 V13.4.6"],
    },
]

# DRFC-1001 (revocation) deliberately has results but no catalogue record: writers must still
# describe it from the result's own fields.


def _exchange(role, method, path, request_headers, status, response_headers, body, curl_auth=None,
              request_body=None, scheme="https"):
    base = TARGET_URL if scheme == "https" else "http://127.0.0.1:8080"
    url = base + path
    curl = f"curl -i -X {method} '{url}'"
    if curl_auth:
        curl += f' -H "Authorization: {curl_auth}"'
    if request_body is not None:
        curl += f" --data '{request_body}'"
    return {
        "role": role,
        "request": {"method": method, "url": url, "headers": request_headers, "body": request_body},
        "response": {"status": status, "headers": response_headers, "body": body},
        "curl": curl,
    }


def _result(check_id, outcome, endpoint, *, parameters=None, detail="", expected="", actual="",
            evidence=None, accepted=None, **overrides):
    record = next((c for c in CHECKS if c["check_id"] == check_id), None)
    base = dict(record) if record else {}
    base.pop("description", None)
    result = {
        "check_id": check_id,
        "family": base.get("family"),
        "title": base.get("title"),
        "severity": base.get("severity"),
        "outcome": outcome,
        "endpoint": endpoint,
        "detail": detail,
        "cwe": base.get("cwe"),
        "remediation": base.get("remediation"),
        "references": list(base.get("references", [])),
        "parameters": parameters or {},
        "expected": expected,
        "actual": actual,
        "evidence": evidence or [],
    }
    result.update(overrides)
    if accepted is not None:
        result["accepted"] = accepted
    return result


def _results():
    token_header = {"Authorization": "Token [REDACTED token.active]"}
    return [
        _result(
            "DRFC-101", "passed", "GET /polls/api/questions/",
            detail="Anonymous request refused with 401.",
            expected="401 or 403", actual="401",
            evidence=[
                _exchange("probe", "GET", "/polls/api/questions/", {}, 401,
                          {"WWW-Authenticate": "Token", "Content-Type": "application/json"},
                          '{"detail":"Authentication credentials were not provided."}'),
                _exchange("positive-control", "GET", "/polls/api/questions/", token_header, 200,
                          {"Content-Type": "application/json"}, "[]",
                          curl_auth="Token $CONFORMANCE_TOKEN_ACTIVE"),
            ],
        ),
        _result(
            "DRFC-101", "failed", "GET /polls/api/choices/",
            detail="The endpoint answered an anonymous request with data.",
            expected="401 or 403", actual="200 with 3 choices",
            evidence=[
                _exchange("probe", "GET", "/polls/api/choices/", {}, 200,
                          {"Content-Type": "application/json"},
                          '[{"id": 1, "choice_text": "Not much"}]'),
            ],
        ),
        _result(
            "DRFC-102", "failed", "GET /polls/api/questions/",
            detail="401 answer without a WWW-Authenticate header.",
            expected="401 with WWW-Authenticate", actual="401 without WWW-Authenticate",
            evidence=[
                _exchange("probe", "GET", "/polls/api/questions/", {}, 401,
                          {"Content-Type": "application/json"}, '{"detail":"nope"}'),
            ],
        ),
        _result(
            "DRFC-201", "passed", "GET /polls/api/questions/",
            parameters={"scheme": "Token", "probe": "upper-cased key"},
            expected="4xx", actual="401",
        ),
        _result(
            "DRFC-201", "failed", "GET /polls/api/questions/",
            parameters={"scheme": "Token", "probe": "binary key"},
            detail=f"Server error with a traceback that echoes the key: {HOSTILE_SCRIPT}",
            expected="4xx, never 5xx", actual="500 Internal Server Error | traceback in body",
            evidence=[
                _exchange("probe", "GET", "/polls/api/questions/",
                          {"Authorization": "Token [REDACTED probe]"}, 500,
                          {"Content-Type": "text/html; charset=utf-8"},
                          "<html><body><h1>UnicodeDecodeError</h1>\n"
                          f"<pre>Traceback (most recent call last):\n  {HOSTILE_SCRIPT}</pre>"
                          "</body></html>",
                          curl_auth="Token $(printf '\\xff\\xfe')"),
            ],
        ),
        _result(
            "DRFC-301", "error", "GET /polls/api/questions/",
            parameters={"scheme": "Token"},
            detail="Positive control failed: the active token was refused (401), so the expired "
                   "token probe proves nothing.",
            expected="200 with the active token", actual="401 with the active token",
            evidence=[
                _exchange("positive-control", "GET", "/polls/api/questions/", token_header, 401,
                          {"WWW-Authenticate": "Token"}, '{"detail":"Invalid token."}',
                          curl_auth="Token $CONFORMANCE_TOKEN_ACTIVE"),
            ],
        ),
        _result(
            "DRFC-401", "failed", "GET /polls/api/questions/",
            parameters={"scheme": "Bearer"},
            detail="The bearer token of an inactive user was accepted.",
            expected="401 or 403", actual="200",
            accepted="Kiosk accounts are deactivated by a nightly job until ticket OPS-42 ships.",
            evidence=[
                _exchange("probe", "GET", "/polls/api/questions/",
                          {"Authorization": "Bearer [REDACTED bearer.inactive]"}, 200,
                          {"Content-Type": "application/json"}, "[]",
                          curl_auth="Bearer $CONFORMANCE_BEARER_INACTIVE"),
            ],
        ),
        _result(
            "DRFC-501", "skipped", "GET /polls/api/questions/",
            parameters={"scheme": "Bearer"},
            detail="Skipped: no credential for role bearer.active.",
        ),
        _result(
            "DRFC-701", "failed", "GET /",
            parameters={"forwarded_proto": "https"},
            detail="Plain HTTP with a forged X-Forwarded-Proto reached the view.",
            expected="301/308 to https:// or connection refused", actual="200 over http://",
            evidence=[
                _exchange("probe", "GET", "/", {"X-Forwarded-Proto": "https"}, 200,
                          {"Content-Type": "text/html"}, "<h1>Polls</h1>", scheme="http"),
            ],
        ),
        _result(
            "DRFC-801", "skipped", "POST /polls/api/questions/",
            detail="Skipped: SessionAuthentication is not enabled on this endpoint.",
        ),
        _result(
            "DRFC-901", "failed", "POST /api-token-auth/",
            detail="The two answers differ in their bodies.",
            expected="identical status and body",
            actual='`400` | {"detail": "Unknown user <b>naïve</b> – ユーザー"}\nvs `400` | '
                   '{"detail": "Wrong password"}',
            evidence=[
                _exchange("probe", "POST", "/api-token-auth/",
                          {"Content-Type": "application/json"}, 400,
                          {"Content-Type": "application/json"},
                          '{"detail": "Unknown user <b>naïve</b> – ユーザー"}',
                          request_body='{"username": "nobody", "password": "[REDACTED]"}'),
            ],
        ),
        _result(
            "DRFC-1001", "passed", "POST /api/logout/",
            family="revocation", title="Logout invalidates the token", severity="high",
            cwe="CWE-613", remediation="Delete the token in the logout view (knox LogoutView does).",
            references=["OWASP ASVS 5.0 V7.4.1"],
            expected="401 after logout", actual="401 after logout",
        ),
        _result(
            "DRFC-1101", "failed", f"GET /search/?q={HOSTILE_SCRIPT}",
            detail="Server: WSGIServer/0.2 CPython/3.11.7",
            expected="no version in Server", actual="Server: WSGIServer/0.2 CPython/3.11.7",
            evidence=[
                _exchange("probe", "GET", f"/search/?q={HOSTILE_SCRIPT}", {}, 200,
                          {"Server": "WSGIServer/0.2 CPython/3.11.7"}, "`|` ok"),
            ],
        ),
    ]


def summarize(results) -> dict:
    summary = {"passed": 0, "failed": 0, "skipped": 0, "error": 0}
    for result in results:
        summary[result["outcome"]] += 1
    return summary


def build_report() -> dict:
    """The realistic report dict every writer test starts from (a fresh copy each call)."""
    results = _results()
    endpoints = sorted(
        {"GET /polls/api/questions/", "POST /polls/api/questions/", "GET /polls/api/choices/",
         "POST /api-token-auth/", "POST /api/logout/", "GET /", f"GET /search/?q={HOSTILE_SCRIPT}"}
    )
    return {
        "schema_version": 1,
        "tool": {"name": "drf-conformance", "version": "0.1.0"},
        "target": {"mode": "in-process", "url": TARGET_URL, "settings": "target_project.settings"},
        "started_at": "2026-01-01T00:00:00Z",
        "duration_s": 12.34,
        "summary": summarize(results),
        "fail_on": "low",
        "exit_code": 1,
        "warnings": ["MAX_TOKEN_AGE (90d) is longer than the recommended 30d"],
        "expectations": {
            "MAX_TOKEN_AGE": {"value": "90d", "source": "settings.CONFORMANCE"},
            "HTTPS_REQUIRED": {"value": True, "source": "default"},
            "PUBLIC_PATHS": {"value": ["/", "/api-token-auth/"], "source": "--config conformance.toml"},
        },
        "endpoints": endpoints,
        "checks": copy.deepcopy(CHECKS),
        "results": results,
    }


def build_passing_report() -> dict:
    """The same run after every failure and error was fixed: exit code 0."""
    report = build_report()
    report["results"] = [r for r in report["results"] if r["outcome"] in ("passed", "skipped")]
    report["summary"] = summarize(report["results"])
    report["exit_code"] = 0
    report["warnings"] = []
    return report


def build_large_report(count: int = 10_000) -> dict:
    """``count`` results over many endpoints, for the writers' no-quadratic-work tests."""
    report = build_report()
    templates = report["results"]
    results = []
    for index in range(count):
        result = copy.deepcopy(templates[index % len(templates)])
        method, _, path = result["endpoint"].partition(" ")
        result["endpoint"] = f"{method} /bulk/{index // 50}{path}"
        result["parameters"] = dict(result["parameters"], index=index)
        results.append(result)
    report["results"] = results
    report["endpoints"] = sorted({r["endpoint"] for r in results})
    report["summary"] = summarize(results)
    return report


@pytest.fixture
def report() -> dict:
    return build_report()


@pytest.fixture
def passing_report() -> dict:
    return build_passing_report()


@pytest.fixture(scope="session")
def large_report() -> dict:
    """Shared between tests: treat as read-only."""
    return build_large_report()


@pytest.fixture
def golden():
    """Compare text with ``golden/<name>``; ``UPDATE_GOLDEN=1`` rewrites the file instead."""

    def check(name: str, text: str) -> None:
        path = GOLDEN_DIR / name
        if os.environ.get("UPDATE_GOLDEN") == "1":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            return
        assert path.exists(), f"{path} is missing; run with UPDATE_GOLDEN=1 to create it"
        expected = path.read_text(encoding="utf-8")
        if text != expected:
            diff = "".join(
                difflib.unified_diff(
                    expected.splitlines(keepends=True), text.splitlines(keepends=True),
                    fromfile=f"golden/{name}", tofile="rendered", n=2,
                )
            )
            pytest.fail(
                f"{name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it):\n{diff[:6000]}"
            )

    return check
