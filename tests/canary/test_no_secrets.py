"""No secret in any report or in the terminal: the canary test of issue 6.

An audit of a flawed variant (tests/canary/settings.py: ``prefix_token``, whose failures carry
evidence of requests made with truncations of the real key) runs with a planted ``SECRET_KEY``
and with tests/canary/plugin.py, which writes down every secret the run used: the deployment's
database (tokens, session keys, OAuth2 tokens and client IDs, password hashes) and what the run
held (the redactor's secrets, each credential's secret, cookies, CSRF token). Then every report
file, stdout and stderr are searched for each secret and the forms a leak takes on the way out:
upper- and lower-cased, URL- and form-encoded, base64 and URL-safe base64 (of the value, of its
URL-encoded forms, and as Basic ``user:password``), JSON-, ``repr``- and HTML-escaped, stripped,
and each half of a long secret (a probe that truncates a key must not print the part it kept).
Secrets the run registered that are shorter than six characters are searched in the shapes a
terminal or a form shows them (quoted, as a form value). stdout and stderr are pytest's whole
terminal output, run with ``-v -v -rA --tb=long -l``: tracebacks with their locals included.
"""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

CANARY_SECRET_KEY = "canary-secret-key-3f9c1e7a-do-not-print-me"
REPORT_FILES = ("report.json", "junit.xml", "report.md", "report.html", "report.sarif")
MIN_LENGTH = 6  # conformance.redaction.MIN_SECRET_LENGTH: shorter values are redacted as whole tokens
HALF_MIN_LENGTH = 10  # halves shorter than this could match by chance


def _base64(data: bytes) -> set[str]:
    return {base64.b64encode(data).decode().rstrip("="), base64.urlsafe_b64encode(data).decode().rstrip("=")}


def derived_forms(secret: str, usernames: list[str]) -> set[str]:
    """Every form of contract section 6, written out here, not taken from conformance/redaction.py."""
    forms = {secret, secret.upper(), secret.lower(), quote(secret, safe=""), quote(secret), quote_plus(secret),
             json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1], repr(secret)[1:-1],
             repr(secret.encode())[2:-1], html.escape(secret), secret.strip()}
    for wire in {secret, quote(secret, safe=""), quote_plus(secret)}:
        forms |= _base64(wire.encode())
    for user in usernames:
        forms |= _base64(f"{user}:{secret}".encode())
    half = len(secret) // 2
    if half >= HALF_MIN_LENGTH:
        forms |= {secret[:half], secret[half:]}
    return {form for form in forms if len(form) >= MIN_LENGTH}


@pytest.fixture(scope="module")
def canary_run(tmp_path_factory):
    from tests.conftest import run_audit

    directory = tmp_path_factory.mktemp("canary")
    secrets_file = directory / "secrets.json"
    run = run_audit(
        ["--ds", "tests.canary.settings", "-p", "tests.canary.plugin", "-v", "-v", "-rA", "--tb=long", "-l",
         "--keep-all-evidence"],
        directory / "reports",
        env={"CONFORMANCE_CANARY_SECRET_KEY": CANARY_SECRET_KEY, "CONFORMANCE_CANARY_OUT": str(secrets_file)},
    )
    assert run.exit_code == 1, run.stdout[-3000:] + run.stderr[-2000:]
    harvest = json.loads(secrets_file.read_text(encoding="utf-8"))
    return run, harvest


def test_the_run_used_real_secrets_and_failed_checks_with_evidence(canary_run):
    """Guards the test itself: it searches for the secrets of a run that printed evidence."""
    run, harvest = canary_run
    secrets = harvest["secrets"]
    assert CANARY_SECRET_KEY in secrets
    assert len(secrets) >= 10  # tokens, sessions, OAuth2 tokens, passwords, CSRF...
    report = run.report
    failed = [r for r in report["results"] if r["outcome"] == "failed"]
    assert failed and all(r["evidence"] for r in failed)
    assert "[REDACTED" in (run.report_dir / "report.json").read_text(encoding="utf-8")
    # An in-process run's curl lines name the role to substitute (no variable exists then; issue 17).
    assert "<role token.active>" in (run.report_dir / "report.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("where", [*REPORT_FILES, "stdout", "stderr"])
def test_no_secret_in_any_form_appears(canary_run, where):
    run, harvest = canary_run
    if where in ("stdout", "stderr"):
        text = getattr(run, where)
    else:
        text = Path(run.report_dir / where).read_text(encoding="utf-8")
    if where != "stderr":  # stderr is empty in a run that goes well
        assert text.strip(), f"{where} is empty: nothing was searched"
    leaks = []
    for secret in harvest.get("registered", []):  # what the run knew as a secret, of any length
        if len(secret) < MIN_LENGTH:
            for quoted in (f"'{secret}'", f'"{secret}"', f"={secret}&", f" {secret}\n"):
                if quoted in text:
                    leaks.append(f"short secret {quoted!r} in {where}")
    for secret in harvest["secrets"]:
        if len(secret) < MIN_LENGTH:
            continue
        for form in derived_forms(secret, harvest["usernames"]):
            position = text.find(form)
            if position >= 0:
                leaks.append(f"{form!r} (from a secret of {len(secret)} chars) at "
                             f"...{text[max(0, position - 60):position + len(form) + 20]!r}")
    assert not leaks, f"{len(leaks)} secret(s) in {where}:\n" + "\n".join(leaks[:10])


def test_every_file_the_run_wrote_was_searched(canary_run):
    run, _ = canary_run
    assert sorted(p.name for p in run.report_dir.iterdir()) == sorted(REPORT_FILES)
