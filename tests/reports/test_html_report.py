"""report.html as markup: golden file, escaping, self-containment, data attributes, the matrix.

These read the page with the standard library's HTML parser; test_html_browser.py opens it in
Chromium to check what a person sees and what the filters do.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from conformance.reports import html


class Page(HTMLParser):
    """Every start tag with its attributes, and the text of chosen elements by id."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text_by_id: dict[str, str] = {}
        self._open_ids: list[tuple[str, str]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if "id" in attributes:
            self.text_by_id.setdefault(attributes["id"], "")
            self._open_ids.append((tag, attributes["id"]))

    def handle_endtag(self, tag):
        if self._open_ids and self._open_ids[-1][0] == tag:
            self._open_ids.pop()

    def handle_data(self, data):
        for _, element_id in self._open_ids:
            self.text_by_id[element_id] += data

    def tags_with(self, attribute):
        return [attrs for _, attrs in self.tags if attribute in attrs]

    def find(self, tag=None, **attributes):
        return [
            attrs for name, attrs in self.tags
            if (tag is None or name == tag)
            and all(attrs.get(key.replace("_", "-")) == value for key, value in attributes.items())
        ]


@pytest.fixture
def page(report):
    return Page(html.render(report))


def test_render_matches_golden_file(report, golden):
    golden("report.html", html.render(report))


def test_hostile_strings_are_escaped(report):
    text = html.render(report)
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<b>naïve</b>" not in text
    assert text.lower().count("<script") == 1  # the page's own inline script, nothing else
    assert "ユーザー" in text


def test_hostile_attribute_values_stay_inside_their_attribute(report):
    report["results"][1]["endpoint"] = 'GET /x"><img src=x onerror=alert(1)>'
    page = Page(html.render(report))
    assert not page.find("img")
    assert page.find("details", data_endpoint='GET /x"><img src=x onerror=alert(1)>')


def test_the_page_loads_nothing_from_anywhere(page, report):
    text = html.render(report)
    for tag, attrs in page.tags:
        assert "src" not in attrs, (tag, attrs)
        assert tag not in ("link", "iframe", "object", "embed", "img", "base"), tag
        if "href" in attrs:
            assert tag == "a" and re.match(r"^(https?://|#)", attrs["href"]), (tag, attrs)
    assert "@import" not in text
    assert "url(" not in text
    for call in ("fetch(", "XMLHttpRequest", "import(", "WebSocket", "sendBeacon"):
        assert call not in text


def test_links_to_references_open_safely(page):
    links = [link for link in page.find("a") if not link.get("href", "").startswith("#")]
    assert links
    assert all(link.get("rel") == "noopener noreferrer" for link in links)
    assert {"href": "https://www.django-rest-framework.org/api-guide/permissions/",
            "rel": "noopener noreferrer", "target": "_blank"} in links


def test_summary_counts_have_their_ids(page, report):
    for outcome in ("passed", "failed", "skipped", "error"):
        assert page.text_by_id[f"count-{outcome}"].strip() == str(report["summary"][outcome])
    assert page.text_by_id["count-accepted"].strip() == "1"
    assert page.text_by_id["shown-count"].strip() == str(len(report["results"]))


def test_every_result_is_a_row_with_filter_attributes(page, report):
    rows = [attrs for attrs in page.tags_with("data-outcome")]
    assert len(rows) == len(report["results"])
    expected = sorted(
        (r["outcome"], r["severity"], r["family"], r["endpoint"]) for r in report["results"]
    )
    found = sorted(
        (a["data-outcome"], a["data-severity"], a["data-family"], a["data-endpoint"]) for a in rows
    )
    assert found == expected
    assert [a for a in rows if "data-accepted" in a][0]["data-family"] == "inactive-user"


def test_verdict_comes_first(report, passing_report):
    failed = html.render(report)
    body = failed[failed.index("<main"):]
    assert body.index('id="verdict-label"') < body.index('id="chart-title"') < body.index('id="results"')
    assert Page(failed).text_by_id["verdict-label"] == "FAILED"
    assert "Exit code 1: Failed checks at or above <code>--fail-on low</code>." in failed
    passed = html.render(passing_report)
    assert Page(passed).text_by_id["verdict-label"] == "PASSED"
    assert 'class="verdict verdict-passed"' in passed


def test_matrix_cells_show_the_worst_outcome(page):
    questions = "GET /polls/api/questions/"

    def state(family):
        for tag, attrs in page.tags:
            if (tag, attrs.get("data-endpoint"), attrs.get("data-family")) == ("button", questions, family):
                return attrs["title"].removeprefix(f"{questions} · {family}: ")
        return None

    assert state("missing-credentials") == "1 failed, 1 passed"
    assert state("malformed-credentials") == "1 failed, 1 passed"
    assert state("expired-token") == "1 error"
    assert state("inactive-user") == "1 accepted"
    assert state("scheme-confusion") == "1 skipped"
    assert state("csrf") is None


def test_matrix_cells_are_coloured_by_that_outcome(report):
    cells = re.findall(
        r'<td class="cell cell-(\w+)"><button type="button" data-endpoint="GET /polls/api/questions/" '
        r'data-family="([a-z-]+)"',
        html.render(report),
    )
    assert cells == [
        ("failed", "missing-credentials"),
        ("failed", "malformed-credentials"),
        ("error", "expired-token"),
        ("accepted", "inactive-user"),
        ("skipped", "scheme-confusion"),
    ]


def test_matrix_lists_endpoints_without_results(report):
    text = html.render(report)
    matrix = text[text.index('class="matrix"'):text.index("</table>", text.index('class="matrix"'))]
    assert "<code>POST /polls/api/questions/</code>" in matrix
    assert matrix.count('class="matrix-endpoint"') == len(report["endpoints"])


def test_evidence_is_shown_as_http_messages(report):
    text = html.render(report)
    assert (
        '<pre class="http-text">GET https://127.0.0.1:8443/polls/api/questions/\n'
        "Authorization: Token [REDACTED probe]</pre>"
    ) in text
    assert (
        '<pre class="http-text">HTTP 401\nWWW-Authenticate: Token\n\n'
        "{\n  &#34;detail&#34;: &#34;Invalid token.&#34;\n}</pre>"
    ) in text
    assert "curl -i -X GET &#39;https://127.0.0.1:8443/polls/api/choices/&#39;" in text


def test_a_missing_response_is_said_plainly(report):
    report["results"][1]["evidence"][0]["response"] = None
    assert "No response was received." in html.render(report)


def test_long_bodies_are_cut(report):
    report["results"][1]["evidence"][0]["response"]["body"] = "x" * (html.BODY_LIMIT + 10)
    assert "[... 10 more characters in report.json]" in html.render(report)


def test_output_does_not_depend_on_result_order(report):
    shuffled = dict(report, results=list(reversed(report["results"])))
    assert html.render(shuffled) == html.render(report)


def test_an_inline_asset_that_could_close_its_element_is_refused(tmp_path, monkeypatch):
    (tmp_path / "evil.js").write_text("var a = '</SCRIPT>';", encoding="utf-8")
    monkeypatch.setattr(html, "TEMPLATES", tmp_path)
    with pytest.raises(ValueError, match="</script"):
        html._asset("evil.js", "</script")


def test_large_report_renders_in_linear_time(large_report):
    # Speed is measured in bench/, never asserted in seconds here (the brief).
    text = html.render(large_report)
    assert text.count(' data-outcome="') == len(large_report["results"])


def test_write_writes_the_render(report, tmp_path):
    path = html.write(report, tmp_path / "report.html")
    assert path.read_text(encoding="utf-8") == html.render(report)


def test_a_run_that_could_not_start_says_why(report):
    report.update(results=[], summary={"passed": 0, "failed": 0, "skipped": 0, "error": 0},
                  exit_code=3, fatal="connection refused <b>")
    page = Page(html.render(report))
    assert page.text_by_id["verdict-label"] == "FAILED"
    assert page.text_by_id["fatal"] == "Could not run: connection refused <b>"
    assert not page.find("b")
