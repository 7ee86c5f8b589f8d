"""The self-verification corpus: every flawed variant is caught, by exactly the checks it names.

Each module of ``target_project.variants.VARIANTS`` declares ``EXPECTED_FAILURES``; auditing it
must fail exactly those checks (no more: a false positive is a defect too), with no check that
could not be evaluated (but where a variant's flaw breaks valid credentials of a kind, named in
its ``CONTROL_FAILS_FOR``: checks whose positive control needs one are ``error`` by design). This
is what proves no check only ever passes.
"""

import importlib

import pytest

from target_project.variants import VARIANTS, unexplained_errors


@pytest.mark.parametrize("variant", VARIANTS)
def test_variant_is_caught_by_exactly_its_checks(variant, audit):
    module = importlib.import_module(f"target_project.variants.{variant}")
    expected = module.EXPECTED_FAILURES
    run = audit("--ds", f"target_project.variants.{variant}")
    # A variant that must fail nothing (a trap for the suite, like front_server_400) exits 0.
    assert run.exit_code == (1 if expected else 0), run.stdout[-3000:] + run.stderr[-2000:]
    assert run.outcomes("failed") == expected, run.stdout[-3000:]
    for check_id in getattr(module, "EXPECTED_SKIPS", ()):  # not applicable there, and said so
        assert check_id in run.outcomes("skipped"), (check_id, run.stdout[-3000:])
    assert unexplained_errors(run.report["results"], getattr(module, "CONTROL_FAILS_FOR", ())) == set(), \
        run.stdout[-3000:]


def test_every_check_of_the_catalogue_is_proven_to_fail_by_some_variant():
    """A check that cannot fail is a defect: each one must be some variant's expected failure."""
    from conformance.catalogue import all_checks

    from tests.stacks import expected_failures as stack_expected_failures

    # The auth stacks' flawed copies (tests/stacks/) prove the checks of their own families.
    proven = stack_expected_failures()
    for variant in VARIANTS:
        proven |= importlib.import_module(f"target_project.variants.{variant}").EXPECTED_FAILURES
    unproven = sorted(check.check_id for check in all_checks() if check.check_id not in proven)
    assert not unproven, f"no flawed variant fails {unproven}: add one to target_project/variants/"
