"""The self-verification corpus: every flawed variant is caught, by exactly the checks it names.

Each module of ``target_project.variants.VARIANTS`` declares ``EXPECTED_FAILURES``; auditing it
must fail exactly those checks (no more: a false positive is a defect too), with no check that
could not be evaluated. This is what proves no check only ever passes.
"""

import importlib

import pytest

from target_project.variants import VARIANTS


@pytest.mark.parametrize("variant", VARIANTS)
def test_variant_is_caught_by_exactly_its_checks(variant, audit):
    expected = importlib.import_module(f"target_project.variants.{variant}").EXPECTED_FAILURES
    run = audit("--ds", f"target_project.variants.{variant}")
    assert run.exit_code == 1, run.stdout[-3000:] + run.stderr[-2000:]
    assert run.outcomes("failed") == expected, run.stdout[-3000:]
    assert run.outcomes("error") == set(), run.stdout[-3000:]
