"""The Python, Django and DRF versions the suite is tested on, checked before a run starts.

In-process mode runs inside the audited project's environment, whatever it holds. Outside the
ranges the support matrix proves (noxfile.py, docs/install.md), an audit could fail in ways that
look like findings, or pass for the wrong reason; so the run stops first with one line naming the
version and the range (exit 2, contract section 1). ``CONFORMANCE_SKIP_VERSION_CHECK=1`` lets a
team try a newer release at its own risk (issues 13 and 15).
"""

from __future__ import annotations

import os
import platform
from importlib import metadata

# (lowest, highest) major.minor, both included. Keep in step with pyproject.toml's ranges.
PYTHON = ((3, 10), (3, 13))
DJANGO = ((4, 2), (6, 1))
DRF = ((3, 15), (3, 18))

SKIP_VARIABLE = "CONFORMANCE_SKIP_VERSION_CHECK"


def _major_minor(version: str) -> tuple[int, int] | None:
    parts = version.split(".")
    try:
        return int(parts[0]), int("".join(ch for ch in parts[1] if ch.isdigit()) or "0")
    except (IndexError, ValueError):
        return None


def _dotted(pair: tuple[int, int]) -> str:
    return f"{pair[0]}.{pair[1]}"


def _outside(name: str, version: str, supported: tuple[tuple[int, int], tuple[int, int]]) -> str | None:
    found = _major_minor(version)
    low, high = supported
    if found is not None and low <= found <= high:
        return None
    return (f"{name} {version} is not supported: drf-conformance supports {name} "
            f"{_dotted(low)} to {_dotted(high)}; install a version in that range "
            f"(or set {SKIP_VARIABLE}=1 to try anyway)")


def _installed(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def problem(in_process: bool) -> str | None:
    """One line if this environment is outside the supported ranges, else None.

    Django and DRF matter only in-process, where the suite imports the project; a remote audit
    is plain HTTP and only needs a supported Python.
    """
    if os.environ.get(SKIP_VARIABLE, "").strip().lower() in ("1", "true", "yes"):
        return None
    found = _outside("Python", platform.python_version(), PYTHON)
    if found or not in_process:
        return found
    for name, distribution, supported in (("Django", "Django", DJANGO),
                                          ("Django REST framework", "djangorestframework", DRF)):
        version = _installed(distribution)
        if version is None:
            return (f"{name} is not installed: in-process mode audits a Django project from its own "
                    f"environment; install drf-conformance there (pip install into the project's venv)")
        found = _outside(name, version, supported)
        if found:
            return found
    return None
