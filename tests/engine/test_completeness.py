"""The completeness object, the verdict words and the exit code of an unfinished run (contract section 6)."""

from types import SimpleNamespace

import pytest

from conformance.auth.schemes import keyword_of, scheme_of
from conformance.results import Result
from conformance.run import gating
from conformance.run.completeness import Completeness, narrowing_options, summary_line, verdict_label


def counted(planned: int, deselected: int = 0, **fields) -> Completeness:
    completeness = Completeness(**fields)
    completeness.add_collected(planned - deselected, deselected)
    return completeness


def test_every_check_ran():
    report = counted(10).as_report(ran=10)
    assert report == {"status": "complete", "complete": True, "planned": 10, "deselected": 0, "selected": 10,
                      "run": 10, "not_run": 0, "reason": None}


def test_a_narrowed_selection_is_partial_and_names_its_options():
    report = counted(10, 7, narrowed_by=["-k 'csrf'"]).as_report(ran=3)
    assert (report["status"], report["selected"], report["not_run"]) == ("partial", 3, 0)
    assert report["reason"] == "selection narrowed by -k 'csrf'"
    label = verdict_label({"completeness": report}, "PASSED")
    assert label == "PASSED (partial: 3 of 10 checks)"
    assert verdict_label({"completeness": report}, "FAILED") == "FAILED"  # a narrowed failure is a failure


@pytest.mark.parametrize("fields, status, reason", [
    ({"interrupted_by": "SIGTERM"}, "interrupted", "interrupted by SIGTERM"),
    ({"stopped_early_by": "stopping after 1 failures"}, "stopped-early", "stopped early (stopping after 1 failures; -x or --maxfail)"),
    ({}, "stopped-early", "6 selected checks recorded no result"),
])
def test_an_unfinished_run_is_incomplete(fields, status, reason):
    report = counted(10, **fields).as_report(ran=4)
    assert (report["status"], report["not_run"], report["reason"]) == (status, 6, reason)
    assert verdict_label({"completeness": report}, "PASSED") == "INCOMPLETE"
    assert summary_line(report).startswith(f"Completeness: {status}, 4 of 10 checks run (6 not run)")


def test_an_unfinished_run_never_exits_0():
    passed = Result("DRFC-101", "missing-credentials", "t", "high", "passed", "GET /", "", "CWE-287", "fix")
    failed = Result("DRFC-102", "missing-credentials", "t", "low", "failed", "GET /", "", "CWE-287", "fix")
    assert gating.exit_code([passed], "low", incomplete=True) == gating.EXIT_ERRORS_ONLY
    assert gating.exit_code([passed, failed], "low", incomplete=True) == gating.EXIT_FAILED
    assert gating.exit_code([passed, failed], "high", incomplete=True) == gating.EXIT_ERRORS_ONLY
    assert gating.exit_code([passed], "low") == gating.EXIT_OK
    report = {"results": [passed.as_dict()], "completeness": {"status": "interrupted"}}
    assert gating.exit_code_of(report) == gating.EXIT_ERRORS_ONLY


def test_narrowing_options_as_typed():
    option = SimpleNamespace(keyword="csrf", markexpr="not slow", deselect=["scenarios/test_csrf.py::t"])
    assert narrowing_options(option) == ["-k 'csrf'", "-m 'not slow'", "--deselect scenarios/test_csrf.py::t"]


def test_a_property_keyword_is_read_from_an_instance_as_drf_does():
    from rest_framework.authentication import BaseAuthentication, TokenAuthentication

    class SettingsWord(TokenAuthentication):
        @property
        def keyword(self):
            return "Api-Key"

    class NeedsArguments(TokenAuthentication):
        def __init__(self, required):
            self.required = required

        @property
        def keyword(self):
            return "Never"

    class Unknown(BaseAuthentication):
        keyword = property(lambda self: "AppSession")

    assert scheme_of(SettingsWord).word == "Api-Key"
    assert scheme_of(NeedsArguments).word == "Token"  # DRF's documented default
    assert scheme_of(Unknown).word == "AppSession"
    assert keyword_of(TokenAuthentication, "Token") == "Token"
    sorted([scheme_of(SettingsWord), scheme_of(Unknown), scheme_of(TokenAuthentication)])  # no TypeError
