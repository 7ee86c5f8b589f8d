"""Remote mode when something is wrong: exit code 2 or 3 and one line that says what, no traceback.

Only loopback is used: a port nobody listens on, and the served gunicorn deployment presented
without its CA (so certificate verification fails, as it would for a wrong or self-signed cert).
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO
from tests.remote.conftest import free_port


def only_line(run, *fragments: str) -> str:
    output = run.stdout + run.stderr
    assert "Traceback" not in output, output[-3000:]
    lines = [line for line in output.splitlines() if all(f in line for f in fragments)]
    assert lines, output[-3000:]
    return lines[0]


@pytest.fixture
def endpoints(tmp_path):
    path = tmp_path / "endpoints.txt"
    path.write_text("# the one endpoint these tests need\nGET /polls/api/questions/\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("args, says", [
    (["--target-url", "https://127.0.0.1:1"], "pass --openapi URL-or-FILE, --endpoints FILE, or both"),
    (["--target-url", "ftp://127.0.0.1/", "--endpoints", "{endpoints}"], "give an http:// or https:// URL"),
    (["--target-url", "https://127.0.0.1:1", "--endpoints", "{missing}"], "no such file"),
    (["--endpoints", "{endpoints}"], "is for remote mode"),
], ids=["no-discovery", "bad-url", "missing-endpoints-file", "endpoints-without-target"])
def test_wrong_options_are_one_line_and_exit_2(audit, endpoints, tmp_path, args, says):
    args = [a.format(endpoints=endpoints, missing=tmp_path / "nope.txt") for a in args]
    run = audit(*args)
    assert run.exit_code == 2, run.stdout[-2000:] + run.stderr[-2000:]
    only_line(run, says)


@pytest.mark.parametrize("content, says", [
    (b"\xff\xfe not text", "not UTF-8 text"),
    (b'{"token": {"active": ', "not valid JSON"),
    (b"token = [", "neither JSON nor valid TOML"),
    (b'{"token": {"activ": "k3y-value-123"}}', "unknown role 'token.activ'"),
    (b'{"password": {"username": "alice"}}', "password has username but no password"),
], ids=["binary", "broken-json", "broken-toml", "unknown-role", "half-a-pair"])
def test_unusable_credentials_file_is_one_line_and_exit_2(audit, endpoints, tmp_path, content, says):
    credentials = tmp_path / "creds"
    credentials.write_bytes(content)
    run = audit("--target-url", f"https://127.0.0.1:{free_port()}", "--endpoints", endpoints,
                "--credentials", str(credentials))
    assert run.exit_code == 2, run.stdout[-2000:] + run.stderr[-2000:]
    only_line(run, says)


def test_bad_endpoints_line_names_the_line(audit, tmp_path):
    path = tmp_path / "endpoints.txt"
    path.write_text("GET /ok/\nFETCH /nope/\n", encoding="utf-8")
    run = audit("--target-url", "https://127.0.0.1:1", "--endpoints", str(path))
    assert run.exit_code == 2
    only_line(run, "line 2", "expected 'METHOD /path'")


def test_refused_port_exits_3_naming_host_port_and_cause(audit, endpoints):
    port = free_port()  # nobody listens there once the probe socket is closed
    run = audit("--target-url", f"https://127.0.0.1:{port}", "--endpoints", endpoints)
    assert run.exit_code == 3, run.stdout[-2000:] + run.stderr[-2000:]
    only_line(run, f"127.0.0.1:{port}", "connection refused")
    report = run.report  # written with what was learned
    assert f"127.0.0.1:{port}" in report["fatal"] and report["target"]["mode"] == "remote"


def test_tls_failure_exits_3_naming_the_cause(audit, served_deployment, endpoints):
    deployment = served_deployment("target_project.settings")
    run = audit("--target-url", deployment.url, "--endpoints", endpoints)  # no --ca-bundle
    assert run.exit_code == 3, run.stdout[-2000:] + run.stderr[-2000:]
    only_line(run, f"127.0.0.1:{deployment.port}", "TLS certificate verification failed")


def test_insecure_is_printed_and_reported(audit, served_deployment, endpoints):
    deployment = served_deployment("target_project.settings")
    run = audit("--target-url", deployment.url, "--endpoints", endpoints, "--insecure",
                "--credentials", str(deployment.credentials), "-k", "test_anonymous_request_is_refused")
    assert run.exit_code == 0, run.stdout[-2000:] + run.stderr[-2000:]
    only_line(run, "--insecure")
    assert any("--insecure" in warning for warning in run.report["warnings"])
    assert run.outcomes("passed") == {"DRFC-101"}


def test_missing_role_skips_naming_the_role(audit, served_deployment, endpoints):
    deployment = served_deployment("target_project.settings")
    run = audit("--target-url", deployment.url, "--endpoints", endpoints, "--ca-bundle", str(deployment.ca_bundle),
                "-k", "test_anonymous_request_is_refused")
    assert run.exit_code == 0, run.stdout[-2000:] + run.stderr[-2000:]
    [result] = run.report["results"]
    assert result["outcome"] == "skipped"
    assert "token.active" in result["detail"] and "bearer.active" in result["detail"]


def test_environment_supplies_credentials_without_a_file(audit, served_deployment, endpoints):
    import json

    deployment = served_deployment("target_project.settings")
    token = json.loads(deployment.credentials.read_text())["token"]["active"]
    run = audit("--target-url", deployment.url, "--endpoints", endpoints, "--ca-bundle", str(deployment.ca_bundle),
                "-k", "test_anonymous_request_is_refused", env={"CONFORMANCE_TOKEN_ACTIVE": token})
    assert run.exit_code == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert run.outcomes("passed") == {"DRFC-101"}
    assert token not in (run.report_dir / "report.json").read_text()


def test_an_endpoints_list_without_unsafe_methods_runs_every_family(audit, served_deployment, endpoints):
    """Families parametrized over unsafe endpoints only get an empty parameter set: a skip, not a crash."""
    deployment = served_deployment("target_project.settings")
    run = audit("--target-url", deployment.url, "--endpoints", endpoints, "--ca-bundle", str(deployment.ca_bundle),
                "--credentials", str(deployment.credentials), "--config", str(deployment.config))
    assert run.exit_code == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "INTERNALERROR" not in run.stdout + run.stderr
    assert run.report["summary"]["error"] == 0 and run.report["summary"]["passed"] > 0


def test_run_stopped_before_the_target_exists_still_writes_every_report(audit, tmp_path):
    """An --openapi URL nobody serves stops the run while the target is being built (exit 3): the
    report's target is then the fallback, which must carry what every writer reads."""
    port = free_port()
    run = audit("--target-url", f"https://127.0.0.1:{port}", "--openapi", f"https://127.0.0.1:{port}/schema/")
    assert run.exit_code == 3, run.stdout[-2000:] + run.stderr[-2000:]
    only_line(run, f"127.0.0.1:{port}", "connection refused")
    report = run.report
    assert report["target"] == {"mode": "remote", "url": f"https://127.0.0.1:{port}", "settings": None}
    assert "fetching --openapi" in report["fatal"]
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(report, json.loads((REPO / "docs" / "report.schema.json").read_text(encoding="utf-8")))
    written = {path.name for path in run.report_dir.iterdir()}
    assert written >= {"report.json", "junit.xml", "report.md", "report.html", "report.sarif"}, written
    assert not report["warnings"] or not any("could not be written" in w for w in report["warnings"])
    assert f"127.0.0.1:{port}" in (run.report_dir / "report.md").read_text(encoding="utf-8")


