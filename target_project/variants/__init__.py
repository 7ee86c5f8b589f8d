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


def unexplained_errors(results, control_fails_for=()):
    """Check IDs of `error` results that the variant's CONTROL_FAILS_FOR does not explain.

    A variant whose flaw breaks valid credentials of one kind (the seed's expiring token
    class raises on every token) names that kind in CONTROL_FAILS_FOR: a check whose
    positive control needs such a credential cannot be judged there, by design. Any other
    error is a defect of the suite.
    """
    markers = tuple(f"positive control failed: valid {kind}." for kind in control_fails_for)
    return {
        result["check_id"] for result in results
        if result["outcome"] == "error" and not (markers and any(m in result["detail"] for m in markers))
    }
