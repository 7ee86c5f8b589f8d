"""One audit in this process, timed phase by phase, optionally with its replay floor.

    python -m bench.child --out FILE [--replay] [--profile FILE] -- <drf-conformance arguments>

Runs the same pytest command line as ``drf-conformance`` (``conformance.cli.pytest_args``) with
one more plugin, ``BenchPlugin``, which only observes: phase boundaries from pytest's hooks and
the engine's ``state.phase_times``, and every request the audit's client sends (in memory only:
the requests carry real credentials, so they never reach a file). With ``--replay`` the recorded
requests are sent again, before the servers stop, by a bare ``requests.Session`` with the same
TLS trust: the floor the audit is measured against. ``FILE`` gets the figures as JSON.
"""

from __future__ import annotations

import time

PROCESS_STARTED = time.perf_counter()  # before the heavy imports: they are part of start-up

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
import requests  # noqa: E402

from conformance.cli import pytest_args  # noqa: E402
from conformance.http import ConformanceClient  # noqa: E402
from conformance.run.state import STATE_KEY  # noqa: E402


@dataclass
class Sent:
    """One request as the audit's client was asked to send it (unredacted; memory only)."""

    method: str
    url: str
    headers: list[tuple[str, Any]]
    data: Any
    json: Any
    cookies: Any
    params: Any


class Recorder:
    """Wraps ``ConformanceClient.request`` to keep each request and the time spent inside it."""

    def __init__(self):
        self.sent: list[Sent] = []
        self.client_s = 0.0
        self.verify: Any = True

    def install(self) -> None:
        original = ConformanceClient.request
        recorder = self

        def request(client, method, path, **kwargs):
            started = time.perf_counter()
            try:
                return original(client, method, path, **kwargs)
            finally:
                recorder.client_s += time.perf_counter() - started
                headers = kwargs.get("headers")
                recorder.verify = client.session.verify
                recorder.sent.append(Sent(
                    method, client.url(path, kwargs.get("base")),
                    list(headers.items() if isinstance(headers, dict) else headers or []),
                    kwargs.get("data"), kwargs.get("json"), kwargs.get("cookies"), kwargs.get("params"),
                ))

        ConformanceClient.request = request


def replay(sent: list[Sent], verify: Any) -> tuple[float, int]:
    """Send ``sent`` again with nothing but one ``requests.Session``; seconds taken and failures.

    Repeated header names fold into one (a plain ``requests`` dict cannot repeat them); bodies
    are read whole, as a client that uses them would.
    """
    session = requests.Session()
    session.verify = verify
    session.trust_env = False
    session.headers["User-Agent"] = "drf-conformance"
    failures = 0
    started = time.perf_counter()
    for request in sent:
        try:
            response = session.request(
                request.method, request.url, headers=dict(request.headers), data=request.data,
                json=request.json, cookies=request.cookies, params=request.params,
                allow_redirects=False, timeout=(5.0, 30.0),
            )
            response.content  # noqa: B018  (read the body, as the audit does)
        except (requests.RequestException, ValueError):
            failures += 1
    elapsed = time.perf_counter() - started
    session.close()
    return elapsed, failures