def test_session_skips_name_the_session_role_and_throwaway_sessions_need_the_login_form(audit, served_deployment,
                                                                                        tmp_path):
    """Without the session roles, each session case says which role (and variable) would run it;
    with only session.active, the logout endpoint's cases say that a throwaway session needs
    SESSION_LOGIN_PATH and the password role. No skip blames the deployment for what was not supplied."""
    deployment = served_deployment("target_project.settings")
    endpoints = tmp_path / "endpoints.txt"
    endpoints.write_text("GET /polls/api/questions/\nPOST /accounts/logout/\n", encoding="utf-8")
    creds = json.loads(deployment.credentials.read_text())
    without_session = tmp_path / "without-session.json"
    without_session.write_text(json.dumps({k: v for k, v in creds.items() if k != "session"}), encoding="utf-8")
    only_session = tmp_path / "only-session.json"
    only_session.write_text(json.dumps({"session": {"active": creds["session"]["active"]}}), encoding="utf-8")
    common = ("--target-url", deployment.url, "--endpoints", str(endpoints), "--ca-bundle", str(deployment.ca_bundle),
              "--config", str(deployment.config), "-k", "session or csrf")
    run = audit(*common, "--credentials", str(without_session))
    # DRFC-803 is the CSRF check of token cookies (dj-rest-auth), not of sessions: it skips for its own reason.
    session_cases = [r for r in run.report["results"] if r["parameters"].get("credential")
                     or (r["family"] == "csrf" and r["check_id"] != "DRFC-803")
                     or (r["check_id"] in ("DRFC-401", "DRFC-1001") and not r["parameters"])]
    assert session_cases and all(r["outcome"] == "skipped" for r in session_cases)
    unnamed = [(r["check_id"], r["detail"]) for r in session_cases if "$CONFORMANCE_SESSION_ACTIVE" not in r["detail"]]
    assert not unnamed, unnamed
    run = audit(*common[:-2], "-k", "test_logged_out_session_is_refused", "--credentials", str(only_session))
    details = {r["detail"] for r in run.report["results"] if r["outcome"] == "skipped"}
    assert details and all("role password" in d and "$CONFORMANCE_PASSWORD_USERNAME" in d for d in details), details
    assert not [r for r in run.report["results"] if "does not accept" in r["detail"] or "disposable" in r["detail"]]
