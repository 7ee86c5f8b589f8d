"""Real projects as they are (issue 13): an authentication ``keyword`` that is a ``@property``.

tests/keyword_project has two such classes (a ``TokenAuthentication`` subclass reading its word
from a setting, and a scheme DRF does not know). The suite used to read the ``property`` object
from the class: 366 checks ended in ``'property' object has no attribute 'lower'`` and the run
died at report time (``'<' not supported between 'property' and 'str'``) with no report.
"""

import json

import jsonschema
import pytest

from tests.conftest import REPO, run_audit
from tests.projects.conftest import serve_project  # noqa: F401 (a fixture)

PROJECT = REPO / "tests" / "keyword_project"
SCHEMA = json.loads((REPO / "docs" / "report.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def keyword_audit(tmp_path_factory):
    return run_audit(["--ds", "keyword_site.settings"], tmp_path_factory.mktemp("keyword") / "reports", cwd=PROJECT)


def test_a_property_keyword_project_audits_cleanly(keyword_audit):
    assert keyword_audit.exit_code == 0, keyword_audit.stdout[-3000:] + keyword_audit.stderr[-2000:]
    report = keyword_audit.report
    jsonschema.validate(report, SCHEMA)
    assert report["summary"]["error"] == 0 and report["summary"]["passed"] > 0
    assert report["completeness"]["status"] == "complete"
    assert not report["warnings"], report["warnings"]
    assert "property object" not in json.dumps(report)


def test_the_word_is_read_as_drf_reads_it(keyword_audit):
    words = {r["parameters"].get("scheme") for r in keyword_audit.report["results"]}
    assert "Token" in words  # from settings.API_TOKEN_KEYWORD, through the property
    foundation = [r for r in keyword_audit.report["results"] if r["family"] == "missing-credentials"]
    assert foundation and all(r["outcome"] == "passed" for r in foundation)


@pytest.fixture(scope="module")
def keyword_remote_audit(serve_project, tmp_path_factory):
    """Served by gunicorn over TLS and provisioned by conformance_provision, as it is."""
    served = serve_project("keyword", (), PROJECT)
    directory = tmp_path_factory.mktemp("keyword-remote")
    (directory / "endpoints.txt").write_text("GET /api/me/\nGET /api/notes/\nPOST /api/notes/\n", encoding="utf-8")
    return served.audit(directory / "reports", "--endpoints", str(directory / "endpoints.txt"), "--allow-unsafe-methods")


def test_a_property_keyword_project_audits_cleanly_remotely(keyword_remote_audit):
    assert keyword_remote_audit.exit_code == 0, keyword_remote_audit.stdout[-4000:] + keyword_remote_audit.stderr[-2000:]
    report = keyword_remote_audit.report
    assert report["summary"]["error"] == 0 and report["summary"]["failed"] == 0
    skips = [r["detail"] for r in report["results"] if r["outcome"] == "skipped"]
    assert all(skips) and not [d for d in skips if "empty parameter set" in d], "a skip without its reason"
    assert "Token" in {r["parameters"].get("scheme") for r in report["results"] if r["outcome"] == "passed"}
