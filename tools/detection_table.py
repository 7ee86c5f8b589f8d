"""Generate ``docs/DETECTION.md``: which flawed variant each check family catches.

    python -m tools.detection_table            # audit every variant in both modes, rewrite the page
    python -m tools.detection_table --jobs 1   # one audit at a time
    python -m tools.detection_table --in-process-only   # keep the page's remote column as it is
    python -m tools.detection_table --check    # the page lists today's variants and expectations

Each variant of ``target_project.variants`` is audited by the real command line in its own
process (DRF binds authentication classes to ``APIView`` at import, so one settings module per
process), two at a time by default: the machine has two cores. Twice: in-process
(``--ds target_project.variants.<name>``), and remotely, served by gunicorn over TLS on loopback
with a plain-HTTP gunicorn beside it (the machinery of tests/served.py: its own SQLite
copy, ``conformance_provision``, the deployment's OpenAPI document, ``--allow-unsafe-methods``).
The page shows each variant's mistake (the ``Mistake:`` paragraph of its docstring), the checks it
must fail (``EXPECTED_FAILURES``), the checks each audit failed, why a flaw is not observable
from outside where the remote expectation differs (``REMOTE_UNOBSERVABLE``: a clock, the ORM),
and then, per family of contract section 2, how many variants the family catches.

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
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS_PATH = REPO / "docs" / "DETECTION.md"
COMMAND = "python -m tools.detection_table"
AUDIT_TIMEOUT_S = 900

OK, MISSED, EXTRA, ERROR = "OK", "MISSED", "EXTRA", "ERROR"
NOT_REMOTE = "n/a"  # an auth stack's copy that remote mode cannot audit yet (allauth headless)


@dataclass
class Variant:
    """What a variant's module says about itself."""

    name: str
    mistake: str
    expected: frozenset[str]
    # Checks whose flaw a black box cannot see, and why (a clock it cannot move, the ORM).
    remote_unobservable: dict[str, str] = field(default_factory=dict)
    # Failures only the served deployment shows (its WSGI server's own configuration).
    remote_only: frozenset[str] = frozenset()
    remote_server_args: tuple[str, ...] = ()
    module: str = ""  # its settings module; target_project.variants.<name> when empty
    select: str = ""  # a -k expression: an auth stack's copy is audited in its own families only
    # An auth stack's copy served remotely: its settings' REMOTE dict ("config" TOML declaring the
    # stack's documented paths, "endpoints" file, "drop_roles" its API does not take or "keep_roles"
    # the only ones it takes); else not served.
    remote: dict = field(default_factory=dict)

    @property
    def settings_module(self) -> str:
        return self.module or f"target_project.variants.{self.name}"

    @property
    def remote_expected(self) -> frozenset[str]:
        return (self.expected - frozenset(self.remote_unobservable)) | self.remote_only


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
                             frozenset(getattr(module, "EXPECTED_FAILURES", ())),
                             dict(getattr(module, "REMOTE_UNOBSERVABLE", {})),
                             frozenset(getattr(module, "REMOTE_ONLY_FAILURES", ())),
                             tuple(getattr(module, "REMOTE_SERVER_ARGS", ()))))
    return found + stack_variants()


# The stack checks whose flaw no black box sees, and why: each skips remotely, saying so. A copy
# served remotely (its settings' REMOTE) gets these for its expected checks.
STACK_REMOTE_UNOBSERVABLE = {
    "DRFC-1204": "settings: the forgery is keyed with the project's RS256 public key (SIMPLE_JWT['VERIFYING_KEY'])",
    "DRFC-1207": "settings: a validly signed token of a user who does not exist needs the project's signing key",
    "DRFC-1304": "ORM: the holder of a refresh token is deactivated through the ORM",
    "DRFC-1305": "settings: which views authenticate statelessly is in their authentication classes",
    "DRFC-1401": "ORM: a token of one scope is issued through django-oauth-toolkit's models",
    "DRFC-1402": "settings: OAUTH2_PROVIDER['PKCE_REQUIRED'] and the applications in DOT's models",
    "DRFC-1403": "ORM: the applications' registered redirect URIs are in DOT's models",
    "DRFC-1404": "ORM: an implicit-grant application is looked for in DOT's models",
    "DRFC-1406": "ORM: the refresh token replayed is issued through DOT's models",
    "DRFC-1407": "ORM: a client-credentials token is issued through DOT's models",
}


