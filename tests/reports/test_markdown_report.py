"""report.md: golden file, verdict, structure as a CommonMark + GFM-tables parser sees it, limits.

The structural tests parse the output with markdown-it-py (the CommonMark reference behaviour
plus GFM tables) rather than grepping it: escaping is only right if a real parser agrees that
no hostile string became markup, a table cell, or the end of a code span.
"""

from __future__ import annotations


import pytest

from conformance.findings import for_runserver
from conformance.reports import markdown


def _parse(text):
    markdown_it = pytest.importorskip(
        "markdown_it", reason="markdown-it-py (a test dependency) is not installed"
    )
    parser = markdown_it.MarkdownIt("commonmark").enable("table").enable("strikethrough")
    return parser, parser.parse(text)


def _walk(tokens):
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def test_render_matches_golden_file(report, golden):
    golden("report.md", markdown.render(report))


def test_render_of_a_passing_run_matches_golden_file(passing_report, golden):
    golden("report-passing.md", markdown.render(passing_report))


def test_verdict_comes_first(report, passing_report):
    failed = markdown.render(report).splitlines()
    assert failed[0] == "## ❌ drf-conformance: FAILED"
    assert failed[2] == "Exit code 1: failed checks at or above `--fail-on low`."
    passed = markdown.render(passing_report).splitlines()
    assert passed[0] == "## ✅ drf-conformance: PASSED"
    assert passed[2].startswith("Exit code 0: no failed check")


def test_errors_only_run_says_what_exit_code_4_means(report):
    report["results"] = [r for r in report["results"] if r["outcome"] != "failed"]
    report["exit_code"] = 4
    lines = markdown.render(report).splitlines()
    assert lines[0].endswith("FAILED")
    assert lines[2] == "Exit code 4: checks could not be evaluated."


@pytest.mark.parametrize(
    ("fail_on", "outcomes", "expected"),
    [
        ("low", {"failed", "error"}, 1),
        ("never", {"failed", "error"}, 4),
        ("critical", {"failed"}, 0),  # the only critical failure is accepted by the baseline
        ("info", {"passed"}, 0),
        ("info", {"error"}, 4),
    ],
)
def test_exit_code_is_derived_when_the_engine_left_it_out(report, fail_on, outcomes, expected):
    del report["exit_code"]
    report["fail_on"] = fail_on
    report["results"] = [r for r in report["results"] if r["outcome"] in outcomes]
    assert markdown.exit_code_of(report) == expected


def test_no_hostile_string_becomes_markup(report):
    parser, tokens = _parse(markdown.render(report))
    html_blocks = [t.content.strip() for t in tokens if t.type == "html_block"]
    assert html_blocks == ["<details><summary>Passed (3) and skipped (2), by check</summary>", "</details>",
                           "<details><summary>Expectations</summary>", "</details>"]
    assert not [t for t in _walk(tokens) if t.type == "html_inline"]
    rendered = parser.renderer.render(tokens, parser.options, {})
    assert "<script>" not in rendered
    assert "<b>naïve</b>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "Unknown user &lt;b&gt;naïve&lt;/b&gt; – ユーザー" in rendered


def test_every_table_row_keeps_its_columns(report):
    _, tokens = _parse(markdown.render(report))
    header_cells = row_cells = None
    rows = 0
    for token in tokens:
        if token.type == "table_open":
            header_cells = None
        elif token.type == "tr_open":
            row_cells = 0
        elif token.type in ("th_open", "td_open"):
            row_cells += 1
        elif token.type == "tr_close":
            rows += 1
            if header_cells is None:
                header_cells = row_cells
            assert row_cells == header_cells
    assert rows > 20


def test_code_spans_and_blocks_hold_the_exact_values(report):
    text = markdown.render(report)
    _, tokens = _parse(text)
    code_spans = {t.content for t in _walk(tokens) if t.type == "code_inline"}
    assert "GET /search/?q=<script>alert(1)</script>" in code_spans
    assert "DRFC-1101" in code_spans
    blocks = [t.content for t in tokens if t.type == "fence"]
    curl_lines = {line for block in blocks for line in block.splitlines()}
    for result in report["results"]:
        if result["outcome"] in ("failed", "error") and not result.get("accepted"):
            for exchange in result["evidence"]:
                assert for_runserver(exchange["curl"]) in curl_lines


def test_backticks_and_pipes_cannot_escape_code(report):
    hostile = "GET /a`b``c|d"
    target = report["results"][1]
    target["endpoint"] = hostile
    target["evidence"][0]["curl"] = "curl 'x'\n```\n# not a heading\n````"
    _, tokens = _parse(markdown.render(report))
    assert hostile in {t.content for t in _walk(tokens) if t.type == "code_inline"}
    assert "# probe, recorded HTTP 200\n" + target["evidence"][0]["curl"] + "\n" in [
        t.content for t in tokens if t.type == "fence"]
    headings = [t for t in tokens if t.type == "heading_open"]
    assert all("not a heading" not in tokens[tokens.index(h) + 1].content for h in headings)