class BenchPlugin:
    """Observes one run: phase boundaries, the engine's phase times, and the replay floor."""

    def __init__(self, recorder: Recorder, do_replay: bool):
        self.recorder = recorder
        self.do_replay = do_replay
        self.marks: dict[str, float] = {}
        self.fixture_s: dict[str, float] = {}
        self._fixture_stack: list[list[float]] = []
        self.replay_s: float | None = None
        self.replay_failures = 0
        self.last_teardown_s = 0.0
        self.checks_cpu_started: float | None = None
        self.checks_cpu_s = 0.0
        self.state = None
        self.memory: dict[str, float] = {}

    def pytest_configure(self, config):
        self.marks["configured"] = time.perf_counter()

    def pytest_collection_finish(self, session):
        self.marks["collected"] = time.perf_counter()
        self.memory["collected"] = _memory_mib("VmRSS")  # pytest's items: one per check, endpoint, scheme

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(self, fixturedef, request):
        # Exclusive times: conformance_target sets conformance_database up inside its own set-up.
        frame = [time.perf_counter(), 0.0]
        self._fixture_stack.append(frame)
        try:
            return (yield)
        finally:
            self._fixture_stack.pop()
            elapsed = time.perf_counter() - frame[0]
            if self._fixture_stack:
                self._fixture_stack[-1][1] += elapsed
            if fixturedef.argname in ("conformance_database", "conformance_target"):
                self.fixture_s[fixturedef.argname] = elapsed - frame[1]
            if fixturedef.argname == "conformance_target":
                self.checks_cpu_started = time.process_time()
                self.marks["ready"] = time.perf_counter()

    @pytest.hookimpl(wrapper=True)
    def pytest_runtestloop(self, session):
        self.marks["loop_started"] = time.perf_counter()
        try:
            return (yield)
        finally:
            self.marks["loop_ended"] = time.perf_counter()

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_teardown(self, item, nextitem):
        if nextitem is None and self.checks_cpu_started is not None:
            # CPU seconds of the whole process (the server threads included) while checks ran:
            # steadier than wall time on a machine shared with other work.
            self.checks_cpu_s = time.process_time() - self.checks_cpu_started
        if nextitem is None and self.do_replay and self.recorder.sent:
            # The servers stop in this teardown (the session fixtures end with the last item).
            self.replay_s, self.replay_failures = replay(self.recorder.sent, self.recorder.verify)
        started = time.perf_counter()
        try:
            return (yield)
        finally:
            if nextitem is None:
                self.last_teardown_s = time.perf_counter() - started

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_sessionfinish(self, session, exitstatus):
        self.marks["finish_started"] = time.perf_counter()
        self.memory["peak_before_reports"] = _memory_mib("VmHWM")  # start-up and checks
        try:
            return (yield)
        finally:
            self.marks["finish_ended"] = time.perf_counter()
            self.state = session.config.stash.get(STATE_KEY, None)

    def figures(self) -> dict:
        marks, state = self.marks, self.state
        engine = dict(state.phase_times) if state is not None else {}
        loop = marks.get("loop_ended", 0) - marks.get("loop_started", 0) - (self.replay_s or 0)
        database = self.fixture_s.get("conformance_database", 0.0)
        target_start = self.fixture_s.get("conformance_target", 0.0)
        provisioning = engine.get("provisioning", 0.0)
        phases = {
            # interpreter, imports, Django set-up, endpoint discovery, pytest collection
            "start-up": marks.get("collected", PROCESS_STARTED) - PROCESS_STARTED,
            "database": database,
            "servers": target_start - provisioning,  # TLS CA and certificates, the two threads
            "provisioning": provisioning,  # sample data, users, credentials
            "checks": loop - database - target_start - self.last_teardown_s,
            "teardown": self.last_teardown_s,
            "reports": marks.get("finish_ended", 0) - marks.get("finish_started", 0),
        }
        target = getattr(state, "target", None) if state is not None else None
        return {
            "phases": {name: round(seconds, 3) for name, seconds in phases.items()},
            "engine_phase_times": engine,
            "checks_cpu_s": round(self.checks_cpu_s, 3),
            "exchanges": len(self.recorder.sent),
            "client_s": round(self.recorder.client_s, 3),
            "replay_s": round(self.replay_s, 3) if self.replay_s is not None else None,
            "replay_failures": self.replay_failures,
            "endpoints": len(getattr(target, "endpoints", []) or []),
            "results": len(state.results) if state is not None else 0,
            "exit_code": state.exit_code if state is not None else None,
            "database_source": getattr(state, "database_source", None),  # copied from the cache, or built
            "ready_s": round(marks.get("ready", PROCESS_STARTED) - PROCESS_STARTED, 3),  # until the first check
            "inside_s": round(time.perf_counter() - PROCESS_STARTED, 3),
            "memory_mib": self.memory,
        }


def _memory_mib(field: str) -> float | None:
    """``VmRSS`` (now) or ``VmHWM`` (peak so far) of this process, from /proc (Linux only)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.child", description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="where the figures go (JSON)")
    parser.add_argument("--replay", action="store_true", help="replay the recorded requests before the servers stop")
    parser.add_argument("--profile", help="write cProfile statistics of the run to this file")
    parser.add_argument("audit_args", nargs=argparse.REMAINDER, help="drf-conformance arguments, after --")
    args = parser.parse_args(argv)
    audit_args = [a for a in args.audit_args if a != "--"] if args.audit_args[:1] == ["--"] else args.audit_args
    pytest_argv, problem = pytest_args(audit_args)
    if problem:
        print(f"bench: {problem}", file=sys.stderr)
        return 2
    recorder = Recorder()
    recorder.install()
    plugin = BenchPlugin(recorder, args.replay)
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        code = profiler.runcall(pytest.main, pytest_argv, plugins=[plugin])
        profiler.dump_stats(args.profile)
    else:
        code = pytest.main(pytest_argv, plugins=[plugin])
    figures = plugin.figures()
    figures["pytest_exit"] = int(code)
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump(figures, out, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