def stack_variants() -> list[Variant]:
    """The flawed copies of the reference auth stacks (tests/stacks/), as ``<stack>.<copy>``:
    audited in-process, and served remotely where the stack's settings carry ``REMOTE_CONFIG``."""
    from tests.stacks import FAMILY_SELECTION, STACKS, flawed_copies

    found = []
    for stack in STACKS:
        for name in flawed_copies(stack):
            module = importlib.import_module(f"tests.stacks.{stack}.{name}")
            expected = frozenset(getattr(module, "EXPECTED_FAILURES", ()))
            remote = dict(getattr(module, "REMOTE", {}))
            # Served remotely: the checks no black box can judge say why (issue 12), unless the copy does.
            unobservable = {check: STACK_REMOTE_UNOBSERVABLE[check] for check in expected
                            if remote and check in STACK_REMOTE_UNOBSERVABLE}
            unobservable.update(getattr(module, "REMOTE_UNOBSERVABLE", {}))
            found.append(Variant(f"{stack}.{name}", mistake_of(module.__doc__), expected, unobservable,
                                 module=module.__name__, select=FAMILY_SELECTION[stack], remote=remote))
    return found


def family_of(check_id: str) -> str:
    from conformance.catalogue import CatalogueError, get

    try:
        return get(check_id).family
    except CatalogueError:
        return "?"


# Auditing ------------------------------------------------------------------------------------
def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    for inherited in ("DJANGO_SETTINGS_MODULE", "GITHUB_STEP_SUMMARY"):
        environment.pop(inherited, None)
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), environment.get("PYTHONPATH", "")]))
    return environment


def _caught(module: str, completed: subprocess.CompletedProcess, report_path: Path) -> Caught:
    if not report_path.exists():
        last = (completed.stderr.strip() or completed.stdout.strip()).splitlines()[-1:] or [""]
        return Caught(frozenset(), problem=f"exit {completed.returncode}: {last[0][:160]}")
    results = json.loads(report_path.read_text(encoding="utf-8"))["results"]
    from target_project.variants import unexplained_errors

    # Errors of checks whose positive control the flaw breaks by design (CONTROL_FAILS_FOR) are not ERROR.
    control_fails_for = getattr(importlib.import_module(module), "CONTROL_FAILS_FOR", ())
    return Caught(
        failed=frozenset(r["check_id"] for r in results if r["outcome"] == "failed"),
        errors=frozenset(unexplained_errors(results, control_fails_for)),
    )


def audit(variant: Variant) -> Caught:
    """Run ``drf-conformance --ds <its settings module>`` (``-k`` its families) and read its report.json."""
    with tempfile.TemporaryDirectory(prefix=f"detection-{variant.name}-") as report_dir:
        completed = subprocess.run(
            [sys.executable, "-m", "conformance", "--ds", variant.settings_module,
             "--report-dir", report_dir, "-q", "-p", "no:warnings",
             *(["-k", variant.select] if variant.select else [])],
            cwd=REPO, env=_environment(), capture_output=True, text=True, timeout=AUDIT_TIMEOUT_S,
        )
        return _caught(variant.settings_module, completed, Path(report_dir) / "report.json")


_TEMPLATE_LOCK = threading.Lock()
_TEMPLATE: dict[str, Path] = {}


def _template_database(directory: Path) -> Path:
    """One migrated SQLite file with the sample data; each served variant gets a copy."""
    from tests.remote.conftest import manage, served_env

    with _TEMPLATE_LOCK:
        if "db" not in _TEMPLATE:
            database = directory / "template.sqlite3"
            env = served_env("target_project.settings", database)
            manage(env, "migrate", "--noinput", "-v", "0")
            manage(env, "loaddata", "conformance_sample", "-v", "0")
            _TEMPLATE["db"] = database
        return _TEMPLATE["db"]


