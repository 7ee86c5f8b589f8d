"""One line for a Django project that cannot start, whoever started it.

``drf-conformance`` checks the settings module before pytest runs; plain ``pytest --ds ...`` (the
plugin loaded from its entry point) reaches pytest-django first, which prints a 70-line traceback
and exits 1, the code for "checks failed". Both paths word the problem here (contract section 6,
"Fails early": configuration errors are exit 2 with one line).
"""

from __future__ import annotations


def first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [""])[0]


def import_problem(module: str, exc: BaseException) -> str:
    """The settings module itself did not import."""
    missing = isinstance(exc, ImportError) and (
        getattr(exc, "name", None) in (module, module.split(".")[0]) or f"'{module}'" in str(exc))
    if missing:
        return (f"--ds {module}: no such settings module on the Python path; "
                f"run from your project's directory or add it to PYTHONPATH")
    return f"--ds {module}: importing the settings failed ({type(exc).__name__}: {first_line(exc)})"


def setup_problem(module: str, exc: BaseException) -> str:
    """``django.setup()`` failed: ``ImproperlyConfigured``, an app that is not installed, ..."""
    hint = ""
    if isinstance(exc, ImportError) and getattr(exc, "name", None):
        hint = f"; install {exc.name!r}, or remove it from INSTALLED_APPS"
    return f"--ds {module}: Django could not start ({type(exc).__name__}: {first_line(exc)}){hint}"
