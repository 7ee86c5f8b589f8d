"""The ``conformance`` pytest plugin: options and hooks only (fixtures live in ``fixtures.py``).

Loaded through the ``pytest11`` entry point, it stays inert in a run that collects no scenario
(the project's own tests, or any other suite in the same environment). When scenarios are
collected it parametrizes them over the target's endpoints, turns each check's outcome into a
result, writes the reports and sets the exit code of contract section 1.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from conformance.run import gating
from conformance.run.baseline import Baseline, BaselineError, load as load_baseline, today_utc
from conformance.catalogue import CatalogueError, get
from conformance.run.compare import CompareError, compare, load_previous
from conformance.egress import egress_warnings, has_userinfo, without_userinfo
from conformance.expectations import ConfigurationError, load_toml
from conformance.fixtures import (  # noqa: F401  (fixtures are found through this module)
    RunStopped,
    PROBE_KEY,
    build_target,
    conformance_database,
    conformance_target,
    expectations,
    probe,
)
from conformance.exchange_deadline import DEFAULT_EXCHANGE_DEADLINE_S
from conformance.http import DEFAULT_MAX_RETRY_WAIT_S, TargetUnreachable
from conformance.remote.discovery import DEFAULT_MAX_ENDPOINTS
from conformance.remote.credentials_file import register_supplied
from conformance.run.progress import ProgressLine
from conformance.run.scrub import FinalScrub
from conformance.results import CheckFailed, Result
from conformance.run.run_level import RunAnswers, WorkerDigests, rejudge
from conformance.run import completeness as run_completeness
from conformance.run.journal import Journal, read as read_journal
from conformance.run import scratch
from conformance.run.report_dir import remove_stale_reports, unwritable
from conformance.run.tracker import CompletenessTracker
from conformance.run.state import STATE_KEY, RunOptions, RunState, get_state

SCHEME_PARAM = "scheme"
ENDPOINT_PARAM = "endpoint"
BASELINE_KEY = pytest.StashKey[Baseline]()  # --baseline, parsed at configure time
PREVIOUS_REPORT_KEY = pytest.StashKey[dict]()  # --compare, parsed at configure time
WORKER_DIGESTS_KEY = pytest.StashKey[WorkerDigests]()  # answers received, not yet digested
# Passed and skipped results of one check and scheme (or login) that keep their exchanges
# (issue 16): memory and report size stay flat in the number of endpoints; failures and errors
# always keep theirs.
PASS_EVIDENCE_SAMPLE = 1


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance", "drf-conformance (audit of DRF authentication)")
    group.addoption("--target-url", metavar="URL", help="remote mode: audit the deployment at URL over HTTP(S)")
    group.addoption("--credentials", metavar="FILE", help="remote mode: credentials file (JSON or TOML) by role")
    group.addoption("--config", dest="conformance_config", metavar="FILE",
                    help="TOML file of expectations (PUBLIC_PATHS, MAX_TOKEN_AGE, ...); wins over settings.CONFORMANCE")
    group.addoption("--report-dir", metavar="DIR", default="reports", help="where reports go (default: reports/)")
    group.addoption("--fail-on", metavar="LEVEL", default="low",
                    help=f"lowest severity of a failed check that makes the run exit 1: {', '.join(gating.FAIL_ON_LEVELS)} (default: low)")
    group.addoption("--openapi", metavar="URL-or-FILE", help="remote mode: discover endpoints from an OpenAPI document")
    group.addoption("--endpoints", dest="endpoints_file", metavar="FILE",
                    help="remote mode: endpoints to audit, one 'METHOD /path' a line")
    group.addoption("--ca-bundle", metavar="FILE", help="trust this CA for HTTPS")
    group.addoption("--insecure", action="store_true", default=False, help="skip TLS verification (loudly reported)")
    group.addoption("--try-default-credentials", action="store_true", default=False,
                    help="remote mode: try a short list of well-known default username/password pairs at the "
                         "login endpoints (DRFC-906), stopping at the first lockout sign")
    group.addoption("--allow-unsafe-methods", action="store_true", default=False,
                    help="remote mode: allow POST/PUT/PATCH/DELETE probes to non-auth endpoints")
    group.addoption("--max-rps", metavar="N", type=float, default=None, help="cap the request rate")
    group.addoption("--max-endpoints", metavar="N", type=int, default=DEFAULT_MAX_ENDPOINTS,
                    help=f"remote mode: refuse an --openapi/--endpoints list of more than N endpoints (default: {DEFAULT_MAX_ENDPOINTS})")
    group.addoption("--exchange-deadline", metavar="SECONDS", type=float, default=DEFAULT_EXCHANGE_DEADLINE_S,
                    help="remote mode: total time one request may take, connect to last byte of the answer "
                         f"(default: {DEFAULT_EXCHANGE_DEADLINE_S:g})")
    group.addoption("--max-retry-wait", metavar="SECONDS", type=float, default=DEFAULT_MAX_RETRY_WAIT_S,
                    help="remote mode: total time the run may wait for Retry-After on 429 answers; then throttled checks are "
                         f"errors (default: {DEFAULT_MAX_RETRY_WAIT_S:g})")
    group.addoption("--baseline", metavar="FILE", help="accepted findings that do not fail the run")
    group.addoption("--compare", metavar="REPORT", help="a previous report.json to list new, fixed and unchanged findings")
    group.addoption("--no-db-cache", action="store_true", default=False,
                    help="in-process mode: build the test database from the migrations even if a copy built from "
                         "the same migrations is cached (also DRF_CONFORMANCE_DB_CACHE=0)")
    group.addoption("--keep-all-evidence", action="store_true", default=False,
                    help="keep the exchanges of every passed and skipped check in report.json (default: failures and "
                         f"errors keep theirs, passes and skips only the first of each check and scheme)")


def _usage(message: str) -> None:
    """One line saying what to fix, and exit code 2."""
    raise pytest.exit(f"drf-conformance: {message}", returncode=gating.EXIT_USAGE)


def _options(config: pytest.Config) -> RunOptions:
    get_option = config.getoption
    fail_on = get_option("fail_on")
    if fail_on not in gating.FAIL_ON_LEVELS:
        _usage(f"--fail-on {fail_on!r}: choose one of {', '.join(gating.FAIL_ON_LEVELS)}")
    max_rps = get_option("max_rps")
    if max_rps is not None and max_rps <= 0:
        _usage(f"--max-rps {max_rps}: give a positive number of requests per second")
    for option, value, smallest in (("--max-endpoints", get_option("max_endpoints"), 1),
                                    ("--exchange-deadline", get_option("exchange_deadline"), 0.1),
                                    ("--max-retry-wait", get_option("max_retry_wait"), 0)):
        if value < smallest:
            _usage(f"{option} {value}: give a number of at least {smallest}")
    max_retry_wait = get_option("max_retry_wait")
    workers = int(getattr(config, "workerinput", {}).get("workercount", 1) or 1)
    if workers > 1:  # under pytest-xdist each worker keeps its share: the run as a whole keeps the limit
        max_rps = max_rps / workers if max_rps else max_rps
        max_retry_wait /= workers
    for option, value in (("--credentials", get_option("credentials")), ("--ca-bundle", get_option("ca_bundle")),
                          ("--endpoints", get_option("endpoints_file")), ("--baseline", get_option("baseline")),
                          ("--compare", get_option("compare"))):
        if value and not os.path.isfile(value):
            _usage(f"{option} {value}: no such file")
    target_url = get_option("target_url")
    if not target_url:
        for option, value in (("--credentials", get_option("credentials")), ("--openapi", get_option("openapi")),
                              ("--endpoints", get_option("endpoints_file"))):
            if value:
                _usage(f"{option} is for remote mode: add --target-url URL, or drop {option}")
    elif not target_url.startswith(("http://", "https://")):
        _usage(f"--target-url {target_url!r}: give an http:// or https:// URL")
    elif has_userinfo(target_url):  # never echo it: the part before '@' is a password
        _usage(f"--target-url {without_userinfo(target_url)}: user information (user:password@) is not allowed "
               "in the URL; give the credentials as a role in --credentials or $CONFORMANCE_<ROLE>")
    elif not (get_option("openapi") or get_option("endpoints_file")):
        _usage("remote mode needs the endpoints to audit: pass --openapi URL-or-FILE, --endpoints FILE, or both")
    settings_module = None
    try:
        settings_module = get_option("ds")
    except ValueError:  # pytest-django not loaded (remote mode)
        pass
    return RunOptions(
        target_url=target_url, credentials_file=get_option("credentials"),
        config_file=get_option("conformance_config"), report_dir=Path(get_option("report_dir")),
        fail_on=fail_on, openapi=get_option("openapi"), endpoints_file=get_option("endpoints_file"),
        ca_bundle=get_option("ca_bundle"), insecure=get_option("insecure"),
        allow_unsafe_methods=get_option("allow_unsafe_methods"), max_rps=max_rps,
        baseline=get_option("baseline"), compare=get_option("compare"),
        max_endpoints=get_option("max_endpoints"), exchange_deadline=get_option("exchange_deadline"),
        max_retry_wait=max_retry_wait, keep_all_evidence=get_option("keep_all_evidence"),
        settings_module=settings_module or os.environ.get("DJANGO_SETTINGS_MODULE"),
    )


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(early_config: pytest.Config, parser: pytest.Parser, args: list[str]):
    """Plain ``pytest --ds broken.settings``: pytest-django imports the settings and sets Django up
    in this hook and lets a traceback through (exit 1, "checks failed"). One line and exit 2 instead,
    worded as ``drf-conformance`` words it (contract section 6, "Fails early")."""
    try:
        return (yield)
    except Exception as exc:
        from _pytest.config import ConftestImportFailure

        module = os.environ.get("DJANGO_SETTINGS_MODULE")
        if not module or isinstance(exc, ConftestImportFailure):  # pytest words a conftest's failure itself
            raise
        from conformance.inprocess import startup_errors

        settings_missing = isinstance(exc, ImportError) and f"'{module}'" in str(exc)
        problem = (startup_errors.import_problem if settings_missing else startup_errors.setup_problem)(module, exc)
        sys.stderr.write(f"drf-conformance: {problem}\n")
        raise SystemExit(gating.EXIT_USAGE) from None


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "check(check_id): the catalogue check a scenario test proves")
    config.addinivalue_line("markers", "run_level: judges every answer of the run, so it runs after all other checks")
    config.addinivalue_line("markers", "stack_pairs(select=...): only the endpoint and scheme pairs of one "
                            "auth stack; select(target, pairs) -> (pairs, reason not applicable)")
    config.addinivalue_line("markers", "unsafe_methods_only: parametrized over endpoints of unsafe methods only "
                                       "(CSRF, form bodies): a GET has nothing to judge there")
    config.addinivalue_line("markers", "public_too: parametrized over the public endpoints' safe methods as well "
                                       "(transport security applies to every answer, issue 13)")
    config.addinivalue_line("markers", "custom_header_too: also parametrized over schemes that send their credential "
                                       "in a header of their own (allauth's X-Session-Token, issue 14)")
    config.addinivalue_line("markers", "logs_in: logs in with the shared password role, so it runs after the checks "
                                       "that use the shared tokens (a rotating login would revoke them, issue 13)")
    state = RunState(_options(config))
    config.stash[STATE_KEY] = state
    collector = ResultCollector(state)
    collector.persists = not hasattr(config, "workerinput")  # the controller keeps the journal
    config.pluginmanager.register(collector, "conformance-results")
    config.pluginmanager.register(FinalScrub(state.redactor), "conformance-scrub")  # issue 11
    config.pluginmanager.register(CompletenessTracker(config, state), "conformance-completeness")
    if not hasattr(config, "workerinput"):  # an xdist worker has no terminal of its own
        config.pluginmanager.register(ProgressLine(config), "conformance-progress")
    if state.options.config_file:
        try:  # fail early and in one line, before anything is collected or served
            load_toml(state.options.config_file)
        except ConfigurationError as exc:
            _usage(str(exc))
    try:  # the same for the history files: a typo must not surface after a full audit
        if state.options.baseline:
            config.stash[BASELINE_KEY] = load_baseline(state.options.baseline)
        if state.options.compare:
            config.stash[PREVIOUS_REPORT_KEY] = load_previous(state.options.compare)
    except (BaselineError, CompareError) as exc:
        _usage(str(exc))
    if state.options.insecure:
        state.warnings.append("--insecure: TLS certificates were NOT verified; answers may come from anyone")
    if state.options.mode == "in-process":
        _check_project_settings(state)
    else:  # a credential that cannot be sent stops the run here, and every process can scrub them
        try:
            register_supplied(state.options.credentials_file, state.redactor)
        except ConfigurationError as exc:
            _usage(str(exc))
    state.audit_invocation = _is_audit_invocation(config)
    if not hasattr(config, "workerinput") and state.audit_invocation:
        _prepare_report_dir(state)
        state.scratch = scratch.create()  # before xdist starts its workers: they inherit it


def _check_project_settings(state: RunState) -> None:
    """Import the project's settings and resolve the expectations now, so a broken settings module
    or a bad ``CONFORMANCE`` value is one line before anything runs, not a collection error."""
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        return  # no project to audit: the fixtures say so if an audit was asked for
    from django.conf import settings

    from conformance.expectations import resolve

    module = os.environ["DJANGO_SETTINGS_MODULE"]
    try:
        raw = getattr(settings, "CONFORMANCE", None)
    except ImportError as exc:
        _usage(f"--ds {module}: importing the settings failed ({type(exc).__name__}: {exc})")
    except Exception as exc:  # the settings module itself raised: its first line says why
        _usage(f"--ds {module}: the settings module raised {type(exc).__name__}: {exc}")
    try:
        resolve(raw, state.options.config_file)
    except ConfigurationError as exc:
        _usage(str(exc))


def pytest_report_header(config: pytest.Config) -> list[str]:
    state = config.stash.get(STATE_KEY, None)
    if state is None:
        return []
    options = state.options
    where = options.target_url if options.mode == "remote" else (options.settings_module or "?")
    lines = [f"drf-conformance: {options.mode} mode, target {where}, --fail-on {options.fail_on}, "
             f"reports to {options.report_dir}/"]
    if options.insecure:
        lines.append("drf-conformance: WARNING --insecure: TLS verification is OFF")
    return lines


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.definition.get_closest_marker("check") is None:
        return
    state = get_state(metafunc.config)
    state.audit_seen = True
    if state.stop_code is not None:
        return
    try:
        target = build_target(metafunc.config)
    except RunStopped as stopped:
        # Not pytest.exit: raised while collecting, pytest reports it as a collection error with a
        # traceback. The run stops in pytest_collection_modifyitems instead, on the one line.
        state.stop(stopped)
        return
    names = metafunc.fixturenames
    protected = target.protected_endpoints()
    if metafunc.definition.get_closest_marker("unsafe_methods_only") is not None:
        protected = [e for e in protected if not e.is_safe]
    if metafunc.definition.get_closest_marker("public_too") is not None:
        protected = protected + [e for e in target.public_endpoints() if e.is_safe]
    # A family of one auth stack narrows the pairs to its own (marker ``stack_pairs(select=...)``,
    # ``select(target, pairs) -> (pairs, reason)``); where none is left, one skip says why.
    select = metafunc.definition.get_closest_marker("stack_pairs")
    if ENDPOINT_PARAM in names and SCHEME_PARAM in names:
        pairs = [(e, s) for e in protected for s in e.header_schemes()]
        if metafunc.definition.get_closest_marker("custom_header_too") is not None:
            pairs += [(e, s) for e in protected for s in e.schemes if s.header]
        reason = ""
        if select is not None:
            pairs, reason = select.kwargs["select"](target, pairs)
        if not pairs and not reason:  # only a header of its own (allauth's X-Session-Token): one skip saying so
            own = sorted({s.header for e in protected for s in e.schemes if s.header})
            if own:
                reason = (f"not applicable: this check judges Authorization-header credentials and the protected "
                          f"endpoints take {', '.join(own)} only (judged by DRFC-304, DRFC-401 and DRFC-1001)")
        if not pairs and reason:
            metafunc.parametrize((ENDPOINT_PARAM, SCHEME_PARAM), [
                pytest.param(None, None, marks=pytest.mark.skip(reason=reason), id="not-applicable")])
            return
        metafunc.parametrize((ENDPOINT_PARAM, SCHEME_PARAM), pairs,
                             ids=[f"{e.label}-{s.word or s.header}" for e, s in pairs])
    elif ENDPOINT_PARAM in names:
        metafunc.parametrize(ENDPOINT_PARAM, protected, ids=[e.label for e in protected])


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list) -> None:
    state = get_state(config)
    if state.stop_code is not None:
        config.hook.pytest_deselected(items=list(items))
        items[:] = []
        session.shouldfail = state.stop_line  # pytest prints it as the run's last word
        return
    state.active = any(item.get_closest_marker("check") for item in items)
    # Run-level checks judge what every other check received: they go last (a stable sort).
    # Logins with the shared password role go just before them: a login that rotates the user's
    # token must not revoke the shared token.active while other checks still need it (issue 13).
    items.sort(key=lambda item: (item.get_closest_marker("run_level") is not None,
                                 item.get_closest_marker("logs_in") is not None))
    for item in items:
        marker = item.get_closest_marker("check")
        if marker is None:
            continue
        try:
            get(marker.args[0])
        except (CatalogueError, IndexError) as exc:
            raise pytest.UsageError(f"{item.nodeid}: @pytest.mark.check names no catalogue check ({exc})")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    _attach_answer_digest(item.config, report)
    marker = item.get_closest_marker("check")
    if marker is None or get_state(item.config).stop_code is not None:
        return report
    if call.when == "call" or (call.when == "setup" and not report.passed):
        result = _guarded_result(item, call, report, get(marker.args[0]))
        if PROBE_KEY in item.stash:  # its exchanges are the result's now: not kept per item
            del item.stash[PROBE_KEY]
        if result.outcome == "failed":
            _settle_failure(item.config, report, result)
        # A plain attribute survives pytest-xdist's report serialization to the controller.
        report.conformance_result = result.as_dict()
        if call.excinfo is not None and isinstance(call.excinfo.value, TargetUnreachable) \
                and not _still_reachable(item.config):
            state = get_state(item.config)
            state.fatal = str(call.excinfo.value)
            item.session.shouldfail = f"drf-conformance: target unreachable: {call.excinfo.value}"
    return report


def _attach_answer_digest(config: pytest.Config, report: pytest.TestReport) -> None:
    """The answers received since the last report are digested for the run-level checks and
    forgotten (only 5xx and debug output are kept, issue 16: memory stays flat); on a
    pytest-xdist worker the digest also goes to the controller, which judges the run-level
    checks over the whole run (conformance/run/run_level.py)."""
    state = get_state(config)
    target = state.target
    if target is None or getattr(target, "client", None) is None:
        return
    digests = config.stash.setdefault(WORKER_DIGESTS_KEY, WorkerDigests())
    digest = digests.take(target.client.answers_seen)
    if not digest["counts"]:
        return
    if state.run_answers is None:
        state.run_answers = RunAnswers()
    state.run_answers.add(digest, distributed=False)
    if hasattr(config, "workerinput"):
        report.conformance_answers = digest


def _settle_failure(config: pytest.Config, report: pytest.TestReport, result: Result) -> None:
    """Apply the baseline to a failed check, and keep pytest's own account of it short.

    A finding the baseline accepts is reported to pytest as xfailed, so pytest's counts agree
    with the exit code and the reports. A failure's traceback would only show the scenario
    calling ``probe.judge``; the verdict line says what matters (the evidence is in the reports).
    """
    baseline = config.stash.get(BASELINE_KEY, None)
    result.accepted = baseline.accept(result, today_utc()) if baseline is not None else None
    verdict = f"{result.check_id} {result.endpoint}: expected {result.expected}; got {result.actual}"
    if result.accepted is not None:
        report.outcome = "skipped"
        report.wasxfail = f"accepted by the baseline: {result.accepted}"
        report.longrepr = None
    else:
        report.longrepr = verdict


def _still_reachable(config: pytest.Config) -> bool:
    """One failed request (a server closing early on an oversized body, say) is that check's
    ``error``; only a target that no longer answers at all stops the run with exit code 3."""
    target = get_state(config).target
    return target is not None and target.still_reachable()


def _result(item: pytest.Item, call: pytest.CallInfo, report: pytest.TestReport, check) -> Result:
    params = dict(getattr(item, "callspec", None).params) if hasattr(item, "callspec") else {}
    # An empty parametrization (no endpoint of that kind on this target, e.g. no unsafe method in
    # a remote endpoints list) leaves pytest's NOTSET placeholders: the item is a skip about nothing.
    params = {k: v for k, v in params.items() if type(v).__name__ != "NotSetType"}
    endpoint = params.pop(ENDPOINT_PARAM, None)
    scheme = params.pop(SCHEME_PARAM, None)
    parameters = {k: str(v) for k, v in params.items()}
    if scheme is not None:
        parameters["scheme"] = str(scheme.word or scheme.kind)
    probe = item.stash.get(PROBE_KEY, None)
    verdict = probe.verdict if probe else None
    result = Result(
        check_id=check.check_id, family=check.family, title=check.title, severity=check.severity,
        outcome="passed", endpoint=endpoint.label if endpoint is not None else "",
        detail="", cwe=check.cwe, remediation=check.remediation, references=list(check.references),
        parameters=parameters, evidence=probe.evidence() if probe else [], nodeid=item.nodeid,
    )
    if verdict is not None:
        result.expected, result.actual, result.detail = verdict.expected, verdict.actual, verdict.detail
    if report.skipped:
        result.outcome = "skipped"
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        result.detail = reason.removeprefix("Skipped: ")
    elif report.failed:
        exc = call.excinfo.value if call.excinfo else None
        if isinstance(exc, CheckFailed):
            result.outcome = "failed"
        else:
            result.outcome = "error"
            message = str(exc).strip().splitlines()[0] if exc is not None and str(exc).strip() else ""
            result.detail = f"{type(exc).__name__}: {message}" if exc is not None else "could not be evaluated"
    _sample_evidence(get_state(item.config), result)
    return result


def _sample_evidence(state: RunState, result: Result) -> None:
    """Failures and errors keep every exchange; passes and skips, the first few of each check
    (``--keep-all-evidence``: all). An audit of 800 endpoints held a gigabyte of exchanges of
    checks that passed (issue 16)."""
    if result.outcome in ("failed", "error") or state.options.keep_all_evidence or not result.evidence:
        return
    sample = (result.check_id, result.parameters.get("scheme") or result.parameters.get("login") or "")
    kept = state.pass_evidence_kept.get(sample, 0)
    if kept < PASS_EVIDENCE_SAMPLE:
        state.pass_evidence_kept[sample] = kept + 1
    else:
        result.evidence = []


class ResultCollector:
    """Receives every check's result, on the controller too when pytest-xdist runs workers."""

    def __init__(self, state: RunState):
        self.state = state
        self.run_answers = RunAnswers()  # the workers' answer digests, for run-level checks
        self.persists = True  # results.jsonl (conformance/run/journal.py); not on an xdist worker

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        digest = getattr(report, "conformance_answers", None)
        if digest is not None:
            self.run_answers.add(digest)
        data = getattr(report, "conformance_result", None)
        if data is None:
            return
        fields = dict(data)
        accepted = fields.pop("accepted", None)
        # In memory first, then on disk: an interruption between the two must never leave the
        # journal holding a result the report lacks.
        result = Result(**fields, nodeid=report.nodeid, accepted=accepted)
        self.state.results.append(result)
        if not self.persists:  # an xdist worker: the controller reports, with the exchanges it was sent
            result.evidence = []
            return
        stored = _persist(self.state, data)
        if stored is not None:  # the exchanges wait in the journal for the writers (issue 16)
            result.evidence = data["evidence"] = stored


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if hasattr(config, "workerinput"):  # an xdist worker: the controller reports
        return
    state = config.stash.get(STATE_KEY, None)
    if state is None or not (state.results or state.fatal or state.stop_code or _interrupted_audit(state)):
        return  # nothing ran (all deselected, or not an audit): pytest's own exit code stands
    if state.completeness.interrupted_by and state.target is not None:
        # Interrupted while the target was starting, its fixture never reached its teardown:
        # stop the servers and remove the CA's temp files here (stop() may run twice).
        _safely(state, "stopping the target", state.target.stop)
    try:
        _finish_run(session, state)
    except Exception as exc:  # a crash at report time must not lose the run (issue 13)
        _write_what_is_left(session, state, exc)


