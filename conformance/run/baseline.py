"""Baselines (``--baseline FILE``): findings a team has accepted, each with a reason and an expiry.

A baseline is a TOML file (or JSON with the same shape, when the name ends in ``.json``)::

    [[accepted]]
    check_id = "DRFC-102"
    endpoint = "GET /polls/api/questions/"
    parameters = { scheme = "Token" }     # optional: a subset the result's parameters must contain
    reason = "Legacy mobile client; challenge header ships with OPS-42"
    expires = 2026-06-30                  # the last day the entry counts (UTC)

A failed result that an unexpired entry matches is *accepted*: it keeps its outcome ``failed``
but carries ``"accepted": "<reason>"``, does not gate the exit code (conformance/run/gating.py), and
every report shows it as accepted (SARIF as a suppression, the way ZAP keeps suppressed alerts
visible). Only ``failed`` results can be accepted: an ``error`` means the check could not be
judged, and hiding that would hide a broken audit.

An expired entry accepts nothing, so its findings fail the run again, and the run says why. An
entry that matches no failed result is *stale* (fixed, renamed endpoint, or the check did not
run) and is reported so the baseline does not quietly grow into a blanket exemption.
A file that cannot be read or has a malformed entry is a usage error (exit 2, one line).
"""

from __future__ import annotations

import json
import re
from conformance import toml as tomllib  # tomllib, or tomli on Python 3.10
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from conformance.results import Result

ENTRY_KEYS = ("check_id", "endpoint", "parameters", "reason", "expires")
REQUIRED_KEYS = ("check_id", "endpoint", "reason", "expires")
_ENDPOINT = re.compile(r"^[A-Z]+ /\S*$")


class BaselineError(ValueError):
    """The baseline file cannot be used; the message is one line saying what to fix."""


@dataclass(frozen=True)
class Entry:
    number: int  # 1-based position in the file, for messages
    check_id: str
    endpoint: str
    reason: str
    expires: date
    parameters: tuple[tuple[str, str], ...] = ()

    def label(self) -> str:
        params = ", ".join(f"{k}={v}" for k, v in self.parameters)
        return f"entry {self.number} ({self.check_id} {self.endpoint}" + (f" [{params}]" if params else "") + ")"

    def matches(self, result: Result) -> bool:
        if result.check_id != self.check_id or result.endpoint != self.endpoint:
            return False
        return all(str(result.parameters.get(key)) == value for key, value in self.parameters)

    def expired(self, today: date) -> bool:
        return today > self.expires

    def as_report(self) -> dict:
        data = {"check_id": self.check_id, "endpoint": self.endpoint, "reason": self.reason,
                "expires": self.expires.isoformat()}
        if self.parameters:
            data["parameters"] = dict(self.parameters)
        return data


@dataclass
class Baseline:
    path: str
    entries: list[Entry]

    def accept(self, result: Result, today: date) -> str | None:
        """The reason of the first unexpired entry that matches failed ``result``, else None."""
        if result.outcome != "failed":
            return None
        for entry in self.entries:
            if entry.matches(result) and not entry.expired(today):
                return entry.reason
        return None

    def review(self, results: list[Result], today: date) -> tuple[dict, list[str]]:
        """The report's ``baseline`` section and the warnings to print, after every result is in.

        Matches are counted here from the final results, so the review is right on the
        pytest-xdist controller too, where ``accept`` ran in the workers.
        """
        matched: dict[int, int] = {}  # entry number -> failed results it matches
        for result in results:
            if result.outcome == "failed":
                for entry in self.entries:
                    if entry.matches(result):
                        matched[entry.number] = matched.get(entry.number, 0) + 1
        ran = {(r.check_id, r.endpoint) for r in results}
        warnings, expired, stale = [], [], []
        for entry in self.entries:
            count = matched.get(entry.number, 0)
            if entry.expired(today):
                expired.append(dict(entry.as_report(), matched=count))
                if count:
                    warnings.append(f"baseline {self.path}: {entry.label()} expired on {entry.expires.isoformat()}: "
                                    f"its {count} finding(s) fail the run again; fix them or renew the entry")
                    continue
            if count == 0:
                why = ("the check did not run on that endpoint in this run"
                       if (entry.check_id, entry.endpoint) not in ran
                       else "no failed result matches it (fixed?)")
                stale.append(dict(entry.as_report(), why=why))
                warnings.append(f"baseline {self.path}: stale {entry.label()}: {why}; remove the entry")
        section = {
            "file": self.path,
            "entries": len(self.entries),
            "accepted": sum(1 for r in results if r.accepted is not None),
            "expired": expired,
            "stale": stale,
        }
        return section, warnings


def today_utc() -> date:
    return datetime.now(timezone.utc).date()


def load(path: str | Path) -> Baseline:
    """Parse and validate the baseline at ``path``; raise ``BaselineError`` in one line."""
    path = Path(path)
    where = f"--baseline {path}"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{where}: cannot read it ({exc})") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        kind = "JSON" if path.suffix.lower() == ".json" else "TOML"
        raise BaselineError(f"{where}: not valid {kind}: {exc}") from None
    if not isinstance(data, dict) or set(data) - {"accepted"}:
        raise BaselineError(f"{where}: expected only an 'accepted' list of entries "
                            f"(TOML: [[accepted]] tables); see docs/baselines.md")
    raw_entries = data.get("accepted", [])
    if not isinstance(raw_entries, list):
        raise BaselineError(f"{where}: 'accepted' must be a list of entries ([[accepted]] tables)")
    return Baseline(str(path), [_entry(where, number, raw) for number, raw in enumerate(raw_entries, 1)])


def _entry(where: str, number: int, raw) -> Entry:
    at = f"{where}: entry {number}"
    if not isinstance(raw, dict):
        raise BaselineError(f"{at}: expected a table with {', '.join(REQUIRED_KEYS)}")
    unknown = sorted(set(raw) - set(ENTRY_KEYS))
    if unknown:
        raise BaselineError(f"{at}: unknown key(s) {', '.join(unknown)}; valid keys: {', '.join(ENTRY_KEYS)}")
    missing = [key for key in REQUIRED_KEYS if key not in raw]
    if missing:
        raise BaselineError(f"{at}: missing {', '.join(missing)}")
    for key in ("check_id", "endpoint", "reason"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise BaselineError(f"{at}: {key} must be a non-empty string")
    if not _ENDPOINT.match(raw["endpoint"]):
        raise BaselineError(f"{at}: endpoint {raw['endpoint']!r} must be 'METHOD /path', "
                            f"as in report.json (e.g. 'GET /polls/api/questions/')")
    parameters = raw.get("parameters", {})
    if not isinstance(parameters, dict) or any(isinstance(v, (dict, list)) for v in parameters.values()):
        raise BaselineError(f"{at}: parameters must be a table of names to plain values")
    return Entry(number, raw["check_id"].strip(), raw["endpoint"], raw["reason"].strip(),
                 _expiry(at, raw["expires"]),
                 tuple(sorted((str(k), str(v)) for k, v in parameters.items())))


def _expiry(at: str, value) -> date:
    if isinstance(value, datetime):  # a TOML datetime: its day is what counts
        return value.date()
    if isinstance(value, date):  # a TOML local date, 2026-06-30
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise BaselineError(f"{at}: expires {value!r} must be a date, YYYY-MM-DD")
