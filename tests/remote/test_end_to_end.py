"""Remote mode end to end: gunicorn over TLS on loopback, provisioned, audited with --target-url.

The in-process audit of the same settings is the reference: every check that both modes run (not
skipped in either) must end with the same outcome, for the reference deployment and for a flawed
variant. The remote run is read-only, so checks on unsafe methods are skipped, and say why.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import REPO
from tests.served import openapi_document, remote_audit  # noqa: F401 (also imported from here)

FLAWED_VARIANT = "target_project.variants.leaky_refusal"


@pytest.fixture(scope="module")
def in_process_audits(shared_audit):
    """The in-process audits to compare with, started at once in the background: they take the
    longest, and run while the deployments are provisioned, served and audited remotely. Each is
    the test run's shared audit of those settings (the reference's is tests/e2e/test_audit.py's
    default audit, the variant's tests/reports/test_audit_reports.py's), run once."""
    executor = ThreadPoolExecutor(max_workers=2)
    audits = {"target_project.settings": executor.submit(shared_audit, elsewhere=True),
              FLAWED_VARIANT: executor.submit(shared_audit, "--ds", FLAWED_VARIANT)}

    def finished(settings: str):
        run = audits[settings].result()
        assert (run.report_dir / "report.json").is_file(), run.stdout[-2000:] + run.stderr[-2000:]
        return run

    yield {settings: (lambda settings=settings: finished(settings)) for settings in audits}
    executor.shutdown(wait=True)


def results_by_key(report: dict) -> dict[tuple, dict]:
    return {(r["check_id"], r["endpoint"], json.dumps(r["parameters"], sort_keys=True)): r for r in report["results"]}


ENDPOINTS = """\
# The polls API of target_project, as an auditor would list it by hand.
POST /accounts/get_auth_token/
POST /accounts/logout/
GET    /polls/api/questions/
POST   /polls/api/questions/
GET    /polls/api/questions/{id}/
PUT    /polls/api/questions/{id}/
PATCH  /polls/api/questions/{id}/
DELETE /polls/api/questions/{id}/
GET    /polls/api/questions/{id}/choices/
POST   /polls/api/questions/{id}/choices/
"""


def endpoints_file(deployment) -> str:
    path = deployment.directory / "endpoints.txt"
    path.write_text(ENDPOINTS, encoding="utf-8")
    return str(path)


def assert_same_outcomes(in_process: dict, remote: dict) -> int:
    local, far = results_by_key(in_process), results_by_key(remote)
    compared, differences = 0, []
    for key, result in far.items():
        if key not in local or "skipped" in (result["outcome"], local[key]["outcome"]):
            continue
        compared += 1
        if result["outcome"] != local[key]["outcome"]:
            differences.append(f"{key}: in-process {local[key]['outcome']}, remote {result['outcome']} "
                               f"({result['detail'][:200]})")
    assert not differences, "\n".join(differences[:20])
    return compared


def assert_skips_say_why(report: dict) -> None:
    for result in report["results"]:
        if result["outcome"] == "skipped":
            assert result["detail"], result
    # Remote mode's skips say what the user can do: no "does not accept" for a scheme that was
    # merely not supplied, no "disposable" credential named as a role to supply.
    vague = [r["detail"] for r in report["results"] if r["outcome"] == "skipped"
             and ("does not accept" in r["detail"] or "disposable" in r["detail"])]
    assert not vague, vague[:3]
    read_only = [r for r in report["results"] if r["detail"].startswith("read-only mode:")]
    assert read_only, "no check was skipped for read-only mode, though the API has unsafe methods"
    assert all(r["endpoint"].split()[0] in ("POST", "PUT", "PATCH", "DELETE") for r in read_only)


def session_results(report: dict) -> list[dict]:
    """The results of the cases that present a session cookie (session.* roles, or a throwaway
    session from SESSION_LOGIN_PATH where the endpoint consumes it)."""
    return [r for r in report["results"]
            if (r["check_id"] in ("DRFC-401", "DRFC-1001") and r["parameters"] == {})
            or r["parameters"].get("credential") == "session cookie value" or r["family"] == "csrf"]


def test_reference_deployment_gives_the_in_process_outcomes(in_process_audits, served_deployment, served_audit):
    deployment = served_deployment("target_project.settings")
    remote = served_audit("target_project.settings")
    in_process = in_process_audits["target_project.settings"]()
    assert remote.exit_code == 0, remote.stdout[-3000:] + remote.stderr[-2000:]
    report = remote.report
    assert report["target"]["mode"] == "remote" and report["summary"]["error"] == 0
    assert report["target"]["credential_roles"]["token.active"] == "file"
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(report, json.loads((REPO / "docs" / "report.schema.json").read_text(encoding="utf-8")))
    assert report["summary"]["failed"] == 0
    compared = assert_same_outcomes(in_process.report, report)
    assert compared >= 100, f"only {compared} results were run by both modes"
    assert_skips_say_why(report)
    # The session roles conformance_provision wrote: the session scheme is audited too, and its
    # cases agree with the in-process ones (compared above with every other result).
    assert report["target"]["credential_roles"]["session.active"] == "file" and "session" in report["target"]["schemes"]
    ran = [r for r in session_results(report) if r["outcome"] != "skipped"]
    assert {r["check_id"] for r in ran} == {"DRFC-401", "DRFC-1001", "DRFC-501", "DRFC-801", "DRFC-802"}, ran
    local = results_by_key(in_process.report)
    assert all(local[key]["outcome"] == "passed" for key in results_by_key({"results": ran})), ran
    # DRFC-304 sends the session.expired role, opened back-dated by conformance_provision.
    aged = [r for r in report["results"] if r["check_id"] == "DRFC-304" and r["outcome"] != "skipped"]
    assert aged and all(r["outcome"] == "passed" for r in aged), aged
    # Every credential came from the file; none of them may reach any report.
    secrets = [v for group in json.loads(deployment.credentials.read_text()).values() for v in group.values()
               if len(v) >= 8 and not v.startswith("drf-conformance-provisioned")]
    for written in remote.report_dir.iterdir():
        text = written.read_text(encoding="utf-8", errors="replace")
        assert not [s for s in secrets if s in text], written.name


def test_flawed_variant_is_caught_the_same_way(in_process_audits, served_deployment, tmp_path):
    deployment = served_deployment(FLAWED_VARIANT)
    remote = remote_audit(deployment, tmp_path / "remote", "--endpoints", endpoints_file(deployment))
    in_process = in_process_audits[FLAWED_VARIANT]()
    assert remote.exit_code == 1, remote.stdout[-3000:] + remote.stderr[-2000:]
    assert remote.outcomes("failed") == in_process.outcomes("failed") != set()
    assert_same_outcomes(in_process.report, remote.report)


@pytest.mark.parametrize("unsafe", [False, True], ids=["read-only", "allow-unsafe-methods"])
def test_unsafe_methods_are_sent_only_when_allowed(served_deployment, tmp_path, unsafe):
    deployment = served_deployment("target_project.settings")
    endpoints = tmp_path / "endpoints.txt"
    endpoints.write_text("POST /polls/api/questions/\n", encoding="utf-8")
    remote = remote_audit(deployment, tmp_path / "r", "--endpoints", str(endpoints),
                          extra=("-k", "DRFC-101 or test_anonymous_request_is_refused",
                                 *(["--allow-unsafe-methods"] if unsafe else [])))
    results = [r for r in remote.report["results"] if r["check_id"] == "DRFC-101"]
    assert results, remote.stdout[-2000:]
    outcomes = {r["outcome"] for r in results}
    assert outcomes == ({"passed"} if unsafe else {"skipped"}), results
