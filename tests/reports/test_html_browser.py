"""report.html in a real browser: Debian's headless Chromium, driven by Playwright.

It proves what the markup tests cannot: the page runs without a console error, asks the network
for nothing but its own file, shows the counts of the report, opens on the verdict and the first
finding at 1400 px (a screenshot test, issue 17), keeps passes folded until a filter or a search
finds them, the filters hide and show the right rows (and say how many), a result opens to its
evidence. It leaves screenshots in reports/artifacts/ for a person to judge the design.

Needs the ``chromium`` Debian package and the ``playwright`` Python package (only its driver:
the browser is Debian's, never a download). Without either the tests are skipped, saying which.
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

from conformance.reports import html

if os.environ.get("CONFORMANCE_REQUIRE_BROWSER"):
    from playwright import sync_api  # CI installs it: an ImportError there is a real failure
else:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the playwright Python package is not installed"
    )

CHROMIUM = os.environ.get("CONFORMANCE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    if os.environ.get("CONFORMANCE_REQUIRE_BROWSER"):  # set by .ci/run: CI must not skip this
        pytest.fail(f"CONFORMANCE_REQUIRE_BROWSER is set but there is no Chromium at {CHROMIUM}",
                    pytrace=False)
    pytest.skip(
        f"no Chromium at {CHROMIUM}: install Debian's chromium package (apt-get install chromium)",
        allow_module_level=True,
    )

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "reports" / "artifacts"
FIRST_SCREEN = {"width": 1400, "height": 900}  # a laptop's browser window

# Rows the filters keep (passes stay inside their fold, which may be closed: see FOLDED).
VISIBLE_ROWS = """() => Array.from(document.querySelectorAll(".result"))
    .filter((row) => !row.hidden)
    .map((row) => ({outcome: row.dataset.outcome, severity: row.dataset.severity,
                    family: row.dataset.family, endpoint: row.dataset.endpoint}))"""


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class OpenedReport:
    """A report.html open in a fresh page, with everything the page said and asked for."""

    def __init__(self, browser, report: dict, directory: Path):
        self.report = report
        self.path = html.write(report, directory / "report.html")
        self.url = self.path.as_uri()
        self.console_errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []  # an alert() here would mean a hostile string ran
        self.page = browser.new_page(viewport={"width": FIRST_SCREEN["width"], "height": FIRST_SCREEN["height"]})
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.console_errors.append(f"pageerror: {error}"))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url, wait_until="load")

    def _console(self, message):
        if message.type in ("error", "warning", "assert"):
            self.console_errors.append(f"{message.type}: {message.text}")

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def visible_rows(self) -> list[dict]:
        return self.page.evaluate(VISIBLE_ROWS)

    def shown_count(self) -> int:
        return int(self.page.inner_text("#shown-count"))

    def assert_shown(self, expected: list[dict]) -> None:
        visible = self.visible_rows()
        assert Counter(map(_key, visible)) == Counter(map(_key, expected))
        assert self.shown_count() == len(expected)


def _key(row: dict) -> tuple:
    return (row["outcome"], row["severity"], row["family"], row["endpoint"])


@pytest.fixture
def opened(browser, report, tmp_path):
    opened = OpenedReport(browser, report, tmp_path)
    yield opened
    opened.page.close()


def test_loads_without_console_errors_or_network(opened):
    opened.page.wait_for_timeout(200)  # let anything deferred run
    assert opened.console_errors == []
    assert opened.requests == [opened.url]
    assert opened.dialogs == []


def test_counts_shown_equal_the_report_summary(opened):
    for outcome, count in opened.report["summary"].items():
        assert opened.page.inner_text(f"#count-{outcome}").strip() == str(count)
    assert opened.page.inner_text("#verdict-label").strip() == "FAILED"
    opened.assert_shown(opened.report["results"])


@pytest.mark.parametrize("outcome", ["passed", "failed", "skipped", "error"])
def test_outcome_filter(opened, outcome):
    opened.page.uncheck(f"#filters input[name=outcome][value={outcome}]")
    opened.assert_shown([r for r in opened.report["results"] if r["outcome"] != outcome])
    opened.page.check(f"#filters input[name=outcome][value={outcome}]")
    opened.assert_shown(opened.report["results"])


@pytest.mark.parametrize("severity", ["critical", "high", "medium", "low", "info"])
def test_severity_filter(opened, severity):
    opened.page.uncheck(f"#filters input[name=severity][value={severity}]")
    opened.assert_shown([r for r in opened.report["results"] if r["severity"] != severity])


def test_family_filter(opened):
    families = sorted({r["family"] for r in opened.report["results"]})
    for family in families:
        opened.page.select_option("#filter-family", family)
        opened.assert_shown([r for r in opened.report["results"] if r["family"] == family])
    opened.page.select_option("#filter-family", "")
    opened.assert_shown(opened.report["results"])


def test_filters_combine_and_reset(opened):
    results = opened.report["results"]
    opened.page.uncheck("#filters input[name=outcome][value=passed]")
    opened.page.uncheck("#filters input[name=severity][value=low]")
    opened.page.select_option("#filter-family", "missing-credentials")
    opened.assert_shown([
        r for r in results
        if r["outcome"] != "passed" and r["severity"] != "low" and r["family"] == "missing-credentials"
    ])
    opened.page.click("#filter-reset")
    opened.page.wait_for_function(
        "document.getElementById('shown-count').textContent === '%d'" % len(results)
    )
    opened.assert_shown(results)


def test_search_filter(opened):
    opened.page.fill("#filter-text", "drfc-201 binary")
    opened.page.wait_for_function("document.getElementById('shown-count').textContent === '1'")
    opened.assert_shown([
        r for r in opened.report["results"]
        if r["check_id"] == "DRFC-201" and r["parameters"].get("probe") == "binary key"
    ])
    opened.page.fill("#filter-text", "no such thing")
    opened.page.wait_for_function("document.getElementById('shown-count').textContent === '0'")
    assert opened.page.is_visible("#empty-message")


def test_summary_count_shows_only_that_outcome(opened):
    opened.page.click("button.count-error")
    opened.assert_shown([r for r in opened.report["results"] if r["outcome"] == "error"])


def test_matrix_cell_lists_its_results(opened):
    endpoint, family = "GET /polls/api/questions/", "missing-credentials"
    opened.page.click(f'.matrix button[data-endpoint="{endpoint}"][data-family="{family}"]')
    opened.assert_shown([
        r for r in opened.report["results"] if r["endpoint"] == endpoint and r["family"] == family
    ])
    assert opened.page.inner_text("#endpoint-filter-value") == endpoint
    opened.page.click("#endpoint-filter-clear")
    opened.page.select_option("#filter-family", "")
    opened.assert_shown(opened.report["results"])


def test_a_finding_opens_to_its_evidence(opened):
    row = opened.page.locator("details.result[data-outcome=failed]").filter(has_text="binary key")
    evidence = row.locator(".evidence")
    assert not evidence.is_visible()
    row.locator("summary").click()
    assert evidence.is_visible()
    assert "Authorization: Token [REDACTED probe]" in row.locator(".http-text").first.inner_text()
    assert "<script>alert(1)</script>" in row.locator(".http-text").nth(1).inner_text()
    assert row.locator(".curl-text").inner_text().startswith("curl -i -X GET")
    # The fix is said once, in the finding the row links to.
    link = row.locator("a[href^='#finding-']")
    assert link.is_visible()
    assert opened.page.locator(link.get_attribute("href") + " .fix").is_visible()
    assert opened.dialogs == []


def test_hostile_strings_render_as_text(opened):
    # An injected <script> would have run and an injected <b> would be an element.
    assert opened.page.locator("details.result b").count() == 0
    text = opened.page.locator("details.result[data-family=error-hygiene] summary").inner_text()
    assert "GET /search/?q=<script>alert(1)</script>" in text


def test_a_passing_report_looks_passed(browser, passing_report, tmp_path):
    opened = OpenedReport(browser, passing_report, tmp_path)
    try:
        assert opened.console_errors == []
        assert opened.page.inner_text("#verdict-label").strip() == "PASSED"
        assert opened.page.inner_text("#count-failed").strip() == "0"
        opened.assert_shown(passing_report["results"])
    finally:
        opened.page.close()


def test_screenshot_for_people(opened):
    """Not an assertion about design: the artifact a person looks at to judge it."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    opened.page.locator("details.result[data-outcome=failed]").filter(has_text="binary key").locator(
        "summary"
    ).click()
    opened.page.screenshot(path=str(ARTIFACTS / "report-html.png"), full_page=True)
    opened.page.set_viewport_size({"width": 1366, "height": 768})
    opened.page.goto(opened.url)
    opened.page.screenshot(path=str(ARTIFACTS / "report-html-first-screen.png"))
    assert (ARTIFACTS / "report-html.png").stat().st_size > 10_000
    assert opened.console_errors == []


