"""What a run-level judge reads of one answer, in a form a pytest-xdist worker can send.

It lives below both its users, the error-hygiene judges and the controller's run bookkeeping
(``conformance/run/run_level.py``), so judges never import run bookkeeping: the dependency runs
downhill, judges -> answers -> http.
"""

from __future__ import annotations

from dataclasses import dataclass

from conformance.http import Answer, Exchange


@dataclass
class AnswerDigest:
    """What a run-level judge reads of one answer, sent from a worker to the controller."""

    status: int
    exchange: Exchange
    debug_markers: list[str]

    @classmethod
    def of(cls, answer: Answer, markers: list[str]) -> "AnswerDigest":
        return cls(answer.status, answer.exchange, markers)

    def as_dict(self) -> dict:
        return {"status": self.status, "debug_markers": self.debug_markers,
                "exchange": self.exchange.as_dict()}

    @classmethod
    def from_dict(cls, data: dict) -> "AnswerDigest":
        exchange = data["exchange"]
        return cls(data["status"], Exchange(exchange["role"], exchange["request"], exchange["response"],
                                            exchange["curl"], 0.0), list(data["debug_markers"]))
