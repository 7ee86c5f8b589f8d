"""tests/projects/snippets: the DRF tutorial's read-only public list and a login that rotates the
token on every login (issue 13).

``"SAFE /snippets/*"`` in PUBLIC_PATHS keeps the write checks and adds the transport checks to the
public reads; the audit's own logins use a user of their own (in-process) or run last (remote), so
the rotating login never revokes the ``token.active`` the other checks use.
"""

import json

import pytest

from tests.conftest import run_audit
from tests.projects.conftest import PROJECTS

SNIPPETS = PROJECTS / "snippets"


@pytest.fixture(scope="module")
def snippets_audit(tmp_path_factory):
    return run_audit(["--ds", "snippets_site.settings", "--keep-all-evidence"], tmp_path_factory.mktemp("snippets") / "reports", cwd=SNIPPETS)


def results(report, check_id=None, endpoint=None):
    return [r for r in report["results"] if (check_id is None or r["check_id"] == check_id)
            and (endpoint is None or r["endpoint"] == endpoint)]


def test_the_snippets_api_audits_to_a_pass_in_process(snippets_audit):
    assert snippets_audit.exit_code == 0, snippets_audit.stdout[-3000:] + snippets_audit.stderr[-2000:]
    summary = snippets_audit.report["summary"]
    assert summary["error"] == 0 and summary["failed"] == 0


def test_public_reads_keep_write_checks_and_get_transport_checks(snippets_audit):
    report = snippets_audit.report
    anonymous = {r["endpoint"] for r in results(report, "DRFC-101")}
    assert anonymous == {"POST /snippets/", "PUT /snippets/1/", "PATCH /snippets/1/", "DELETE /snippets/1/"}
    for endpoint in ("GET /snippets/", "GET /snippets/1/"):  # public, yet HSTS and plain HTTP are judged
        assert {r["outcome"] for r in results(report, "DRFC-704", endpoint)} == {"passed"}
        assert {r["outcome"] for r in results(report, "DRFC-701", endpoint)} == {"passed"}


def test_the_rotating_login_does_not_poison_the_shared_token(snippets_audit):
    report = snippets_audit.report
    # Every check that sends token.active after the logins still passed (no false DRFC-502, no error).
    assert {r["outcome"] for r in report["results"] if r["parameters"].get("scheme") == "Token"} <= {"passed", "skipped"}
    logins = [e["request"]["body"] for r in results(report) if r["family"] == "token-endpoint"
              for e in r["evidence"] if e["request"]["url"].endswith("/api-token-auth/")]
    assert logins and not any("conformance-active" in str(body) for body in logins)


def test_the_snippets_api_audits_remotely(serve_project, tmp_path):
    """Remotely the login checks log in as users of their own (roles login_password and
    expired_password, conformance_provision), never as the owner of token.active, which the
    rotating login would revoke: under pytest-xdist too, whatever order the workers take."""
    served = serve_project("snippets", ("snippets_sample",))
    assert set(json.loads(served.credentials.read_text())) >= {"token", "session", "password"}
    config = tmp_path / "conformance.toml"
    config.write_text('PUBLIC_PATHS = ["SAFE /snippets/*"]\nTOKEN_LOGIN_PATH = "/api-token-auth/"\n'
                      'SESSION_LOGIN_PATH = "/api-auth/login/"\nMAX_TOKEN_AGE = "8h"\n', encoding="utf-8")
    endpoints = tmp_path / "endpoints.txt"
    endpoints.write_text("GET /snippets/\nGET /snippets/1/\nPOST /snippets/\nPOST /api-token-auth/\n", encoding="utf-8")
    # Two workers (issue 12): the logins use users of their own, so no order is needed.
    run = served.audit(tmp_path / "reports", "--config", str(config), "--endpoints", str(endpoints), "-n", "2")
    assert run.exit_code == 0, run.stdout[-4000:] + run.stderr[-2000:]
    report = run.report
    assert report["summary"]["error"] == 0 and report["summary"]["failed"] == 0
    assert {r["endpoint"] for r in results(report, "DRFC-101")} == {"POST /snippets/"}
    assert {r["outcome"] for r in results(report, "DRFC-704", "GET /snippets/")} == {"passed"}
    logins = [str(e["request"]["body"]) for r in results(report) for e in r["evidence"]
              if e["request"]["url"].endswith("/api-token-auth/")]
    assert logins and not [body for body in logins if "[REDACTED password.username]" in body], logins
