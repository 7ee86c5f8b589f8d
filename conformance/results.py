"""Verdicts, outcomes and results: the one shape every report is written from.

Judges return a ``Verdict``; the scenarios layer turns a failed verdict into ``CheckFailed`` and
an unusable positive control into ``CheckError``. The plugin records one ``Result`` per check and
endpoint (and parameters), with four outcomes that are never blurred: a check that crashed is an
``error``, never a pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

OUTCOMES = ("passed", "failed", "skipped", "error")


@dataclass
class Verdict:
    """What a judge concluded from one or more exchanges."""

    passed: bool
    expected: str
    actual: str
    detail: str = ""
    not_applicable: str = ""  # non-empty: the check does not apply, and why (outcome skipped)

    @classmethod
    def ok(cls, expected: str, actual: str, detail: str = "") -> "Verdict":
        return cls(True, expected, actual, detail)

    @classmethod
    def fail(cls, expected: str, actual: str, detail: str = "") -> "Verdict":
        return cls(False, expected, actual, detail)

    @classmethod
    def skip(cls, reason: str) -> "Verdict":
        return cls(True, "", "", reason, not_applicable=reason)


class CheckFailed(AssertionError):
    """The deployment does not meet the check; carries the verdict."""

    def __init__(self, verdict: Verdict):
        self.verdict = verdict
        super().__init__(f"expected {verdict.expected}; got {verdict.actual}. {verdict.detail}".strip())


class CheckError(Exception):
    """The check could not be judged (e.g. the positive control failed); never a pass."""


class PositiveControlFailed(CheckError):
    pass


@dataclass
class Result:
    check_id: str
    family: str
    title: str
    severity: str
    outcome: str
    endpoint: str
    detail: str
    cwe: str
    remediation: str
    references: list[str] = field(default_factory=list)
    parameters: dict[str, str] = field(default_factory=dict)
    expected: str = ""
    actual: str = ""
    evidence: list[dict[str, Any]] = field(default_factory=list)
    nodeid: str = ""
    accepted: str | None = None  # a baseline's reason, when a baseline accepts the finding

    def key(self) -> tuple:
        """Identity across runs: baselines and --compare match on it."""
        return (self.check_id, self.endpoint, tuple(sorted(self.parameters.items())))

    def as_dict(self) -> dict[str, Any]:
        data = {
            "check_id": self.check_id,
            "family": self.family,
            "title": self.title,
            "severity": self.severity,
            "outcome": self.outcome,
            "endpoint": self.endpoint,
            "detail": self.detail,
            "cwe": self.cwe,
            "remediation": self.remediation,
            "evidence": self.evidence,
            "references": self.references,
            "parameters": self.parameters,
            "expected": self.expected,
            "actual": self.actual,
        }
        if self.accepted is not None:
            data["accepted"] = self.accepted
        return data