def _on_first_screen(page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= FIRST_SCREEN["height"]


def test_the_first_screen_shows_the_verdict_and_the_first_finding(opened):
    """Issue 17: at 1400 px the page opens on what to act on, and the screenshot shows it."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    opened.page.screenshot(path=str(ARTIFACTS / "report-html-1400.png"))
    assert opened.page.inner_text("#verdict-label").strip() == "FAILED"
    assert _on_first_screen(opened.page, "#verdict-label")
    first = opened.page.locator("#finding-1")
    assert "DRFC-101" in first.locator(".finding-title").inner_text()
    for part in (".finding-title", ".seen", ".ea", ".fix"):
        assert _on_first_screen(opened.page, f"#finding-1 {part}"), part
    # Nothing of the passes is on that screen: they are folded away.
    assert opened.page.locator("#quiet-results").get_attribute("open") is None


def test_passes_are_folded_until_a_search_finds_them(opened):
    passed = opened.page.locator('.result[data-outcome="passed"]').first
    assert not passed.is_visible()
    opened.page.fill("#filter-text", "logout invalidates")
    opened.page.wait_for_function("document.getElementById('shown-count').textContent === '1'")
    assert opened.page.locator("#quiet-results").get_attribute("open") is not None
    assert opened.page.locator('.result[data-outcome="passed"][data-family="revocation"]').is_visible()


def test_the_matrix_has_no_empty_label_and_counts_the_report_endpoints(browser, report, tmp_path):
    report["results"].append(dict(report["results"][-2], endpoint="", check_id="DRFC-1102",
                                  parameters={}, outcome="passed"))
    opened = OpenedReport(browser, report, tmp_path)
    try:
        labels = opened.page.eval_on_selector_all(".matrix-endpoint", "cells => cells.map(c => c.textContent.trim())")
        assert "" not in labels and "whole deployment" in labels
        assert opened.page.inner_text("#endpoints-count") == str(len(report["endpoints"]))
    finally:
        opened.page.close()
