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


# PUBLIC_PATHS entries may name methods (issue 13): "GET /snippets/*", "GET,HEAD /x/", and "SAFE"
# for the methods RFC 9110 section 9.2.1 calls safe, as DRF's IsAuthenticatedOrReadOnly serves
# them to anonymous clients. A plain pattern covers every method, as before.
METHOD_WORDS = {"GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE", "TRACE", "SAFE", "*"}


class PublicPathError(ValueError):
    """A PUBLIC_PATHS entry that cannot be read; the message shows the accepted forms."""


@dataclass(frozen=True)
class PublicPath:
    pattern: str  # fnmatch glob over the path
    methods: frozenset[str] | None = None  # None: every method

    def covers(self, path: str, method: str | None) -> bool:
        if not fnmatch.fnmatchcase(path, self.pattern):
            return False
        if self.methods is None:
            return True
        return method is not None and method.upper() in self.methods


def parse_public_path(entry: str) -> PublicPath:
    """``"/health/"``, ``"GET /snippets/*"``, ``"SAFE /snippets/*"`` or ``"GET,HEAD /x/"``."""
    parts = entry.split()
    if len(parts) == 1:
        return PublicPath(parts[0])
    words = set(parts[0].upper().replace("|", ",").split(",")) - {""} if len(parts) == 2 else set()
    if not words or not words <= METHOD_WORDS:
        raise PublicPathError(f"{entry!r} is not a public path: write a glob like '/health/', or methods "
                              "then a glob like 'GET /snippets/*', 'GET,HEAD /x/' or 'SAFE /snippets/*'")
    if "*" in words:
        return PublicPath(parts[1])
    methods = (words - {"SAFE"}) | (set(SAFE_METHODS) if "SAFE" in words else set())
    return PublicPath(parts[1], frozenset(methods))


def is_public(path: str, public_patterns: list[str], method: str | None = None) -> bool:
    """``path`` (answering ``method``) is declared public; an entry with methods needs ``method``."""
    return any(parse_public_path(entry).covers(path, method) for entry in public_patterns)