def _finish_run(session: pytest.Session, state: RunState) -> None:
    from conformance.reports import build_report, publish_step_summary, write_all

    config = session.config
    baseline = config.stash.get(BASELINE_KEY, None)
    collector = config.pluginmanager.get_plugin("conformance-results")
    if collector is not None:  # under pytest-xdist: run-level checks judged over every worker's answers
        _safely(state, "judging the run-level checks", rejudge, state.results, collector.run_answers,
                lambda result: baseline.accept(result, today_utc()) if baseline is not None else None)
    baseline_section = None
    if baseline is not None:
        reviewed = _safely(state, "reviewing the baseline", baseline.review, state.results, today_utc())
        if reviewed is not None:
            baseline_section, baseline_warnings = reviewed
            state.warnings.extend(baseline_warnings)
    state.warnings.extend(egress_warnings(state.results))
    completeness = _settle_completeness(session, state)
    state.exit_code = gating.exit_code(state.results, state.options.fail_on, state.fatal,
                                       incomplete=run_completeness.is_incomplete(completeness))
    if state.stop_code is not None:
        state.exit_code = state.stop_code
        if state.stop_code == gating.EXIT_USAGE:  # nothing was learned: no report to write
            session.exitstatus = state.exit_code
            _discard_journal(state)
            return
    report = _with_completeness(build_report(state), completeness)
    if baseline_section is not None:
        report["baseline"] = baseline_section
    previous = config.stash.get(PREVIOUS_REPORT_KEY, None)
    if previous is not None:
        comparison = _safely(state, "comparing with --compare", compare, previous, report["results"],
                             state.options.compare)
        if comparison is not None:
            report["comparison"] = comparison
    try:
        state.report_paths, problems = write_all(report, state.options.report_dir, state.redactor)
    except OSError as exc:
        problems = [f"--report-dir {state.options.report_dir}: cannot write reports ({exc.strerror})"]
    state.warnings.extend(problems)
    if problems:
        _record_writer_problems(state, report)
    problem = _safely(state, "appending to $GITHUB_STEP_SUMMARY", publish_step_summary, report, state.redactor)
    if problem:
        state.warnings.append(problem)
    _settle_journal(state)
    state.report = report
    session.exitstatus = state.exit_code