def _rsa_private_key_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def audit_remote(variant: Variant, work: Path) -> Caught:
    """Serve the variant with gunicorn (TLS, plus plain HTTP on a second port) and audit it remotely."""
    from tests.remote.conftest import CONFIG, _wait_until_serving, free_port, manage, served_env
    from tests.served import stop_processes

    import trustme

    directory = Path(tempfile.mkdtemp(prefix=f"remote-{variant.name}-", dir=work))
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    ca_path, cert_path, key_path = directory / "ca.pem", directory / "cert.pem", directory / "key.pem"
    ca.cert_pem.write_to_path(ca_path)
    cert.private_key_pem.write_to_path(key_path)
    for i, pem in enumerate(cert.cert_chain_pems):
        pem.write_to_path(cert_path, append=i > 0)
    database = directory / "db.sqlite3"
    shutil.copyfile(_template_database(work), database)
    env = served_env(variant.settings_module, database)
    env.setdefault("SIMPLE_JWT_SIGNING_KEY", secrets.token_urlsafe(64))  # gunicorn and provisioning sign alike
    env.setdefault("SIMPLE_JWT_RSA_PRIVATE_KEY", _rsa_private_key_pem())  # and an RS256 copy with one key pair
    processes: list[subprocess.Popen] = []
    try:
        credentials = directory / "creds.json"
        if variant.module:  # an auth stack's own apps (knox, dj-rest-auth, the blacklist) need their tables
            manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "conformance_provision", "--output", str(credentials))
        drop, keep = variant.remote.get("drop_roles", ()), variant.remote.get("keep_roles")
        if drop or keep:  # only the roles of the schemes the stack's API takes
            issued = json.loads(credentials.read_text(encoding="utf-8"))
            credentials.write_text(json.dumps({k: v for k, v in issued.items()
                                               if k not in drop and (keep is None or k in keep)}), encoding="utf-8")
        listed = "endpoints" in variant.remote
        schema = directory / ("endpoints.txt" if listed else "openapi.yaml")
        schema.write_text(variant.remote["endpoints"] if listed else
                          manage(env, "generateschema", "--format", "openapi").stdout, encoding="utf-8")
        port, http_port = free_port(), free_port()
        # A sound front: gunicorn trusts no forwarded header unless the variant says otherwise.
        gunicorn = [sys.executable, "-m", "gunicorn", "--workers", "1", "--worker-class", "gthread", "--threads", "4",
                    "--log-level", "warning", "--forwarded-allow-ips", "", *variant.remote_server_args]
        for bind, tls in ((port, True), (http_port, False)):
            command = [*gunicorn, "--bind", f"127.0.0.1:{bind}"]
            if tls:
                command += ["--certfile", str(cert_path), "--keyfile", str(key_path)]
            processes.append(subprocess.Popen([*command, "target_project.wsgi:application"], env=env, cwd=REPO,
                                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True))
        _wait_until_serving(processes[0], port, ca_path)
        config = directory / "conformance.toml"
        config.write_text(variant.remote.get("config", CONFIG) + f'HTTP_URL = "http://127.0.0.1:{http_port}"\n',
                          encoding="utf-8")
        report_dir = directory / "reports"
        completed = subprocess.run(
            [sys.executable, "-m", "conformance", "--target-url", f"https://127.0.0.1:{port}",
             "--credentials", str(credentials), "--ca-bundle", str(ca_path), "--config", str(config),
             "--endpoints" if "endpoints" in variant.remote else "--openapi", str(schema), "--allow-unsafe-methods",
             "--report-dir", str(report_dir), "-q", "-p", "no:warnings",
             *(["-k", variant.select] if variant.select else [])],
            cwd=REPO, env=_environment(), capture_output=True, text=True, timeout=AUDIT_TIMEOUT_S,
        )
        return _caught(variant.settings_module, completed, report_dir / "report.json")
    except (AssertionError, RuntimeError, OSError, subprocess.SubprocessError) as exc:
        return Caught(frozenset(), problem=f"not served: {str(exc).strip().splitlines()[-1][:160] if str(exc).strip() else type(exc).__name__}")
    finally:
        stop_processes(processes)
        shutil.rmtree(directory, ignore_errors=True)


