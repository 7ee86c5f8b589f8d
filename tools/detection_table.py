"""Generate ``docs/DETECTION.md``: which flawed variant each check family catches.

    python -m tools.detection_table            # audit every variant, rewrite the page
    python -m tools.detection_table --jobs 1   # one audit at a time
    python -m tools.detection_table --check    # the page lists today's variants and expectations

Each variant of ``target_project.variants`` is audited by the real command line in its own
process (DRF binds authentication classes to ``APIView`` at import, so one settings module per
process), two at a time by default: the machine has two cores. The page shows each variant's
mistake (the ``Mistake:`` paragraph of its docstring), the checks it must fail
(``EXPECTED_FAILURES``), the checks the audit failed, and then, per family of contract section 2,
how many variants the family catches.

``--check`` re-audits nothing: ``tests/corpus/test_variants.py`` proves what is caught. It reads
the caught column back from the page and verifies that everything else (the variants, their
mistakes and expected checks, the families, the coverage) is what the code says today.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS_PATH = REPO / "docs" / "DETECTION.md"
COMMAND = "python -m tools.detection_table"
AUDIT_TIMEOUT_S = 900

OK, MISSED, EXTRA, ERROR = "OK", "MISSED", "EXTRA", "ERROR"


@dataclass
class Variant:
    """What a variant's module says about itself."""

    name: str
    mistake: str
    expected: frozenset[str]
    module: str = ""  # its settings module; target_project.variants.<name> when empty
    select: str = ""  # a -k expression: an auth stack's copy is audited in its own families only

    @property
    def settings_module(self) -> str:
        return self.module or f"target_project.variants.{self.name}"


@dataclass
class Caught:
    """What auditing a variant showed: the checks that failed, those that could not be judged."""

    failed: frozenset[str]
    errors: frozenset[str] = frozenset()
    problem: str = ""  # the audit did not produce a report (exit code and last line)


def mistake_of(docstring: str | None) -> str:
    """The first sentence of the docstring's ``Mistake:`` paragraph, on one line."""
    lines = (docstring or "").strip().splitlines()
    paragraph: list[str] = []
    for line in lines:
        text = line.strip()
        if paragraph:
            # The paragraph ends at a blank line or at the next "Label:" line (Habit:, Must trip:).
            if not text or re.match(r"^[A-Z][\w ]{0,20}:", text):
                break
            paragraph.append(text)
        elif text.startswith("Mistake:"):
            paragraph.append(text.removeprefix("Mistake:").strip())
    if not paragraph:
        return next((line.strip() for line in lines if line.strip()), "(no docstring)")
    text = " ".join(paragraph)
    return re.split(r"(?<=\.)\s+(?=[A-Z])", text, maxsplit=1)[0]


def variants() -> list[Variant]:
    from target_project.variants import VARIANTS

    found = []
    for name in VARIANTS:
        module = importlib.import_module(f"target_project.variants.{name}")
        found.append(Variant(name, mistake_of(module.__doc__),
                             frozenset(getattr(module, "EXPECTED_FAILURES", ()))))
    return found + stack_variants()


def stack_variants() -> list[Variant]:
    """The flawed copies of the reference auth stacks (tests/stacks/), as ``<stack>.<copy>``."""
    from tests.stacks import FAMILY_SELECTION, STACKS, flawed_copies

    found = []
    for stack in STACKS:
        for name in flawed_copies(stack):
            module = importlib.import_module(f"tests.stacks.{stack}.{name}")
            found.append(Variant(f"{stack}.{name}", mistake_of(module.__doc__),
                                 frozenset(getattr(module, "EXPECTED_FAILURES", ())),
                                 module=module.__name__, select=FAMILY_SELECTION[stack]))
    return found


def family_of(check_id: str) -> str:
    from conformance.catalogue import CatalogueError, get

    try:
        return get(check_id).family
    except CatalogueError:
        return "?"


# Auditing ------------------------------------------------------------------------------------
def audit(variant: Variant) -> Caught:
    """Run ``drf-conformance --ds <its settings module>`` (``-k`` its families) and read its report.json."""
    name = variant.name
    environment = dict(os.environ)
    for inherited in ("DJANGO_SETTINGS_MODULE", "GITHUB_STEP_SUMMARY"):
        environment.pop(inherited, None)
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), environment.get("PYTHONPATH", "")]))
    with tempfile.TemporaryDirectory(prefix=f"detection-{name}-") as report_dir:
        completed = subprocess.run(
            [sys.executable, "-m", "conformance", "--ds", variant.settings_module,
             "--report-dir", report_dir, "-q", "-p", "no:warnings",
             *(["-k", variant.select] if variant.select else [])],
            cwd=REPO, env=environment, capture_output=True, text=True, timeout=AUDIT_TIMEOUT_S,
        )
        report_path = Path(report_dir) / "report.json"
        if not report_path.exists():
            last = (completed.stderr.strip() or completed.stdout.strip()).splitlines()[-1:] or [""]
            return Caught(frozenset(), problem=f"exit {completed.returncode}: {last[0][:160]}")
        results = json.loads(report_path.read_text(encoding="utf-8"))["results"]
    from target_project.variants import unexplained_errors

    # Errors of checks whose positive control the flaw breaks by design (CONTROL_FAILS_FOR) are not ERROR.
    control_fails_for = getattr(importlib.import_module(variant.settings_module), "CONTROL_FAILS_FOR", ())
    return Caught(
        failed=frozenset(r["check_id"] for r in results if r["outcome"] == "failed"),
        errors=frozenset(unexplained_errors(results, control_fails_for)),
    )


