"""The knox and djoser reference stacks served by gunicorn and audited remotely (issue 14).

A black box shows no views: the stacks' login and logout paths are declared (each stack's
``REMOTE_CONFIG``) and only the roles of the schemes it accepts are supplied (``REMOTE_ROLES``).
What a client sees is judged: knox's login answer (its ``expiry`` against ``MAX_TOKEN_AGE``, no-store,
identical failures, the inactive user refused), djoser's token and JWT logins alike. One audit per
settings module, narrowed to the families that judge logins; read-only, so logouts are not sent.
"""

from __future__ import annotations

import importlib
import json

import pytest

from tests.conftest import run_audit
from tests.stacks import LOGIN_FAMILIES

MINE = {"expired-token", "inactive-user", "token-endpoint", "revocation"}


def audit_served(served_deployment, directory, module_name: str):
    module = importlib.import_module(module_name)
    deployment = served_deployment(module_name)
    credentials = json.loads(deployment.credentials.read_text(encoding="utf-8"))
    kept = directory / "creds.json"
    kept.write_text(json.dumps({k: v for k, v in credentials.items() if k in module.REMOTE_ROLES}), encoding="utf-8")
    config = directory / "stack.toml"
    config.write_text(module.REMOTE_CONFIG, encoding="utf-8")
    openapi = directory / "openapi.yaml"
    openapi.write_text(deployment.manage("generateschema", "--format", "openapi").stdout, encoding="utf-8")
    return run_audit(["--target-url", deployment.url, "--credentials", str(kept), "--ca-bundle",
                      str(deployment.ca_bundle), "--config", str(config), "--openapi", str(openapi),
                      "-k", LOGIN_FAMILIES], directory / "reports", timeout=300)


def judged(run) -> dict[tuple[str, str], set[str]]:
    found: dict[tuple[str, str], set[str]] = {}
    for result in run.report["results"]:
        if result["family"] in MINE:
            key = (result["check_id"], result["parameters"].get("login") or result["parameters"].get("scheme", ""))
            found.setdefault(key, set()).add(result["outcome"])
    return found


@pytest.fixture(scope="module")
def knox_sound(served_deployment, tmp_path_factory):
    return audit_served(served_deployment, tmp_path_factory.mktemp("knox-remote"), "tests.stacks.knox.settings")


@pytest.fixture(scope="module")
def djoser_sound(served_deployment, shared_signing_key, tmp_path_factory):
    return audit_served(served_deployment, tmp_path_factory.mktemp("djoser-remote"), "tests.stacks.djoser.settings")


def test_the_knox_stack_audits_clean_remotely(knox_sound):
    run = knox_sound
    assert run.exit_code == 0, run.stdout[-3000:] + run.stderr[-2000:]
    found = judged(run)
    for check in ("DRFC-902", "DRFC-903", "DRFC-402"):
        assert found[(check, "knox")] == {"passed"}, (check, found.get((check, "knox")))
    # The login answer's expiry, judged without a clock (the visible lifetime).
    assert "passed" in found[("DRFC-301", "Token")]
    assert not [r for r in run.report["results"] if r["outcome"] == "error"]


def test_the_djoser_stack_audits_clean_remotely(djoser_sound):
    run = djoser_sound
    assert run.exit_code == 0, run.stdout[-3000:] + run.stderr[-2000:]
    found = judged(run)
    for login in ("djoser", "jwt"):
        for check in ("DRFC-902", "DRFC-903", "DRFC-905", "DRFC-402"):
            assert found[(check, login)] == {"passed"}, (check, login, found.get((check, login)))
    assert not [r for r in run.report["results"] if r["outcome"] == "error"]
