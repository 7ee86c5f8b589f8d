"""Issue 17's "done when": a small todo API with two planted mistakes (tests/projects/todo_api/).

One in-process audit, then every report is read as a person and a pipeline would: each mistake
is one finding (not one per endpoint), the counts agree across all five files, report.md reads
in one screen per finding, report.html opens on the findings and is small, the reproductions
name the runserver origin and credential roles (no variable exists in that mode), and no report
holds a raw control byte.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import REPO, run_audit

TODO_API = REPO / "tests" / "projects" / "todo_api"
REPORT_FILES = ("report.json", "junit.xml", "report.md", "report.html", "report.sarif")
SCREEN_LINES = 50  # a finding in report.md, outside its folded table of places
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@pytest.fixture(scope="module")
def todo(tmp_path_factory):
    # Run from the project's directory, as its developer would.
    run = run_audit(["--ds", "todo_site.settings"], tmp_path_factory.mktemp("todo") / "reports", cwd=TODO_API)
    assert run.exit_code == 1, run.stdout[-3000:] + run.stderr[-2000:]
    run.files = {name: (run.report_dir / name).read_text(encoding="utf-8") for name in REPORT_FILES}
    return run


def test_each_planted_mistake_is_one_finding(todo):
    findings = todo.report["findings"]
    assert [(f["check_id"], f["outcome"]) for f in findings] == [("DRFC-301", "failed"), ("DRFC-101", "failed")]
    never_expire, open_endpoint = findings
    assert len(never_expire["endpoints"]) >= 5 and never_expire["schemes"] == ["Token"]
    assert "GET /api/todos/" in never_expire["endpoints"]
    assert open_endpoint["endpoints"] == ["GET /api/stats/"]
    failed = [i for i, r in enumerate(todo.report["results"]) if r["outcome"] in ("failed", "error")]
    assert sorted(i for f in findings for i in f["results"]) == failed  # each result in exactly one


def test_counts_agree_across_all_five_files(todo):
    report, files = todo.report, todo.files
    summary = report["summary"]
    total = sum(summary.values())
    findings = report["findings"]

    junit = ET.fromstring(files["junit.xml"])
    assert (int(junit.get("tests")), int(junit.get("failures")), int(junit.get("errors")),
            int(junit.get("skipped"))) == (total, summary["failed"], summary["error"], summary["skipped"])
    finding_properties = junit.findall(".//property[@name='finding']")
    assert {p.get("value") for p in finding_properties} == {f["id"] for f in findings}
    assert len(finding_properties) == summary["failed"] + summary["error"]

    assert (f"**{summary['failed']}** failed ({len(findings)} findings) · {summary['error']} error · "
            f"{summary['passed']} passed · {summary['skipped']} skipped") in files["report.md"]
    assert f"### Findings ({len(findings)}, from {summary['failed']} results)" in files["report.md"]

    html = files["report.html"]
    for outcome, count in summary.items():
        assert f'id="count-{outcome}">{count}<' in html
    assert f'id="findings-count">{len(findings)}<' in html
    assert f'id="endpoints-count">{len(report["endpoints"])}<' in html
    assert html.count(' data-outcome="') == total
    assert html.count('class="finding ') == len(findings)

    sarif = json.loads(files["report.sarif"])["runs"][0]
    assert len(sarif["results"]) == summary["failed"] + summary["error"]
    assert sarif["properties"]["summary"] == summary
    assert [f["id"] for f in sarif["properties"]["findings"]] == [f["id"] for f in findings]
    assert [r["properties"]["finding"] for r in sarif["results"]] == [
        f["id"] for f in findings for _ in f["results"]]  # grouped, worst finding first


def test_report_md_reads_in_one_screen_per_finding(todo):
    text = todo.files["report.md"]
    assert text.index("### Findings") < text.index("### Results by family")
    blocks = re.split(r"\n(?=#### \d+\. )", text[text.index("### Findings"):text.index("### Results by family")])[1:]
    assert len(blocks) == 2
    for block in blocks:
        outside_fold = re.sub(r"<details>.*?</details>", "", block, flags=re.S)
        assert len(outside_fold.strip().splitlines()) <= SCREEN_LINES, outside_fold
        assert block.count("**Fix:**") == 1 and "**Seen on**" in block and "```sh" in block
    assert "<details><summary>Passed (" in text  # passes folded, still there to search


def test_report_html_opens_on_the_findings_and_is_small(todo):
    html = todo.files["report.html"]
    main = html[html.index("<main"):]
    assert main.index('id="verdict-label"') < main.index('id="findings"') < main.index('id="results"')
    assert main.index('id="finding-1"') < main.index('id="quiet-results"')
    assert len(html.encode("utf-8")) < 1_000_000
    labels = re.findall(r'<th scope="row" class="matrix-endpoint"><code>(.*?)</code></th>', html)
    assert "" not in labels


def test_in_process_reproductions_are_for_runserver_and_name_roles_not_variables(todo):
    for name, text in todo.files.items():
        assert not re.search(r"\$\{?CONFORMANCE_", text), name  # no such variable in this mode
    never_expire = todo.report["findings"][0]["reproduce"]
    assert never_expire["mode"] == "in-process"
    assert {r["role"] for r in never_expire["roles"]} >= {"token.expired", "token.active"}
    assert all(step["curl"].startswith("curl -i -X ") and "http://127.0.0.1:8000/api/" in step["curl"]
               for step in never_expire["steps"])
    assert "python manage.py runserver" in todo.files["report.md"]


def test_no_report_holds_a_raw_control_byte(todo):
    for name, text in todo.files.items():
        assert not CONTROL.search(text), (name, CONTROL.search(text))


def test_the_terminal_ends_with_the_findings_worst_first(todo):
    summary = todo.stdout[todo.stdout.index("drf-conformance summary"):]
    failed = todo.report["summary"]["failed"]
    tail = summary[summary.index(f"2 findings ({failed} results), worst first:"):summary.index("drf-conformance: FAILED")]
    assert tail.index("FAILED DRFC-301 [high]") < tail.index("FAILED DRFC-101 [high]")
    assert "on GET /api/stats/" in tail
