"""The endpoints an audit covers, however they were discovered."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field

from conformance.auth.schemes import CONTROL_PREFERENCE, Scheme

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # concrete path, parameters filled with placeholders
    route: str = ""  # the pattern it came from, for the report
    view: str = ""  # dotted name of the view, when known
    schemes: tuple[Scheme, ...] = field(default_factory=tuple)  # what the view accepts

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def is_safe(self) -> bool:
        return self.method in SAFE_METHODS

    def header_schemes(self) -> list[Scheme]:
        return [s for s in self.schemes if s.uses_header]

    def control_order(self) -> list[Scheme]:
        """The schemes to try for a positive control, most convenient first."""
        rank = {kind: i for i, kind in enumerate(CONTROL_PREFERENCE)}
        return sorted(self.schemes, key=lambda s: rank.get(s.kind, len(rank)))

    def __str__(self) -> str:
        return self.label


def is_public(path: str, public_patterns: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in public_patterns)
