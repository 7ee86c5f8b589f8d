"""The audit of the embedded target, end to end through the real command line."""

import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import jsonschema
import pytest

from conformance.catalogue import FAMILIES
from tests.conftest import REPO

SCHEMA = json.loads((REPO / "docs" / "report.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def default_audit(shared_audit):
    """``drf-conformance`` with no target option, run from outside the repository (once per test
    run: tests/remote/test_end_to_end.py compares the remote audit with the same report)."""
    audit = shared_audit(elsewhere=True)
    assert REPO not in audit.report_dir.parents
    return audit


def test_the_reference_deployment_passes_with_exit_0(default_audit):
    assert default_audit.exit_code == 0, default_audit.stdout[-3000:] + default_audit.stderr[-2000:]
    summary = default_audit.report["summary"]
    assert summary["failed"] == 0 and summary["error"] == 0
    assert summary["passed"] > 0


def test_the_report_follows_the_contract_schema(default_audit):
    report = default_audit.report
    jsonschema.validate(report, SCHEMA)
    assert report["target"]["mode"] == "in-process"
    assert report["target"]["settings"] == "target_project.settings"
    assert report["target"]["url"].startswith("https://127.0.0.1:")


def test_every_family_with_checks_ran_and_every_protected_endpoint_is_covered(default_audit):
    report = default_audit.report
    families = {r["family"] for r in report["results"]}
    assert {"missing-credentials", "malformed-credentials"} <= families
    assert families <= set(FAMILIES)
    covered = {r["endpoint"] for r in report["results"] if r["family"] == "missing-credentials"}
    protected = {e for e in report["endpoints"] if not e.endswith(("/accounts/get_auth_token/",
                                                                   "/auth/token/", "/auth/revoke_token/",
                                                                   "/accounts/login/"))}
    assert protected and protected <= covered


def test_junit_xml_has_one_case_per_result(default_audit):
    root = ElementTree.parse(default_audit.report_dir / "junit.xml").getroot()
    cases = root.iter("testcase")
    assert sum(1 for _ in cases) == len(default_audit.report["results"])


def test_every_report_file_is_written(default_audit):
    for name in ("report.json", "junit.xml", "report.md", "report.html", "report.sarif"):
        assert (default_audit.report_dir / name).stat().st_size > 0, name


def test_the_terminal_shows_the_summary_and_the_verdict(default_audit):
    assert "drf-conformance summary" in default_audit.stdout
    assert "drf-conformance: PASSED (exit 0" in default_audit.stdout


def test_pytest_inside_the_repository_runs_the_same_audit(tmp_path):
    """`pytest` in the repository (pytest.ini + conftest.py) is the same job as the CLI."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "PYTEST_ADDOPTS")}
    completed = subprocess.run(
        # "--report-dir=DIR" in one word: pytest finds its rootdir before plugins add their options.
        [sys.executable, "-m", "pytest", "-q", "-p", "no:warnings", f"--report-dir={tmp_path}",
         "-k", "anonymous"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stdout[-2000:]
    report = json.loads(Path(tmp_path / "report.json").read_text())
    assert report["summary"]["passed"] > 0 and report["summary"]["failed"] == 0
