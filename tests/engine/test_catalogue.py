"""The catalogue: malformed or duplicate records fail loudly, and docs/CHECKS.md matches it."""

from dataclasses import replace

import pytest

from conformance.catalogue import FAMILIES, CatalogueError, all_checks, get, register
from conformance.catalogue import docs
from conformance.catalogue.registry import Check

VALID = Check(
    check_id="DRFC-9999", family="missing-credentials", title="A test record", severity="low",
    cwe="CWE-287", description="Only for tests.", remediation="Set REST_FRAMEWORK['X'].",
    references=("RFC 9110",),
)


@pytest.mark.parametrize("change, message", [
    ({"check_id": "CHECK-1"}, "DRFC-"),
    ({"family": "made-up"}, "unknown family"),
    ({"severity": "urgent"}, "unknown severity"),
    ({"cwe": "287"}, "CWE"),
    ({"title": " "}, "title"),
    ({"remediation": ""}, "remediation"),
    ({"references": ()}, "references"),
])
def test_an_incomplete_record_is_rejected_with_what_to_fix(change, message):
    with pytest.raises(CatalogueError, match=message):
        register(replace(VALID, **change))


def test_a_second_record_with_an_existing_id_is_rejected():
    existing = all_checks()[0]
    with pytest.raises(CatalogueError, match="registered twice"):
        register(replace(VALID, check_id=existing.check_id))


def test_every_registered_check_is_complete_and_families_are_the_contracts():
    checks = all_checks()
    assert checks, "the catalogue is empty"
    assert {c.family for c in checks} <= set(FAMILIES)
    assert len({c.check_id for c in checks}) == len(checks)
    for check in checks:
        assert get(check.check_id) is check


def test_an_unknown_id_is_a_catalogue_error():
    with pytest.raises(CatalogueError, match="no check"):
        get("DRFC-0000")


def test_checks_md_is_generated_from_the_catalogue():
    assert docs.DOCS_PATH.read_text(encoding="utf-8") == docs.render(), (
        "docs/CHECKS.md is stale: run python -m conformance.catalogue.docs"
    )


def test_every_check_appears_in_checks_md_with_its_remediation():
    text = docs.render()
    for check in all_checks():
        assert check.check_id in text and check.cwe in text