def audit_all(names: list[str], jobs: int, remote: bool = True,
              done=lambda name, local, far: None) -> dict[str, tuple[Caught, Caught | None]]:
    """Each variant audited in-process and (``remote``) served by gunicorn; both on the same worker.
    ``done`` is called as each variant finishes (the page is rewritten then: a long run keeps
    what it learned)."""
    by_name = {v.name: v for v in variants()}
    work = Path(tempfile.mkdtemp(prefix="detection-remote-"))
    lock = threading.Lock()

    def timed(name: str) -> tuple[Caught, Caught | None]:
        started = time.monotonic()
        local = audit(by_name[name])
        # An auth stack's test project is served where its settings say how (REMOTE).
        served = remote and (not by_name[name].module or bool(by_name[name].remote))
        far = audit_remote(by_name[name], work) if served else None
        far_text = f", remote {status(by_name[name].remote_expected, far)}" if far is not None else ""
        print(f"  {name}: {status(by_name[name].expected, local)}{far_text} in {time.monotonic() - started:.1f} s",
              flush=True)
        with lock:
            done(name, local, far)
        return local, far

    try:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            return dict(zip(names, pool.map(timed, names)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def status(expected: frozenset[str], caught: Caught) -> str:
    if caught.problem.startswith("in-process only"):
        return NOT_REMOTE  # not a failure of the suite: remote mode cannot be told how yet (docs say why)
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


NOT_AUDITED = Caught(frozenset(), problem="not audited yet")
# A stack's flawed copy whose settings say nothing of serving it (no REMOTE).
IN_PROCESS_ONLY = Caught(frozenset(), problem="in-process only: an auth stack's test project")


def render(found: list[Variant], caught: dict[str, Caught], remote: dict[str, Caught] | None = None) -> str:
    from conformance.catalogue import FAMILIES, all_checks

    remote = remote or {}
    rows = [(v, caught.get(v.name, NOT_AUDITED),
             remote.get(v.name, IN_PROCESS_ONLY if v.module and not v.remote else NOT_AUDITED)) for v in found]
    sound = sum(status(v.expected, c) == OK for v, c, _r in rows)
    sound_remote = sum(status(v.remote_expected, r) == OK for v, _c, r in rows)
    not_remote = sum(status(v.remote_expected, r) == NOT_REMOTE for v, _c, r in rows)
    lines = [
        "# Detection table",
        "",
        f"<!-- Generated by `{COMMAND}` from target_project/variants/ and real audits. Do not edit. -->",
        "",
        "Each flawed variant of the reference deployment (`target_project/variants/`, one mistake each)",
        "audited twice: **in-process** by `drf-conformance --ds target_project.variants.<variant>`, and",
        "**remote** by `drf-conformance --target-url` against the same settings served by gunicorn over TLS",
        "on loopback (a plain-HTTP gunicorn beside it as `HTTP_URL`, credentials from",
        "`conformance_provision`, endpoints from the deployment's OpenAPI document,",
        "`--allow-unsafe-methods`). **expected** is the variant's `EXPECTED_FAILURES`, the mode columns the",
        "checks each audit failed. OK: exactly the expected checks failed and none errored; MISSED: an",
        "expected check did not fail; EXTRA: an unexpected check failed (a false positive); ERROR: a check",
        "could not be judged or the audit did not run; n/a: remote mode cannot be told how to audit that",
        "stack yet (allauth headless's X-Session-Token, docs/auth-stacks.md). A variant that must fail nothing is a trap for the",
        "suite (a sound deployment that status-only judging would flag). Where the remote expectation",
        "differs, the section below the table says why (a clock a black box cannot move, the ORM).",
        "`tests/corpus/test_variants.py` re-audits every row in-process in the families of its expected",
        "checks (a trap whole) and asserts that column; `tests/corpus/test_detection_table.py` that every",
        "in-process result here, from a whole audit, is OK. Rows named",
        "`<stack>.<copy>` are the flawed copies of the reference auth stacks (`tests/stacks/`,",
        "docs/auth-stacks.md), audited with `--ds tests.stacks.<stack>.<copy>` in their own families only",
        "(`-k`); remotely too where the stack's settings say how to serve it (`REMOTE`: its documented",
        "paths declared, the roles its API takes: dj-rest-auth, knox, djoser), else in-process only;",
        "`tests/stacks/` asserts them.",
        "",
        f"{len(rows)} variants: in-process {sound} OK, remote {sound_remote} OK"
        + (f", {not_remote} n/a (in-process only)." if not_remote else "."),
        "",
        "| variant | mistake | family | expected | in-process | result | remote | remote result |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for variant, local, far in rows:
        families = ", ".join(sorted({family_of(i) for i in variant.expected | variant.remote_only})) or "none"
        lines.append(f"| `{variant.name}` | {_cell(variant.mistake)} | {families} | {_ids(variant.expected)} "
                     f"| {_cell(_caught_cell(local))} | {status(variant.expected, local)} "
                     f"| {_cell(_caught_cell(far))} | {status(variant.remote_expected, far)} |")
    differing = [v for v in found if v.remote_expected != v.expected]
    if differing:
        lines += ["", "## Remote expectations that differ", "",
                  "| variant | remote expected | why |", "|---|---|---|"]
        for variant in differing:
            why = "; ".join(f"{check}: {reason}" for check, reason in sorted(variant.remote_unobservable.items()))
            if variant.remote_only:
                why = "; ".join(filter(None, [why, f"{_ids(variant.remote_only)}: only the served deployment's "
                                                   "front server shows it"]))
            lines.append(f"| `{variant.name}` | {_ids(variant.remote_expected)} | {_cell(why)} |")
    checks_per_family: dict[str, int] = {}
    for check in all_checks():
        checks_per_family[check.family] = checks_per_family.get(check.family, 0) + 1
    lines += [
        "",
        "## Family coverage",
        "",
        "Every family of the contract, its checks in the catalogue, and the variants whose flaw one",
        "of its checks caught in-process (an expected check of that family failed).",
        "",
        "| family | checks | variants caught | variants |",
        "|---|---|---|---|",
    ]
    uncovered = []
    for family in FAMILIES:
        catching = [v.name for v, c, _r in rows
                    if any(family_of(i) == family for i in v.expected & c.failed)]
        if not catching:
            uncovered.append(family)
        names = ", ".join(f"`{n}`" for n in catching) or "**none**"
        lines.append(f"| {family} | {checks_per_family.get(family, 0)} | {len(catching)} | {names} |")
    lines += ["", (f"Families no variant catches yet: {', '.join(uncovered)}." if uncovered
                   else "Every family is caught by at least one variant.")]
    return "\n".join(lines) + "\n"


def _parse_caught(cell: str) -> Caught:
    if cell.startswith("not audited ("):
        return Caught(frozenset(), problem=cell.removeprefix("not audited (")[:-1])
    failed, _, errors = cell.partition("; error: ")
    ids = lambda text: frozenset(i.strip() for i in text.split(",") if i.strip() not in ("", "none"))  # noqa: E731
    return Caught(ids(failed), ids(errors))


def caught_from_page(text: str, column: int = 4) -> dict[str, Caught]:
    """A caught column of an existing page (4: in-process, 6: remote), so ``--check`` can re-render
    without auditing, and one mode can be re-audited while the other column is kept."""
    caught = {}
    for line in text.splitlines():
        match = re.match(r"^\| `([\w.]+)` \|", line)
        if not match:
            continue
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) <= column:
            continue
        caught[match.group(1)] = _parse_caught(cells[column])
    return caught


REMOTE_COLUMN = 6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="verify the page against today's variants without auditing; exit 1 if stale")
    parser.add_argument("--jobs", type=int, default=2, help="variants audited at the same time (default 2)")
    parser.add_argument("--in-process-only", action="store_true",
                        help="audit in-process only and keep the page's remote column")
    parser.add_argument("variant", nargs="*", help="re-audit only these variants; keep the others' rows")
    args = parser.parse_args(argv)
    found = variants()
    current = DOCS_PATH.read_text(encoding="utf-8") if DOCS_PATH.exists() else ""
    kept_local, kept_remote = caught_from_page(current), caught_from_page(current, REMOTE_COLUMN)
    if args.check:
        if current != render(found, kept_local, kept_remote):
            print(f"{DOCS_PATH} is out of date: run {COMMAND}", file=sys.stderr)
            return 1
        return 0
    names = args.variant or [v.name for v in found]
    unknown = set(names) - {v.name for v in found}
    if unknown:
        parser.error(f"no such variant: {', '.join(sorted(unknown))}")
    local = kept_local if args.variant else {}
    remote = kept_remote if (args.variant or args.in_process_only) else {}

    def done(name: str, in_process: Caught, far: Caught | None) -> None:
        local[name] = in_process
        if far is not None:
            remote[name] = far
        DOCS_PATH.write_text(render(found, local, remote), encoding="utf-8")

    audit_all(names, args.jobs, remote=not args.in_process_only, done=done)
    DOCS_PATH.write_text(render(found, local, remote), encoding="utf-8")
    print(f"wrote {DOCS_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