def audit_all(names: list[str], jobs: int) -> dict[str, Caught]:
    def timed(name: str) -> Caught:
        started = time.monotonic()
        caught = audit(by_name[name])
        print(f"  {name}: {status(expected_of[name], caught)} in {time.monotonic() - started:.1f} s", flush=True)
        return caught

    by_name = {v.name: v for v in variants()}
    expected_of = {v.name: v.expected for v in by_name.values()}
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return dict(zip(names, pool.map(timed, names)))


def status(expected: frozenset[str], caught: Caught) -> str:
    if caught.problem or caught.errors:
        return ERROR
    if expected - caught.failed:
        return MISSED
    if caught.failed - expected:
        return EXTRA
    return OK


# Rendering -----------------------------------------------------------------------------------
def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _ids(ids) -> str:
    return ", ".join(sorted(ids)) or "none"


def _caught_cell(caught: Caught) -> str:
    if caught.problem:
        return f"not audited ({caught.problem})"
    text = _ids(caught.failed)
    if caught.errors:
        text += f"; error: {_ids(caught.errors)}"
    return text


def render(found: list[Variant], caught: dict[str, Caught]) -> str:
    from conformance.catalogue import FAMILIES, all_checks

    rows = [(v, caught.get(v.name, Caught(frozenset(), problem="not audited yet"))) for v in found]
    sound = sum(status(v.expected, c) == OK for v, c in rows)
    lines = [
        "# Detection table",
        "",
        f"<!-- Generated by `{COMMAND}` from target_project/variants/ and real audits. Do not edit. -->",
        "",
        "Each flawed variant of the reference deployment (`target_project/variants/`, one mistake each)",
        "audited by `drf-conformance --ds target_project.variants.<variant>`. **expected** is the",
        "variant's `EXPECTED_FAILURES`, **caught** the checks the audit failed. OK: exactly the expected",
        "checks failed and none errored; MISSED: an expected check did not fail; EXTRA: an unexpected",
        "check failed (a false positive); ERROR: a check could not be judged or the audit did not run.",
        "`tests/corpus/test_variants.py` asserts OK for every row. Rows named `<stack>.<copy>` are the",
        "flawed copies of the reference auth stacks (`tests/stacks/`, docs/auth-stacks.md), audited with",
        "`--ds tests.stacks.<stack>.<copy>` in their own families only (`-k`); `tests/stacks/` asserts them.",
        "",
        f"{len(rows)} variants, {sound} OK.",
        "",
        "| variant | mistake | family | expected | caught | result |",
        "|---|---|---|---|---|---|",
    ]
    for variant, result in rows:
        families = ", ".join(sorted({family_of(i) for i in variant.expected})) or "none"
        lines.append(f"| `{variant.name}` | {_cell(variant.mistake)} | {families} | {_ids(variant.expected)} "
                     f"| {_cell(_caught_cell(result))} | {status(variant.expected, result)} |")
    checks_per_family: dict[str, int] = {}
    for check in all_checks():
        checks_per_family[check.family] = checks_per_family.get(check.family, 0) + 1
    lines += [
        "",
        "## Family coverage",
        "",
        "Every family of the contract, its checks in the catalogue, and the variants whose flaw one",
        "of its checks caught (an expected check of that family failed).",
        "",
        "| family | checks | variants caught | variants |",
        "|---|---|---|---|",
    ]
    uncovered = []
    for family in FAMILIES:
        catching = [v.name for v, c in rows
                    if any(family_of(i) == family for i in v.expected & c.failed)]
        if not catching:
            uncovered.append(family)
        names = ", ".join(f"`{n}`" for n in catching) or "**none**"
        lines.append(f"| {family} | {checks_per_family.get(family, 0)} | {len(catching)} | {names} |")
    lines += ["", (f"Families no variant catches yet: {', '.join(uncovered)}." if uncovered
                   else "Every family is caught by at least one variant.")]
    return "\n".join(lines) + "\n"


def caught_from_page(text: str) -> dict[str, Caught]:
    """The caught column of an existing page, so ``--check`` can re-render without auditing."""
    caught = {}
    for line in text.splitlines():
        match = re.match(r"^\| `([\w.]+)` \|", line)
        if not match:
            continue
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        cell = cells[4]
        if cell.startswith("not audited ("):
            caught[match.group(1)] = Caught(frozenset(), problem=cell.removeprefix("not audited (")[:-1])
            continue
        failed, _, errors = cell.partition("; error: ")
        ids = lambda text: frozenset(i.strip() for i in text.split(",") if i.strip() not in ("", "none"))  # noqa: E731
        caught[match.group(1)] = Caught(ids(failed), ids(errors))
    return caught


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="verify the page against today's variants without auditing; exit 1 if stale")
    parser.add_argument("--jobs", type=int, default=2, help="audits run at the same time (default 2)")
    parser.add_argument("variant", nargs="*", help="re-audit only these variants; keep the others' rows")
    args = parser.parse_args(argv)
    found = variants()
    current = DOCS_PATH.read_text(encoding="utf-8") if DOCS_PATH.exists() else ""
    if args.check:
        if current != render(found, caught_from_page(current)):
            print(f"{DOCS_PATH} is out of date: run {COMMAND}", file=sys.stderr)
            return 1
        return 0
    names = args.variant or [v.name for v in found]
    unknown = set(names) - {v.name for v in found}
    if unknown:
        parser.error(f"no such variant: {', '.join(sorted(unknown))}")
    caught = caught_from_page(current) if args.variant else {}
    caught.update(audit_all(names, args.jobs))
    DOCS_PATH.write_text(render(found, caught), encoding="utf-8")
    print(f"wrote {DOCS_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
