"""One origin (contract section 6, issue 11): no input steers a request, or a secret, elsewhere.

A second loopback origin logs every connection that reaches it; each test asserts it saw none,
whatever the endpoints file, the served OpenAPI document, ``--config`` or a redirect says. The
target is a real loopback API that accepts one token (``servers.counting``).
"""

from __future__ import annotations

import json

import pytest

from conformance.egress import EgressRefused
from conformance.http import ConformanceClient
from tests.hostile import servers

TOKEN = "egress-canary-token-7f3a9c1e"
ENV = {"CONFORMANCE_TOKEN_ACTIVE": TOKEN}


@pytest.fixture
def other():
    with servers.second_origin() as server:
        yield server


@pytest.fixture
def target():
    with servers.counting(TOKEN) as server:
        yield server


def endpoints_file(tmp_path, *lines: str):
    path = tmp_path / "endpoints.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def output(run) -> str:
    return run.stdout + run.stderr


def test_an_endpoints_line_naming_another_origin_is_a_usage_error(audit, tmp_path, target, other):
    path = endpoints_file(tmp_path, "GET /api/items/", f"GET /{other.url}/x/")
    run = audit("--target-url", target.url, "--endpoints", str(path), env=ENV)
    assert run.exit_code == 2, output(run)[-2000:]
    assert "line 2: the path is an absolute URL" in output(run)
    assert other.untouched, other.requests  # the token never went there
    assert not target.requests  # a usage error: nothing was sent at all
    assert TOKEN not in output(run)


@pytest.mark.parametrize("line", ["GET /../../admin/", "GET /%2e%2e/%2E%2E/admin/", "GET /..%5c..%5cadmin/",
                                  "GET /%252e%252e/admin/", "GET //elsewhere.invalid/x/"])
def test_an_endpoints_line_escaping_the_base_path_is_a_usage_error(audit, tmp_path, target, line):
    path = endpoints_file(tmp_path, "# the target is /api/", line)
    run = audit("--target-url", f"{target.url}/api/", "--endpoints", str(path), env=ENV)
    assert run.exit_code == 2, output(run)[-2000:]
    assert "line 2: the path" in output(run)
    assert not target.requests


def schema_serving(document: dict):
    """The target serves ``document`` at /api/schema/ (whoever deploys to staging can edit it)."""
    body = json.dumps(document).encode()

    def respond(handler, server):
        if handler.path == "/api/schema/":
            servers.answer(handler, 200, body, {"Content-Type": "application/json"})
        elif handler.headers.get("Authorization") == f"Token {TOKEN}":
            servers.answer(handler, 200, b"{}", {"Content-Type": "application/json"})
        else:
            servers.answer(handler, 401, b"{}", {"WWW-Authenticate": "Token"})

    return servers.serve(respond)


def test_a_served_schema_whose_path_example_is_another_origin_is_a_usage_error(audit, other):
    document = {"openapi": "3.0.3", "paths": {
        "/api/items/": {"get": {}},
        "/{item}/": {"get": {"parameters": [
            {"name": "item", "in": "path", "required": True, "schema": {"type": "string"},
             "example": f"{other.url}/collect"}]}},
    }}
    with schema_serving(document) as target:
        run = audit("--target-url", target.url, "--openapi", f"{target.url}/api/schema/", env=ENV)
    assert run.exit_code == 2, output(run)[-2000:]
    assert "#/paths/~1{item}~1/get/parameters/0" in output(run)
    assert "is an absolute URL" in output(run)
    assert other.untouched, other.requests
    assert [r.path for r in target.requests] == ["/api/schema/"]


def test_an_openapi_url_on_another_origin_is_refused_before_fetching(audit, target, other):
    run = audit("--target-url", target.url, "--openapi", f"{other.url}/schema/", env=ENV)
    assert run.exit_code == 2, output(run)[-2000:]
    assert "download it and pass the file" in output(run)
    assert other.untouched


