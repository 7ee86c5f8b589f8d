"""Grouping failed and error results into findings: one per check and cause (issue 17)."""

from __future__ import annotations

from conformance.findings import WHOLE_DEPLOYMENT, by_result, group, where


def _result(check_id="DRFC-301", endpoint="GET /a/", outcome="failed", detail="", actual="HTTP 200", **extra):
    return {"check_id": check_id, "family": "expired-token", "title": "t", "severity": "high", "outcome": outcome,
            "endpoint": endpoint, "detail": detail, "cwe": "CWE-613", "remediation": "fix it",
            "parameters": extra.pop("parameters", {"scheme": "Token"}), "expected": "401", "actual": actual,
            "evidence": extra.pop("evidence", []), **extra}


def _report(results, **extra):
    return {"target": {"mode": "remote", "url": "https://h"}, "results": results, **extra}


def test_one_cause_on_many_endpoints_and_statuses_is_one_finding():
    results = [_result(endpoint=f"{method} /t/{n}/", actual=f"HTTP {status}",
                       detail=f"accepted +30 d 1 s after issue (valid credentials get HTTP {status})")
               for n, (method, status) in enumerate([("GET", 200), ("DELETE", 204), ("POST", 400)])]
    results.append(_result(endpoint="GET /t/9/", parameters={"scheme": "Bearer"},
                           detail="accepted +30 d 1 s after issue (valid credentials get HTTP 200)"))
    findings = group(_report(results))
    assert len(findings) == 1
    finding = findings[0]
    assert finding["schemes"] == ["Bearer", "Token"] and len(finding["endpoints"]) == 4
    assert sorted(finding["results"]) == [0, 1, 2, 3]
    assert finding["id"].startswith("DRFC-301/")


def test_different_causes_outcomes_and_acceptance_stay_apart():
    results = [
        _result(detail="the authentication path raised instead of refusing"),
        _result(endpoint="GET /b/", detail="the malformed credential got the answer valid credentials get"),
        _result(endpoint="GET /c/", outcome="error", detail="positive control failed"),
        _result(endpoint="GET /d/", detail="the authentication path raised instead of refusing", accepted="known"),
        _result(endpoint="GET /e/", outcome="passed"),
    ]
    findings = group(_report(results))
    assert len(findings) == 4
    assert findings[-1]["accepted"] == "known"  # accepted last
    assert {f["outcome"] for f in findings} == {"failed", "error"}
    assert sorted(by_result(findings)) == [0, 1, 2, 3]  # passes are in no finding


def test_findings_are_worst_first():
    results = [_result(check_id="DRFC-1101", severity="info", endpoint="GET /x/"),
               _result(check_id="DRFC-101", severity="critical", endpoint="GET /y/")]
    assert [f["check_id"] for f in group(_report(results))] == ["DRFC-101", "DRFC-1101"]


def test_deployment_wide_results_are_listed_where_they_belong():
    auth = {"TOKEN_LOGIN_PATH": {"path": "/api/token/", "source": "declared"},
            "OAUTH2_TOKEN_PATH": {"path": None, "source": "unknown"}}
    assert where(_result(endpoint="", parameters={"login": "token"}), auth) == "POST /api/token/"
    assert where(_result(endpoint="", parameters={"endpoint_key": "TOKEN_LOGIN_PATH"}), auth) == "POST /api/token/"
    assert where(_result(endpoint="", parameters={"login": "bearer"}), auth) == WHOLE_DEPLOYMENT
    assert where(_result(endpoint="", parameters={}), auth) == WHOLE_DEPLOYMENT
    assert where(_result(endpoint="GET /a/"), auth) == "GET /a/"
    finding = group(_report([_result(endpoint="", parameters={"login": "token"})], auth_endpoints=auth))[0]
    assert finding["endpoints"] == ["POST /api/token/"]


def test_finding_ids_are_unique_and_stable():
    results = [_result(detail="same"), _result(endpoint="GET /b/", outcome="error", detail="same"),
               _result(endpoint="GET /c/", detail="same", accepted="known")]
    first, second = group(_report(results)), group(_report(list(reversed(results))))
    assert len({f["id"] for f in first}) == 3
    assert sorted(f["id"] for f in first) == sorted(f["id"] for f in second)
