"""Judges of the ``error-hygiene`` family: what a debug page or stack trace looks like in an answer.

The markers are those of CPython tracebacks and of Django's technical 404/500 pages
(``django/views/templates/technical_*.html``); each one alone is enough, none occurs in a sane
API answer.
"""

from __future__ import annotations

import re

from conformance.http import Answer
from conformance.judges.common import describe
from conformance.results import Verdict

DEBUG_MARKERS = (
    ("a Python traceback", re.compile(r"Traceback \(most recent call last\)")),
    ("a Python stack frame", re.compile(r'File "[^"\n]+\.py", line \d+')),
    ("Django's DEBUG notice", re.compile(r"DEBUG\s*(?:<[^>]*>\s*)*=\s*(?:<[^>]*>\s*)*True")),
    ("Django's technical 404 page", re.compile(r"Using the URLconf defined in")),
    ("Django's technical 500 page", re.compile(r"Exception Value:|Exception Location:|Request information")),
    ("a settings dump", re.compile(r"\bSECRET_KEY\b|\bINSTALLED_APPS\b|\bDATABASES\b")),
)
# Answers listed in a run-level verdict: enough to act on, not a wall of text.
MAX_LISTED = 20


def debug_output(answer: Answer) -> list[str]:
    """What in the answer's body gives the server's insides away (empty: nothing)."""
    text = answer.text
    return [name for name, pattern in DEBUG_MARKERS if pattern.search(text)]


def label(answer: Answer) -> str:
    request = answer.exchange.request
    return f"{request['method']} {request['url']} -> HTTP {answer.status}"


def no_debug_output(answer: Answer, what: str) -> Verdict:
    expected = f"{what} answered without a stack trace or debug page"
    found = debug_output(answer)
    if found:
        return Verdict.fail(expected, f"{describe(answer)} with {', '.join(found)}",
                            "the answer shows the server's code, settings or routes")
    return Verdict.ok(expected, f"{describe(answer)}, {len(answer.body)} bytes, no debug output")


def run_without_debug_output(answers: list[Answer]) -> Verdict:
    expected = "no answer of the run with a stack trace or debug page"
    leaking = [(a, debug_output(a)) for a in answers]
    leaking = [(a, found) for a, found in leaking if found]
    if leaking:
        listed = "; ".join(f"{label(a)} ({', '.join(found)})" for a, found in leaking[:MAX_LISTED])
        more = f"; and {len(leaking) - MAX_LISTED} more" if len(leaking) > MAX_LISTED else ""
        return Verdict.fail(expected, f"{len(leaking)} of {len(answers)} answers leak", listed + more)
    return Verdict.ok(expected, f"none of {len(answers)} answers")


def run_without_server_errors(answers: list[Answer]) -> Verdict:
    expected = "no 5xx answer in the whole run"
    failed = [a for a in answers if a.status >= 500]
    if failed:
        listed = "; ".join(label(a) for a in failed[:MAX_LISTED])
        more = f"; and {len(failed) - MAX_LISTED} more" if len(failed) > MAX_LISTED else ""
        return Verdict.fail(expected, f"{len(failed)} of {len(answers)} answers were 5xx", listed + more)
    return Verdict.ok(expected, f"none of {len(answers)} answers")


def leaking_or_failed(answers: list[Answer]) -> list[Answer]:
    """The answers a run-level verdict names, for its evidence."""
    return [a for a in answers if a.status >= 500 or debug_output(a)][:MAX_LISTED]