# Completeness and crash safety (contract section 6, issues 11 and 13) ---------------------------

def _interrupted_audit(state: RunState) -> bool:
    """An audit stopped before its first result still gets reports that say so."""
    return state.audit_seen and state.completeness.interrupted_by is not None


def _settle_completeness(session: pytest.Session, state: RunState) -> dict:
    """The ``completeness`` object of report.json: why the run stopped, if it did."""
    tracker = state.completeness
    if state.fatal or state.stop_code is not None:
        tracker.stop_reason = (state.stop_line or f"target unreachable: {state.fatal}").removeprefix(
            "drf-conformance: ")
    elif session.shouldfail or session.shouldstop:  # -x, --maxfail, a project's own addopts
        tracker.stopped_early_by = str(session.shouldfail or session.shouldstop)
    if state.signals is not None and state.signals.late:
        state.warnings.append(f"{state.signals.late} received while the reports were written; "
                              "they were finished first")
    return tracker.as_report(len(state.results))


def _with_completeness(report: dict, completeness: dict) -> dict:
    """``completeness`` and ``verdict`` right after ``summary``: the top of report.json."""
    from conformance.run.summary import verdict_of

    out: dict = {}
    for key, value in report.items():
        out[key] = value
        if key == "summary":
            out["completeness"] = completeness
    out.setdefault("completeness", completeness)
    out["verdict"] = verdict_of(out)
    return out


