"""The catalogue of checks: one module per family registers its records on import.

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

# Importing a family module registers its checks. Keep this list in contract order.
from conformance.catalogue import missing_credentials  # noqa: E402,F401
from conformance.catalogue import malformed_credentials  # noqa: E402,F401
