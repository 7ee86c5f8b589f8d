"""The simplejwt reference stack served by gunicorn and audited remotely in its own families.

Remotely the suite forges the supplied ``jwt.active`` token, tries the well-known HMAC keys
offline against it, and gets refresh tokens from the detected-then-declared login; the checks that
need the project's keys or ORM skip, each once, saying so. The flawed copy with the jwt.io example
key is caught without a single request sent for it.
"""

from __future__ import annotations


import pytest

from tests.remote.conftest import CONFIG
from tests.remote.test_end_to_end import remote_audit

FAMILIES = "test_token_integrity or test_refresh_token"
STACK_CONFIG = CONFIG + """\
JWT_LOGIN_PATH = "/api/token/"
JWT_REFRESH_PATH = "/api/token/refresh/"
JWT_BLACKLIST_PATH = "/api/token/blacklist/"
"""
ENDPOINTS = "GET /polls/api/questions/\nGET /polls/api/questions/1/\n"


def audit_stack(served_deployment, tmp_path, settings_module):
    deployment = served_deployment(settings_module)
    deployment.manage("migrate", "--noinput", "-v", "0")  # the blacklist app's tables
    config = tmp_path / "stack.toml"
    config.write_text(STACK_CONFIG, encoding="utf-8")
    endpoints = tmp_path / "endpoints.txt"
    endpoints.write_text(ENDPOINTS, encoding="utf-8")
    return remote_audit(deployment, tmp_path / "reports", "--endpoints", str(endpoints),
                        extra=("--config", str(config), "-k", FAMILIES))


def outcomes(run):
    found = {}
    for result in run.report["results"]:
        if result["family"] in ("token-integrity", "refresh-token"):
            found.setdefault(result["check_id"], set()).add(result["outcome"])
    return found


def test_the_sound_stack_audits_clean_remotely(served_deployment, shared_signing_key, tmp_path):
    run = audit_stack(served_deployment, tmp_path, "tests.stacks.simplejwt.settings")
    assert run.exit_code == 0, run.stdout[-3000:] + run.stderr[-2000:]
    found = outcomes(run)
    passed = {c for c, o in found.items() if o == {"passed"}}
    assert passed == {"DRFC-1201", "DRFC-1202", "DRFC-1203", "DRFC-1205", "DRFC-1206",
                      "DRFC-1301", "DRFC-1302", "DRFC-1303"}, found
    assert {c for c, o in found.items() if o == {"skipped"}} == {"DRFC-1204", "DRFC-1207", "DRFC-1304", "DRFC-1305"}


def test_a_well_known_key_is_found_offline(served_deployment, shared_signing_key, tmp_path):
    run = audit_stack(served_deployment, tmp_path, "tests.stacks.simplejwt.weak_signing_key")
    assert run.exit_code == 1, run.stdout[-3000:] + run.stderr[-2000:]
    assert {c for c, o in outcomes(run).items() if "failed" in o} == {"DRFC-1206"}
    (finding,) = [r for r in run.report["results"] if r["check_id"] == "DRFC-1206"]
    assert finding["evidence"] == [] and "offline" in finding["actual"]
