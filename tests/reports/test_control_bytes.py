"""No raw control byte in any report (issue 17): a target's answer may carry ESC sequences,
NUL or bidi overrides, and a report opened in a terminal, a browser or a diff must show them,
not obey them."""

from __future__ import annotations

import re

import pytest

from conformance.reports import html, json_report, junit, markdown, sarif
from conformance.run.summary import lines

HOSTILE = "clear\x1b[2J\x1b]0;pwned\x07 nul\x00 rtl\u202eevil"
C0 = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile(report):
    for result in report["results"]:
        result["detail"] += HOSTILE
        result["actual"] += HOSTILE
        for exchange in result["evidence"]:
            exchange["response"]["body"] = (exchange["response"]["body"] or "") + HOSTILE
            exchange["response"]["headers"]["X-Hostile"] = HOSTILE
            exchange["curl"] += " # " + HOSTILE
    return report


@pytest.mark.parametrize("writer", [json_report, junit, markdown, html, sarif], ids=lambda w: w.__name__)
def test_no_writer_lets_a_control_byte_through(hostile, writer):
    text = writer.render(hostile)
    assert not C0.search(text)
    if writer in (markdown, html):  # read by people: invisible reordering shown too
        assert not BIDI.search(text)
        assert "\\x1b[2J" in text


def test_nor_does_the_terminal_summary(hostile):
    text = "\n".join(line for line, _ in lines(hostile, [], "low"))
    assert not C0.search(text) and not BIDI.search(text) and "\\x1b[2J" in text
