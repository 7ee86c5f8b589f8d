"""docs/DETECTION.md stays in step with the variants, without re-auditing any of them.

What each variant's audit catches is proven by ``test_variants.py``; this only checks that the
page lists every variant with today's mistake, expected checks and families, so a variant added
or changed without regenerating the page (``python -m tools.detection_table``) fails here.
"""

from target_project.variants import VARIANTS
from tools import detection_table


def test_detection_table_lists_todays_variants_and_expectations():
    page = detection_table.DOCS_PATH.read_text(encoding="utf-8")
    found = detection_table.variants()
    assert set(detection_table.caught_from_page(page)) == {v.name for v in found} >= set(VARIANTS), \
        "variants added or removed: run python -m tools.detection_table"
    remote = detection_table.caught_from_page(page, detection_table.REMOTE_COLUMN)
    assert page == detection_table.render(found, detection_table.caught_from_page(page), remote), \
        "docs/DETECTION.md is out of date: run python -m tools.detection_table"


def test_the_whole_audit_of_every_variant_failed_exactly_its_checks():
    """tests/corpus/test_variants.py audits each variant in the families of its checks; the page
    holds what whole in-process audits of every variant caught (no false positive in any other
    family), as last generated: each row must be OK."""
    page = detection_table.DOCS_PATH.read_text(encoding="utf-8")
    caught = detection_table.caught_from_page(page)
    wrong = {v.name: detection_table.status(v.expected, caught[v.name]) for v in detection_table.variants()
             if detection_table.status(v.expected, caught[v.name]) != detection_table.OK}
    assert not wrong, f"whole audits did not catch exactly the expected checks: {wrong}"


def test_the_page_has_an_in_process_and_a_remote_column_and_says_why_they_differ():
    page = detection_table.DOCS_PATH.read_text(encoding="utf-8")
    assert "| variant | mistake | family | expected | in-process | result | remote | remote result |" in page
    for variant in detection_table.variants():
        for check, why in variant.remote_unobservable.items():
            assert why and check in variant.expected, (variant.name, check)
        if variant.remote_expected != variant.expected:
            assert f"| `{variant.name}` | {detection_table._ids(variant.remote_expected)} |" in page


def test_mistake_is_the_first_sentence_of_the_mistake_paragraph():
    docstring = """
    Variant `x`: something.

    Mistake: the key is looked up
    with `key__startswith`. So more.
    Habit: copying.
    """
    assert detection_table.mistake_of(docstring) == "the key is looked up with `key__startswith`."
