"""The catalogue of checks: one module per family (named after it) registers its records on import.

``docs/CHECKS.md`` is generated from here (``python -m conformance.catalogue.docs``) and a test
keeps the two in sync.
"""

from conformance.catalogue.registry import (  # noqa: F401
    FAMILIES,
    SEVERITIES,
    CatalogueError,
    Check,
    all_checks,
    get,
    register,
)


def _register_families() -> None:
    """Import every family module of this package, in contract order; each registers its checks."""
    import importlib.util

    for family in FAMILIES:
        module = family.replace("-", "_")
        if importlib.util.find_spec(f"{__name__}.{module}") is not None:
            importlib.import_module(f"{__name__}.{module}")


_register_families()
