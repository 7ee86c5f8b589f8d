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
