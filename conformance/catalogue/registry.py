"""The one registry of checks.

Every check the suite can report is a declarative ``Check`` record, registered once, in the
module of its family. The registry refuses a duplicate ID, an unknown family, an unknown
severity or a record with an empty field at import time, the way Django's system-check
registry refuses malformed checks: a broken catalogue must never reach a report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Contract section 2: the family names users filter on. Fixed; add, never rename.
FAMILIES = (
    "missing-credentials",
    "malformed-credentials",
    "expired-token",
    "inactive-user",
    "scheme-confusion",
    "credentials-in-url",
    "transport-security",
    "csrf",
    "token-endpoint",
    "revocation",
    "error-hygiene",
    "token-integrity",
    "refresh-token",
    "oauth2-flows",
)

# Lowest first: the order ``--fail-on`` compares in.
SEVERITIES = ("info", "low", "medium", "high", "critical")

CHECK_ID_PATTERN = re.compile(r"^DRFC-\d{3,4}$")
CWE_PATTERN = re.compile(r"^CWE-\d+$")


class CatalogueError(Exception):
    """A check record is malformed or collides with another one."""


@dataclass(frozen=True)
class Check:
    """One check of the catalogue.

    ``remediation`` names the DRF or Django setting or class to change; ``references`` cite the
    RFC, OWASP ASVS or CWE text the expectation comes from. Severity is not part of the ID, so a
    check can be re-rated without changing identity.
    """

    check_id: str
    family: str
    title: str
    severity: str
    cwe: str
    description: str
    remediation: str
    references: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict:
        return {
            "check_id": self.check_id,
            "family": self.family,
            "title": self.title,
            "severity": self.severity,
            "cwe": self.cwe,
            "description": self.description,
            "remediation": self.remediation,
            "references": list(self.references),
        }


_REGISTRY: dict[str, Check] = {}


def _validate(check: Check) -> None:
    if not CHECK_ID_PATTERN.match(check.check_id):
        raise CatalogueError(f"{check.check_id!r}: check IDs look like DRFC-101")
    if check.family not in FAMILIES:
        raise CatalogueError(
            f"{check.check_id}: unknown family {check.family!r}; valid: {', '.join(FAMILIES)}"
        )
    if check.severity not in SEVERITIES:
        raise CatalogueError(
            f"{check.check_id}: unknown severity {check.severity!r}; valid: {', '.join(SEVERITIES)}"
        )
    if not CWE_PATTERN.match(check.cwe):
        raise CatalogueError(f"{check.check_id}: CWE {check.cwe!r} should look like CWE-287")
    for name in ("title", "description", "remediation"):
        if not getattr(check, name).strip():
            raise CatalogueError(f"{check.check_id}: {name} is empty")
    if not check.references:
        raise CatalogueError(f"{check.check_id}: no references; cite the RFC, ASVS or CWE")


def register(check: Check) -> Check:
    """Add ``check`` to the catalogue; a duplicate or incomplete record raises CatalogueError."""
    _validate(check)
    if check.check_id in _REGISTRY:
        raise CatalogueError(f"{check.check_id} is registered twice")
    _REGISTRY[check.check_id] = check
    return check


def get(check_id: str) -> Check:
    try:
        return _REGISTRY[check_id]
    except KeyError:
        raise CatalogueError(f"no check {check_id!r} in the catalogue") from None


def all_checks() -> list[Check]:
    """Every registered check, in family order then by ID."""
    return sorted(
        _REGISTRY.values(), key=lambda c: (FAMILIES.index(c.family), c.check_id)
    )
