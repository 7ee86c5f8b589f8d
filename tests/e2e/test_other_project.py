"""``--ds`` audits a Django project that is not target_project (tests/other_project/)."""

import pytest

from tests.conftest import REPO, run_audit

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
