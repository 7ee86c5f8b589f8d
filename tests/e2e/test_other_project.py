"""``--ds`` audits a Django project that is not target_project (tests/other_project/)."""

import json

import pytest

from tests.conftest import REPO, run_audit
from tests.projects.conftest import serve_project  # noqa: F401 (a fixture)

OTHER_PROJECT = REPO / "tests" / "other_project"


@pytest.fixture(scope="module")
def other_audit(tmp_path_factory):
    # Run from the project's directory, as a user would: `--ds inventory_site.settings` imports from there.
    # --fail-on medium: RFC conformance notes (low) about its Bearer-keyword tokens are fair findings.
    return run_audit(["--ds", "inventory_site.settings", "--fail-on", "medium"], tmp_path_factory.mktemp("other") / "reports",
                     cwd=OTHER_PROJECT)


def test_the_other_project_is_audited_without_failures_or_errors(other_audit):
    assert other_audit.exit_code == 0, other_audit.stdout[-3000:] + other_audit.stderr[-2000:]
    assert other_audit.report["target"]["settings"] == "inventory_site.settings"
    assert other_audit.report["summary"]["error"] == 0
    foundation = [r for r in other_audit.report["results"]
                  if r["family"] in ("missing-credentials", "malformed-credentials")]
    assert foundation and all(r["outcome"] == "passed" for r in foundation)


def test_router_regex_and_per_view_routes_are_discovered_with_real_placeholders(other_audit):
    endpoints = set(other_audit.report["endpoints"])
    assert {"GET /api/v2/items/", "GET /api/v2/items/1/", "POST /api/v2/items/1/restock/",
            "GET /api/v2/stock/AAA-1111/"} <= endpoints
    assert not any(e.endswith((".1", "/1")) and "items" not in e for e in endpoints), endpoints
    assert not any("health" in e for e in other_audit.report["results"]), "a public path was audited"


def test_the_projects_own_schemes_are_used(other_audit):
    parameters = {r.get("parameters", {}).get("scheme") for r in other_audit.report["results"]}
    assert {"Basic", "Bearer"} <= parameters
    assert "Token" not in parameters  # the project's token keyword is Bearer


def test_a_view_with_its_own_authentication_classes_gets_only_its_scheme(other_audit):
    stock = {r["parameters"].get("scheme") for r in other_audit.report["results"]
             if r["endpoint"] == "GET /api/v2/stock/AAA-1111/" and r["family"] == "malformed-credentials"}
    assert stock == {"Bearer"}


def test_tokens_without_a_login_endpoint_are_still_aged_under_frozen_time(other_audit):
    """No token login here: the suite issues the token through the ORM at the frozen instant."""
    outcomes = {(r["check_id"], r["outcome"]) for r in other_audit.report["results"]
                if r["family"] == "expired-token" and r["parameters"].get("scheme") == "Bearer"}
    assert {("DRFC-301", "passed"), ("DRFC-302", "passed"), ("DRFC-303", "passed")} <= outcomes
    assert not {o for _, o in outcomes} & {"failed", "error"}


# Remotely (issue 12: both test projects clean in both modes): served by gunicorn over TLS,
# provisioned by conformance_provision, described by the OpenAPI document drf-spectacular would
# write (per-operation security: the stock view takes Bearer tokens only).
OPENAPI = {
    "openapi": "3.0.3", "info": {"title": "inventory", "version": "1"},
    "components": {"securitySchemes": {"basicAuth": {"type": "http", "scheme": "basic"},
                                       "bearerAuth": {"type": "http", "scheme": "bearer"}}},
    "security": [{"basicAuth": []}, {"bearerAuth": []}],
    "paths": {
        "/api/v2/items/": {"get": {}, "post": {}},
        "/api/v2/items/{id}/": {"get": {}, "put": {}, "patch": {}, "delete": {}},
        "/api/v2/items/{id}/restock/": {"post": {}},
        "/api/v2/stock/{sku}/": {"get": {"security": [{"bearerAuth": []}], "parameters": [
            {"name": "sku", "in": "path", "required": True, "schema": {"type": "string", "example": "AAA-1111"}}]}},
    },
}


@pytest.fixture(scope="module")
def other_remote_audit(serve_project, tmp_path_factory):
    served = serve_project("inventory", ("inventory_sample",), OTHER_PROJECT)
    directory = tmp_path_factory.mktemp("other-remote")
    # The project's DRF tokens go under the Bearer word: a black box cannot tell them from OAuth2
    # tokens, so they are supplied as the bearer roles (docs/remote-mode.md).
    provisioned = json.loads(served.credentials.read_text(encoding="utf-8"))
    credentials = directory / "creds.json"
    credentials.write_text(json.dumps({"bearer": provisioned["token"], **{group: values for group, values in provisioned.items()
                                                                         if group.endswith("password")}}), encoding="utf-8")
    (directory / "openapi.json").write_text(json.dumps(OPENAPI), encoding="utf-8")
    (directory / "conformance.toml").write_text('PUBLIC_PATHS = ["/health/"]\n', encoding="utf-8")
    served.credentials = credentials
    return served.audit(directory / "reports", "--openapi", str(directory / "openapi.json"),
                        "--config", str(directory / "conformance.toml"), "--allow-unsafe-methods", "--fail-on", "medium")


def test_the_other_project_is_clean_remotely(other_remote_audit):
    assert other_remote_audit.exit_code == 0, other_remote_audit.stdout[-4000:] + other_remote_audit.stderr[-2000:]
    report = other_remote_audit.report
    assert report["summary"]["error"] == 0
    skips = [r["detail"] for r in report["results"] if r["outcome"] == "skipped"]
    assert all(skips), "a skip without its reason"
    # The document says which schemes each operation takes: supplying a role would change nothing.
    assert not [d for d in skips if "supply role session.active" in d], "a skip asks for a role the document excludes"
    schemes = {r["parameters"].get("scheme") for r in report["results"] if r["outcome"] == "passed"}
    assert {"Basic", "Bearer"} <= schemes
    stock = {r["parameters"].get("scheme") for r in report["results"] if r["endpoint"] == "GET /api/v2/stock/AAA-1111/"}
    assert stock - {None} == {"Bearer"}


def test_both_modes_find_the_same_thing(other_audit, other_remote_audit):
    """The one low finding in-process (a Bearer challenge without error="invalid_token", RFC 6750
    section 3.1, on the Bearer-only view) is the one finding remotely: nothing more, nothing less."""
    def failed(run):
        return {(r["check_id"], r["endpoint"]) for r in run.report["results"] if r["outcome"] == "failed"}

    assert failed(other_remote_audit) == failed(other_audit) == {("DRFC-504", "GET /api/v2/stock/AAA-1111/")}
