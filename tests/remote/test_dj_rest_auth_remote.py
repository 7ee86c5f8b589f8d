"""The dj-rest-auth reference stack served by gunicorn and audited remotely (black box).

A black box detects nothing by view class: the config declares dj-rest-auth's documented paths
(``/auth/login/`` as ``TOKEN_LOGIN_PATH`` in token mode, as ``JWT_LOGIN_PATH`` with ``USE_JWT``).
The login's ``key`` field, the JWT cookies (recognised by their ``token_type`` claim) and the refresh
cookie's name are read off the answers: no other setting. The flawed copy without CSRF on its JWT
cookie is caught from outside too.
"""

from __future__ import annotations

import importlib
import json

import pytest

from tests.conftest import run_audit

SELECTION = ("test_token_endpoint or test_inactive_user or test_revocation or test_expired_token or "
             "test_refresh_token or test_token_cookie")
TOKEN = importlib.import_module("tests.stacks.dj_rest_auth.settings").REMOTE
JWT = importlib.import_module("tests.stacks.dj_rest_auth.jwt_headers").REMOTE


def audit_stack(served_deployment, tmp_path, module: str, remote: dict, selection: str = SELECTION):
    """Served by gunicorn, audited with the stack's REMOTE config, endpoints and roles."""
    deployment = served_deployment(f"tests.stacks.dj_rest_auth.{module}")
    deployment.manage("migrate", "--noinput", "-v", "0")  # dj-rest-auth's and the blacklist app's tables
    config_path = tmp_path / "stack.toml"
    config_path.write_text(remote["config"], encoding="utf-8")
    endpoints = tmp_path / "endpoints.txt"
    endpoints.write_text(remote["endpoints"], encoding="utf-8")
    # An auditor supplies the roles of what the API takes (conformance_provision writes more).
    credentials = json.loads(deployment.credentials.read_text(encoding="utf-8"))
    for role in remote["drop_roles"]:
        credentials.pop(role, None)
    credentials_path = tmp_path / "creds.json"
    credentials_path.write_text(json.dumps(credentials), encoding="utf-8")
    return run_audit(["--target-url", deployment.url, "--credentials", str(credentials_path),
                      "--ca-bundle", str(deployment.ca_bundle), "--config", str(config_path),
                      "--endpoints", str(endpoints), "--allow-unsafe-methods", "-k", selection],
                     tmp_path / "reports", timeout=300)


def outcomes(run) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for result in run.report["results"]:
        found.setdefault(result["check_id"], set()).add(result["outcome"])
    return found


def bad(run):
    return [(r["check_id"], r["endpoint"], r["outcome"], r["detail"][:200]) for r in run.report["results"]
            if r["outcome"] in ("failed", "error")]


@pytest.mark.parametrize(("module", "remote", "judged"), [
    ("settings", TOKEN, {"DRFC-402", "DRFC-902", "DRFC-903", "DRFC-905", "DRFC-401"}),
    ("jwt_headers", JWT, {"DRFC-402", "DRFC-903", "DRFC-1301", "DRFC-1302", "DRFC-1303"}),
    ("jwt_cookies", JWT, {"DRFC-402", "DRFC-903", "DRFC-1301", "DRFC-1302", "DRFC-1303",
                          "DRFC-707", "DRFC-803"}),
])
def test_the_sound_stack_audits_clean_remotely(module, remote, judged, served_deployment, shared_signing_key,
                                                tmp_path):
    run = audit_stack(served_deployment, tmp_path, module, remote)
    assert run.exit_code == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert not bad(run), bad(run)
    found = outcomes(run)
    assert {c for c in judged if "passed" in found.get(c, ())} == judged, found


def test_a_cookie_jwt_without_csrf_is_caught_remotely(served_deployment, shared_signing_key, tmp_path):
    run = audit_stack(served_deployment, tmp_path, "cookie_without_csrf", JWT, "test_token_cookie")
    assert run.exit_code == 1, run.stdout[-3000:] + run.stderr[-2000:]
    assert {c for c, o in outcomes(run).items() if "failed" in o} == {"DRFC-803"}, bad(run)
    assert not [r for r in run.report["results"] if r["outcome"] == "error"], bad(run)
