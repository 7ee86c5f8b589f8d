"""Run-level checks under pytest-xdist: every worker's answers, judged once on the controller.

A run-level check (``@pytest.mark.run_level``, the error-hygiene family) judges every answer
the run received. Under ``-n N`` each worker has its own target and client, so the worker that
runs the check sees only its own answers: a 5xx or a debug page met by another worker would be
missed, and ``-n 2`` could pass where a serial run fails.

So each worker attaches to every test report a small digest of the answers it received since
its last report: how many, by role, and only the answers a run-level judge names (a 5xx, or a
body with debug output), each as its redacted exchange and the debug markers found in its full
body. The controller accumulates the digests and, before the reports are built, judges the
run-level results again over the whole run with the same judge functions
(``conformance.judges.error_hygiene.RUN_LEVEL``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from conformance.answer_digest import AnswerDigest
from conformance.http import Answer
from conformance.judges.error_hygiene import RUN_LEVEL, debug_output


@dataclass
class RunAnswers:
    """Every answer of the run as the run-level judges need it: counts by role, notable answers."""

    counts: dict[str, int] = field(default_factory=dict)
    notable: list[AnswerDigest] = field(default_factory=list)
    received: bool = False  # a worker sent a digest: the run was distributed

    def add(self, digest: dict, distributed: bool = True) -> None:
        """``distributed``: a digest a worker sent (on this process's own answers, False)."""
        self.received = self.received or distributed
        for role, count in digest["counts"].items():
            self.counts[role] = self.counts.get(role, 0) + count
        self.notable.extend(AnswerDigest.from_dict(d) for d in digest["notable"])


class WorkerDigests:
    """The digest of the answers received since the previous report (every process makes one;
    a pytest-xdist worker also sends it to the controller)."""

    def take(self, answers: list[Answer]) -> dict | None:
        """Digest ``answers`` and empty the list: an answer's body is not kept past its report
        unless a run-level judge names it (issue 16: an 800-endpoint audit kept all of them)."""
        new = list(answers)
        answers.clear()
        counts: dict[str, int] = {}
        notable = []
        for answer in new:
            counts[answer.exchange.role] = counts.get(answer.exchange.role, 0) + 1
            markers = debug_output(answer)
            if answer.status >= 500 or markers:
                notable.append(AnswerDigest.of(answer, markers).as_dict())
        return {"counts": counts, "notable": notable}


def rejudge(results: list, run: RunAnswers, accept) -> None:
    """Judge the run-level ``results`` again over the whole run's answers (on the controller).

    ``accept(result)`` applies the baseline to a result that now fails. A result that could not
    be judged for another reason than an empty run, or was skipped, stays as it is.
    """
    if not run.received or not sum(run.counts.values()):
        return
    for result in results:
        judge = RUN_LEVEL.get(result.check_id)
        if judge is None or result.outcome == "skipped":
            continue
        verdict, evidence = judge(run.notable, run.counts)
        result.expected, result.actual, result.detail = verdict.expected, verdict.actual, verdict.detail
        result.outcome = "passed" if verdict.passed else "failed"
        result.evidence = [a.exchange.as_dict() for a in evidence]
        result.accepted = accept(result) if result.outcome == "failed" else None