def _safely(state: RunState, what: str, function, *args):
    """One step of finishing a run; if it raises, a warning names the exception and the rest goes on."""
    try:
        return function(*args)
    except Exception as exc:
        state.warnings.append(f"{what} failed: {type(exc).__name__}: {_first_line(exc)}")
        return None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [""])[0][:300]


def _persist(state: RunState, data: dict):
    """Results go to disk as they are made (conformance/run/journal.py); their exchanges as read
    back from there (None: they stay in memory)."""
    if state.journal is None:
        state.journal = Journal(state.options.report_dir, redact=state.redactor.redact)
    return state.journal.append(data)


def _settle_journal(state: RunState) -> None:
    journal = state.journal
    if journal is None:
        return
    if journal.problem:
        state.warnings.append(journal.problem)
    if any(Path(p).name == "report.json" for p in state.report_paths):
        journal.discard()
    else:
        journal.close()
        state.warnings.append(f"report.json was not written: every result is kept in {journal.path}")


def _record_writer_problems(state: RunState, report: dict) -> None:
    """A writer that failed is named in report.json too (written first, before it was known)."""
    from conformance.reports.json_report import write as write_json

    path = state.options.report_dir / "report.json"
    if path in state.report_paths:
        report["warnings"] = list(state.warnings)
        _safely(state, "rewriting report.json with the writers' warnings", write_json,
                state.redactor.scrub_tree(report), path)
        from conformance.reports import scrub_file

        _safely(state, "scrubbing report.json", scrub_file, path, state.redactor)