def test_mentions_and_issue_references_are_escaped(report):
    report["results"][1]["actual"] = "mailed @octocat about #12"
    text = markdown.render(report)
    assert "\\@octocat about \\#12" in text


def test_accepted_findings_are_listed_apart(report):
    text = markdown.render(report)
    failures = text[text.index("### Findings"):text.index("### Could not be evaluated")]
    accepted = text[text.index("### Accepted by the baseline (1)"):]
    assert "DRFC-401" not in failures
    assert "DRFC-401" in accepted
    assert "Kiosk accounts are deactivated by a nightly job until ticket OPS-42 ships." in accepted


def test_each_finding_has_where_expected_got_fix_and_a_reproduction(report):
    text = markdown.render(report)
    section = text[text.index("#### 1. `DRFC-101`"):text.index("#### 2. `DRFC-701`")]
    assert "**high** · missing-credentials · CWE-306 · 1 result" in section
    assert "**Seen on** `GET /polls/api/choices/`" in section
    assert "**Expected** 401 or 403 · **got** 200 with 3 choices" in section
    assert "**Fix:** Set REST\\_FRAMEWORK" in section
    # An in-process run's server is gone: the line is for runserver, and says so.
    assert "```sh\n# probe, recorded HTTP 200\ncurl -i -X GET 'http://127.0.0.1:8000/polls/api/choices/'\n```" in section
    assert "against `python manage.py runserver`" in section


def test_findings_are_ordered_worst_severity_first(report):
    text = markdown.render(report)
    failures = text[text.index("### Findings"):text.index("### Could not be evaluated")]
    order = [line.split("`")[1] for line in failures.splitlines() if line.startswith("#### ")]
    assert order == ["DRFC-101", "DRFC-701", "DRFC-201", "DRFC-901", "DRFC-102", "DRFC-1101"]


def test_one_cause_on_many_endpoints_is_one_finding(report):
    """Issue 17: "DRF tokens never expire" once, not once per endpoint."""
    template = next(r for r in report["results"] if r["check_id"] == "DRFC-101" and r["outcome"] == "failed")
    for number, path in enumerate(["/a/", "/b/", "/c/", "/d/", "/e/", "/f/"]):
        report["results"].append(dict(template, endpoint=f"GET {path}", actual=f"200 with {number + 4} choices"))
    text = markdown.render(report)
    assert text.count("`DRFC-101` Protected endpoint refuses anonymous requests") == 1
    section = text[text.index("#### 1. `DRFC-101`"):text.index("#### 2.")]
    assert "7 results" in section and "`GET /polls/api/choices/`" in section and "and 1 more" in section
    assert "<details><summary>All 7 places</summary>" in section
    assert section.count("**Fix:**") == 1


def test_output_does_not_depend_on_result_order(report):
    shuffled = dict(report, results=list(reversed(report["results"])))
    assert markdown.render(shuffled) == markdown.render(report)


def test_large_report_is_fast_and_fits_a_pull_request_comment(large_report):
    # Speed is measured in bench/, never asserted in seconds here (the brief).
    text = markdown.render(large_report)
    assert len(text) < 65_536  # GitHub's limit for a comment body
    findings = [f for f in markdown.findings_of(large_report) if not f.get("accepted")]
    assert text.count("\n#### ") == min(markdown.DETAIL_LIMIT, len(findings))


def test_write_writes_the_render(report, tmp_path):
    path = markdown.write(report, tmp_path / "out" / "report.md")
    assert path == tmp_path / "out" / "report.md"
    assert path.read_text(encoding="utf-8") == markdown.render(report)


def test_step_summary_is_appended_when_the_variable_is_set(tmp_path):
    summary = tmp_path / "step_summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    environ = {"GITHUB_STEP_SUMMARY": str(summary)}
    assert markdown.append_to_github_step_summary("## ours", environ) == summary
    assert markdown.append_to_github_step_summary("## again\n", environ) == summary
    assert summary.read_text(encoding="utf-8") == "# earlier step\n## ours\n## again\n"


@pytest.mark.parametrize("environ", [{}, {"GITHUB_STEP_SUMMARY": ""}])
def test_step_summary_is_left_alone_when_the_variable_is_unset(environ, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert markdown.append_to_github_step_summary("## ours", environ) is None
    assert list(tmp_path.iterdir()) == []


def test_a_run_that_could_not_start_says_why(report):
    report.update(results=[], summary={"passed": 0, "failed": 0, "skipped": 0, "error": 0},
                  exit_code=3, fatal="connection refused by https://127.0.0.1:8443 <b>")
    lines = markdown.render(report).splitlines()
    assert lines[2] == "Exit code 3: the target could not be reached or served."
    assert lines[4] == "**Could not run:** connection refused by https://127.0.0.1:8443 \\<b\\>"
    assert "_No check ran._" in lines
