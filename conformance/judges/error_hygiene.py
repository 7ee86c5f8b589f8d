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
from conformance.answer_digest import AnswerDigest

# The role of the request that raises on purpose (DRFC-1102): its 5xx is not a finding of DRFC-1104.
DELIBERATE_ERROR_ROLE = "deliberate-error"

DEBUG_MARKERS = (
    ("a Python traceback", re.compile(r"Traceback \(most recent call last\)")),
    ("a Python stack frame", re.compile(r'File "[^"\n]+\.py", line \d+')),
    # Not the stock CSRF failure page of DEBUG = False, which says "More information is available
    # with DEBUG=True." (django/views/csrf.py): that sentence tells DEBUG is off (issue 12).
    ("Django's DEBUG notice", re.compile(r"(?<!is available with )DEBUG\s*(?:<[^>]*>\s*)*=\s*(?:<[^>]*>\s*)*True")),
    ("Django's technical 404 page", re.compile(r"Using the URLconf defined in")),
    ("Django's technical 500 page", re.compile(r"Exception Value:|Exception Location:|Request information")),
    ("a settings dump", re.compile(r"\bSECRET_KEY\b|\bINSTALLED_APPS\b|\bDATABASES\b")),
)
# Answers listed in a run-level verdict: enough to act on, not a wall of text.
MAX_LISTED = 20


def debug_output(answer: Answer) -> list[str]:
    """What in the answer's body gives the server's insides away (empty: nothing).

    An answer digested by a pytest-xdist worker carries what was found in its full body.
    """
    if isinstance(answer, AnswerDigest):
        return list(answer.debug_markers)
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


def run_without_debug_output(answers: list[Answer], total: int | None = None) -> Verdict:
    """``answers`` holds at least every leaking answer; ``total`` counts all (default: ``answers``)."""
    total = len(answers) if total is None else total
    expected = "no answer of the run with a stack trace or debug page"
    leaking = [(a, debug_output(a)) for a in answers]
    leaking = [(a, found) for a, found in leaking if found]
    if leaking:
        listed = "; ".join(f"{label(a)} ({', '.join(found)})" for a, found in leaking[:MAX_LISTED])
        more = f"; and {len(leaking) - MAX_LISTED} more" if len(leaking) > MAX_LISTED else ""
        return Verdict.fail(expected, f"{len(leaking)} of {total} answers leak", listed + more)
    return Verdict.ok(expected, f"none of {total} answers")


def run_without_server_errors(answers: list[Answer], total: int | None = None) -> Verdict:
    """``answers`` holds at least every 5xx answer; ``total`` counts all (default: ``answers``)."""
    total = len(answers) if total is None else total
    expected = "no 5xx answer in the whole run"
    failed = [a for a in answers if a.status >= 500]
    if failed:
        listed = "; ".join(label(a) for a in failed[:MAX_LISTED])
        more = f"; and {len(failed) - MAX_LISTED} more" if len(failed) > MAX_LISTED else ""
        return Verdict.fail(expected, f"{len(failed)} of {total} answers were 5xx", listed + more)
    return Verdict.ok(expected, f"none of {total} answers")


def leaking_or_failed(answers: list[Answer]) -> list[Answer]:
    """The answers a run-level verdict names, for its evidence."""
    return [a for a in answers if a.status >= 500 or debug_output(a)][:MAX_LISTED]


def run_debug_verdict(answers: list, counts: dict[str, int]) -> tuple[Verdict, list]:
    """DRFC-1103 over the run: its verdict and the answers its evidence shows.

    ``answers`` holds at least every notable answer of the run, ``counts`` all of them by role.
    """
    verdict = run_without_debug_output(answers, sum(counts.values()))
    return verdict, [a for a in leaking_or_failed(answers) if debug_output(a)]


def run_server_error_verdict(answers: list, counts: dict[str, int]) -> tuple[Verdict, list]:
    """DRFC-1104 over the run, the deliberate crash of DRFC-1102 left out."""
    answers = [a for a in answers if a.exchange.role != DELIBERATE_ERROR_ROLE]
    total = sum(n for role, n in counts.items() if role != DELIBERATE_ERROR_ROLE)
    verdict = run_without_server_errors(answers, total)
    return verdict, [a for a in leaking_or_failed(answers) if a.status >= 500]


def accepted_somewhere(found) -> Verdict:
    """DRFC-1105: ``found`` is a ``scheme_acceptance.Acceptance`` (where a valid credential worked)."""
    expected = f"valid {found.role} credentials accepted on at least one endpoint"
    if found.accepted_on:
        return Verdict.ok(expected, f"accepted on {found.accepted_on}")
    if not found.tried:
        return Verdict.skip(f"no endpoint of the {found.scheme_word} scheme could be sent a request here")
    listed = "; ".join(f"{where}: {describe(answer)}" for where, answer in found.tried[:MAX_LISTED])
    more = f"; and {len(found.tried) - MAX_LISTED} more" if len(found.tried) > MAX_LISTED else ""
    return Verdict.fail(expected, found.summary(),
                        f"every check of this scheme is `error` for this one cause: {listed}{more}")


# The run-level checks, judged again on the pytest-xdist controller (conformance/run/run_level.py).
RUN_LEVEL = {"DRFC-1103": run_debug_verdict, "DRFC-1104": run_server_error_verdict}