def _discard_journal(state: RunState) -> None:
    if state.journal is not None:
        state.journal.discard()


def _write_what_is_left(session: pytest.Session, state: RunState, exc: Exception) -> None:
    """The report could not be built or written the usual way: write report.json (and what
    else the writers manage) from the results recorded, with the crash as a warning."""
    from conformance.reports import write_all
    from conformance.reports.json_report import write as write_json

    state.warnings.append(f"the report could not be built ({type(exc).__name__}: {_first_line(exc)}); "
                          "it was written from the results recorded")
    results = []
    for result in state.results:
        try:  # through JSON and back: a value no writer can encode becomes its text
            results.append(json.loads(json.dumps(result.as_dict(), default=_json_or_text)))
        except Exception:
            continue
    if not results and state.journal is not None:
        results = read_journal(state.journal.path)
    completeness = state.completeness.as_report(len(results))
    failed = any(gating._gates(r.get("outcome"), r.get("severity"), r.get("accepted"), state.options.fail_on)
                 for r in results)
    state.exit_code = gating.EXIT_UNREACHABLE if state.fatal else (
        gating.EXIT_FAILED if failed else gating.EXIT_ERRORS_ONLY)
    summary = {outcome: sum(1 for r in results if r.get("outcome") == outcome)
               for outcome in ("passed", "failed", "skipped", "error")}
    report = {
        "schema_version": 1,
        "tool": {"name": "drf-conformance", "version": _version()},
        "target": {"mode": state.options.mode,
                   "url": state.options.target_url or "https://127.0.0.1",
                   "settings": state.options.settings_module if state.options.mode == "in-process" else None},
        "started_at": state.started_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "duration_s": 0.0,
        "summary": summary,
        "completeness": completeness,
        "results": results,
        "fail_on": state.options.fail_on,
        "exit_code": state.exit_code,
        "warnings": list(state.warnings),
    }
    if state.fatal:
        report["fatal"] = state.fatal
    from conformance.run.summary import verdict_of

    report["verdict"] = verdict_of(report)
    try:
        state.report_paths, problems = write_all(report, state.options.report_dir, state.redactor)
        state.warnings.extend(problems)
    except Exception as second:
        try:
            state.report_paths = [write_json(state.redactor.scrub_tree(report),
                                             state.options.report_dir / "report.json")]
        except Exception:
            state.warnings.append(f"no report could be written ({type(second).__name__}: {_first_line(second)})")
    _settle_journal(state)
    state.report = report
    session.exitstatus = state.exit_code


