"""What the knox and djoser stack tests share: one audit per settings module, narrowed to families.

A flawed copy is audited in the families of its expected checks only (``-k``), which keeps each
audit short; the sound stack in all four families whose logins it feeds.
"""

from __future__ import annotations

import importlib

from conformance.catalogue import get
from tests.conftest import run_audit
from tests.stacks import LOGIN_FAMILIES

MINE = {"expired-token", "inactive-user", "token-endpoint", "revocation"}


def selection(expected: set[str]) -> str:
    families = sorted({get(check).family for check in expected})
    return " or ".join(f"test_{family.replace('-', '_')}" for family in families)


def audit_copy(stack: str, name: str, directory, *extra: str):
    module = importlib.import_module(f"tests.stacks.{stack}.{name}")
    expected = getattr(module, "EXPECTED_FAILURES", None)
    chosen = selection(expected) if expected else LOGIN_FAMILIES
    return expected, run_audit(["--ds", module.__name__, "-k", chosen, *extra], directory)


def mine(run):
    return [r for r in run.report["results"] if r["family"] in MINE]


