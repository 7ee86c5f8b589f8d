"""
Deliberately flawed variants of the reference deployment. NEVER DEPLOY ANY OF THEM.

Each module here (listed in VARIANTS) is a settings module: `from target_project.settings
import *` plus exactly one flaw, so drf-conformance can prove that the check meant
to catch that flaw fails on it while the positive control (valid credentials)
still passes. Each declares EXPECTED_FAILURES, the check IDs its flaw must
fail and no other (tests/corpus/). Run one with `--ds target_project.variants.<name>`.

The flawed code itself lives in the `flaws` package.
"""

import pkgutil

# Every module here but the `flaws` package, so a new variant needs no registration.
VARIANTS = tuple(sorted(
    module.name for module in pkgutil.iter_modules(__path__) if not module.ispkg
))
