"""The state of one run, kept in ``config.stash`` (never in module globals)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from conformance.evidence import Redactor
from conformance.run.completeness import Completeness
from conformance.expectations import Expectations
from conformance.results import Result


@dataclass
class RunOptions:
    target_url: str | None
    credentials_file: str | None
    config_file: str | None
    report_dir: Path
    fail_on: str
    openapi: str | None
    endpoints_file: str | None
    ca_bundle: str | None
    insecure: bool
    allow_unsafe_methods: bool
    max_rps: float | None
    baseline: str | None
    compare: str | None
    settings_module: str | None
    max_endpoints: int = 500  # --max-endpoints (remote discovery)
    exchange_deadline: float = 60.0  # --exchange-deadline, seconds per exchange
    max_retry_wait: float = 60.0  # --max-retry-wait, this process's share of the run's Retry-After budget
    keep_all_evidence: bool = False  # --keep-all-evidence: passes and skips keep every exchange too

    @property
    def mode(self) -> str:
        return "remote" if self.target_url else "in-process"


@dataclass
class RunState:
    options: RunOptions
    redactor: Redactor = field(default_factory=Redactor)
    expectations: Expectations | None = None
    target: Any = None  # conformance.targets.Target, built on first use
    results: list[Result] = field(default_factory=list)
    active: bool = False  # scenarios were collected: this is an audit
    started_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    started_monotonic: float = field(default_factory=time.monotonic)
    fatal: str | None = None  # why the target could not be reached or served (exit 3)
    stop_line: str | None = None  # why the suite stopped the run itself, as the one line to print
    stop_code: int | None = None  # and the exit code it stopped with (2 usage, 3 target)
    exit_code: int | None = None
    warnings: list[str] = field(default_factory=list)
    report_paths: list[Path] = field(default_factory=list)
    control_cache: dict = field(default_factory=dict)
    answer_cache: dict = field(default_factory=dict)
    target_started: bool = False
    phase_times: dict[str, float] = field(default_factory=dict)
    completeness: Completeness = field(default_factory=Completeness)
    audit_seen: bool = False  # a check was parametrized: this is an audit, even if stopped early
    # The command line asks for an audit (a report directory, or the scenarios' path): only then
    # does the suite catch SIGTERM/SIGINT. A project's own test run, with the plugin merely
    # installed, keeps its signals as they are (the suite must not change its environment).
    audit_invocation: bool = False
    journal: Any = None  # conformance.run.journal.Journal: results persisted as they are made
    signals: Any = None  # conformance.run.signals.SignalCatcher
    scratch: Path | None = None  # the run's temp directory (conformance/run/scratch.py)
    database_source: str | None = None  # in-process: "built", "built and cached", "copied from the cache"
    run_answers: Any = None  # conformance.run.run_level.RunAnswers: this process's answers, digested
    pass_evidence_kept: dict[tuple, int] = field(default_factory=dict)  # (check, scheme) -> passes with evidence

    def stop(self, stopped) -> None:
        """Stop the run: ``stopped`` is a ``RunStopped`` (message and exit code)."""
        self.stop_line, self.stop_code = stopped.message, stopped.code
        if stopped.fatal:
            self.fatal = stopped.fatal


STATE_KEY = pytest.StashKey[RunState]()


def get_state(config: pytest.Config) -> RunState:
    return config.stash[STATE_KEY]
