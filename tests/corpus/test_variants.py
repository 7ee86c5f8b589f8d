"""The self-verification corpus: every flawed variant is caught, by exactly the checks it names.

Each module of ``target_project.variants.VARIANTS`` declares ``EXPECTED_FAILURES``; auditing it
must fail exactly those checks (no more: a false positive is a defect too), with no check that
could not be evaluated (but where a variant's flaw breaks valid credentials of a kind, named in
its ``CONTROL_FAILS_FOR``: checks whose positive control needs one are ``error`` by design). This
is what proves no check only ever passes.

Each variant is audited in the families of the checks it names (expected failures and skips),
every check of those families included, so a false positive there fails here too: a whole audit
costs three times as much, and the suite audits 45 variants. Whole audits prove the rest:
a variant that must fail nothing (a trap for the suite) is audited whole here, as is
``leaky_refusal`` (the test run's shared audit, read by tests/reports and tests/remote too); the
reference deployment's whole audit passes (tests/e2e/test_audit.py); and docs/DETECTION.md,
generated from a whole audit of every variant (``python -m tools.detection_table``), must say
each one failed exactly its checks (tests/corpus/test_detection_table.py).
"""

import importlib

import pytest

from target_project.variants import VARIANTS, unexplained_errors

# Audited whole all the same by other tests (shared_audit runs it once per test run).
WHOLE = {"leaky_refusal"}


def families_selection(check_ids) -> tuple[str, ...]:
    """``-k`` for the scenario modules (``scenarios/test_<family>.py``) of these checks' families;
    nothing (the whole audit) when there are none."""
    from conformance.catalogue import all_checks

    family = {check.check_id: check.family for check in all_checks()}
    families = sorted({family[check_id] for check_id in check_ids})
    if not families:
        return ()
    # The module's file name: no scenario function's name holds ".py" (test_csrf would also
    # select transport-security's test_csrf_cookie_attributes).
    return ("-k", " or ".join(scenario_module(name) for name in families))


def scenario_module(family: str) -> str:
    return f"test_{family.replace('-', '_')}.py"


@pytest.mark.parametrize("variant", VARIANTS)
def test_variant_is_caught_by_exactly_its_checks(variant, shared_audit):
    module = importlib.import_module(f"target_project.variants.{variant}")
    expected = module.EXPECTED_FAILURES
    selection = () if variant in WHOLE else families_selection(expected | set(getattr(module, "EXPECTED_SKIPS", ())))
    run = shared_audit("--ds", f"target_project.variants.{variant}", *selection)
    # A variant that must fail nothing (a trap for the suite, like front_server_400) exits 0.
    assert run.exit_code == (1 if expected else 0), run.stdout[-3000:] + run.stderr[-2000:]
    assert run.outcomes("failed") == expected, run.stdout[-3000:]
    for check_id in getattr(module, "EXPECTED_SKIPS", ()):  # not applicable there, and said so
        assert check_id in run.outcomes("skipped"), (check_id, run.stdout[-3000:])
    assert unexplained_errors(run.report["results"], getattr(module, "CONTROL_FAILS_FOR", ())) == set(), \
        run.stdout[-3000:]
    if selection:  # every check of the selected families ran, none of the others
        ran = {result["family"] for result in run.report["results"]}
        assert {scenario_module(family) for family in ran} == set(selection[1].split(" or ")), ran


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