def _json_or_text(value):
    """Exchanges kept in the journal as a list; anything else no writer can encode as its text."""
    from conformance.run.journal import as_json

    try:
        return as_json(value)
    except TypeError:
        return str(value)


def _version() -> str:
    from conformance import __version__

    return __version__


def _is_audit_invocation(config: pytest.Config) -> bool:
    """This pytest run is an audit (not a project's own tests with the plugin merely installed):
    it names a report directory, or runs the bundled scenarios."""
    if any(str(a) == "--report-dir" or str(a).startswith("--report-dir=") for a in config.invocation_params.args):
        return True
    from conformance.cli import scenarios_dir

    root = scenarios_dir().resolve()
    for arg in config.args:
        path = Path(config.invocation_params.dir, str(arg).split("::")[0]).resolve()
        if path == root or root in path.parents:
            return True
    return False


def _prepare_report_dir(state: RunState) -> None:
    """Fail early on a report directory that cannot take the reports (exit 2, before anything is
    sent), and remove the previous run's reports so none is left looking current."""
    problem = unwritable(state.options.report_dir)
    if problem:
        _usage(problem)
    state.warnings.extend(remove_stale_reports(state.options.report_dir))


def _guarded_result(item: pytest.Item, call: pytest.CallInfo, report: pytest.TestReport, check) -> Result:
    """``_result``, but an exception while recording becomes that check's ``error`` result,
    never an INTERNALERROR that ends the session and loses every other result (issue 13)."""
    try:
        return _result(item, call, report, check)
    except Exception as exc:
        params = getattr(getattr(item, "callspec", None), "params", {})
        endpoint = params.get(ENDPOINT_PARAM)
        return Result(
            check_id=check.check_id, family=check.family, title=check.title, severity=check.severity,
            outcome="error", endpoint=getattr(endpoint, "label", "") or "",
            detail=f"recording the result failed: {type(exc).__name__}: {_first_line(exc)}",
            cwe=check.cwe, remediation=check.remediation, references=list(check.references),
            nodeid=item.nodeid,
        )


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config):
    # Outermost wrapper: our section comes after pytest's short test summary (one line per
    # failed result), so the terminal ends with the findings and the verdict (issue 17).
    outcome = yield
    state = config.stash.get(STATE_KEY, None)
    report = getattr(state, "report", None) if state else None
    if report is None:
        return outcome
    from conformance.run.summary import lines

    report = dict(report, warnings=state.warnings)
    terminalreporter.section("drf-conformance summary")
    for text, markup in lines(report, state.report_paths, state.options.fail_on):
        terminalreporter.write_line(text, **markup)
    return outcome