def test_a_declared_auth_path_off_the_target_is_a_usage_error(audit, tmp_path, target, other):
    config = tmp_path / "conformance.toml"
    config.write_text(f'TOKEN_LOGIN_PATH = "/{other.url}/login/"\n', encoding="utf-8")
    path = endpoints_file(tmp_path, "GET /api/items/")
    run = audit("--target-url", target.url, "--endpoints", str(path), "--config", str(config), env=ENV)
    assert run.exit_code == 2, output(run)[-2000:]
    assert "TOKEN_LOGIN_PATH" in output(run) and "absolute URL" in output(run)
    assert other.untouched


def test_userinfo_in_the_target_url_is_refused_without_echoing_the_password(audit, tmp_path, target):
    path = endpoints_file(tmp_path, "GET /api/items/")
    run = audit("--target-url", f"http://alice:Pa55-w0rd-xyz@127.0.0.1:{target.port}/", "--endpoints", str(path))
    assert run.exit_code == 2, output(run)[-2000:]
    lines = [line for line in output(run).splitlines() if "user information" in line]
    assert len(lines) == 1 and "--credentials" in lines[0]
    assert "Pa55-w0rd-xyz" not in output(run)
    assert not target.requests  # requests would have sent it as Basic auth on "anonymous" probes


@pytest.mark.parametrize("path", [
    "{other}/x/",  # absolute URL: urljoin would follow it
    "/../../x/",
    "%2e%2e/%2e%2e/x/",
    "..%2f..%2fx/",
    "..\\..\\x/",
])
def test_the_client_refuses_before_opening_a_socket(target, other, path):
    client = ConformanceClient(f"{target.url}/api/v1/")
    with pytest.raises(EgressRefused, match="not sent"):
        client.request("GET", path.format(other=other.url), headers={"Authorization": f"Token {TOKEN}"})
    assert other.untouched and target.connections == 0
    assert client.gate.refused  # kept for the run's account


def test_only_the_declared_plain_http_origin_is_allowed_besides_the_target(target, other):
    with servers.counting(TOKEN) as plain:
        client = ConformanceClient(f"{target.url}/api/", plain_http_url=f"{plain.url}/api/")
        assert client.request("GET", "items/", base=f"{plain.url}/api/").status == 401
        with pytest.raises(EgressRefused, match="another origin"):
            client.request("GET", "items/", base=f"{other.url}/api/")
        with pytest.raises(EgressRefused, match="outside the base path"):
            client.request("GET", "/admin/", base=f"{plain.url}/")
    assert other.untouched and [r.path for r in plain.requests] == ["/api/items/"]


def test_a_redirect_to_another_origin_is_never_followed(audit, tmp_path, other):
    """A guard of existing behaviour: a redirect is judged, never followed with the credentials."""
    path = endpoints_file(tmp_path, "GET /api/items/")
    with servers.redirecting(f"{other.url}/collect/") as target:
        run = audit("--target-url", target.url, "--endpoints", str(path), env=ENV)
    assert run.exit_code in (0, 1, 4), output(run)[-2000:]
    assert target.requests and other.untouched


def test_a_refusal_during_the_run_is_also_a_run_warning(target, other):
    """Among hundreds of results, one check's error would hide that the target tried to steer the
    suite away: the run says it once, in every report's warnings."""
    from conformance.egress import egress_warnings
    from conformance.results import Result

    client = ConformanceClient(f"{target.url}/api/v1/")
    with pytest.raises(EgressRefused) as refused:
        client.request("GET", f"{other.url}/collect/")

    def result(outcome, detail):
        return Result(check_id="DRFC-101", family="missing-credentials", title="t", severity="high",
                      outcome=outcome, endpoint="GET /api/v1/x/", detail=detail, cwe="CWE-306", remediation="r")

    results = [result("passed", ""), result("error", f"EgressRefused: {refused.value}"),
               result("error", "TargetUnreachable: timed out")]
    (warning,) = egress_warnings(results)
    assert warning.startswith("1 request(s) were not sent") and "DRFC-101" in warning and other.url in warning
    assert egress_warnings(results[::2]) == []
