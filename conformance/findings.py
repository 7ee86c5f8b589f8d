"""Findings: failed and error results grouped by cause, so one flaw is read, and fixed, once.

A deployment whose tokens never expire fails DRFC-301 on every endpoint that takes a token: seven
results, one cause, one fix. A finding is one (check, cause) with the endpoints and schemes it was
seen on, one explanation, one fix and one reproduction (issue 17). Every writer leads with the
findings; ``results`` stay exactly as they were, one per check, endpoint and parameters.

The cause is what the judge said, with what varies from endpoint to endpoint taken out: digits
(status codes, counts, ages), quoted excerpts of an answer, and the endpoint and parameter values
the finding lists anyway. Results of one check whose judge said different things (a crash and an
acceptance) stay apart; so do a failure and an error, and a failure a baseline accepts.

Deployment-wide checks have no endpoint: they are listed under the auth endpoint they judged
(the ``login`` or ``endpoint_key`` parameter names it) or as the whole deployment.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

from conformance.catalogue.registry import SEVERITIES
from conformance.reports.ordering import family_order, result_order

WHOLE_DEPLOYMENT = "whole deployment"

# The ``login`` parameter of deployment-wide checks -> the contract section 3 key of its endpoint
# (conformance.auth.login.LoginKind; not imported, the reports must not need Django).
LOGIN_ENDPOINT_KEYS = {
    "token": "TOKEN_LOGIN_PATH",
    "bearer": "OAUTH2_TOKEN_PATH",
    "jwt": "JWT_LOGIN_PATH",
    "knox": "KNOX_LOGIN_PATH",
    "djoser": "DJOSER_LOGIN_PATH",
    "allauth": "ALLAUTH_LOGIN_PATH",
}

# What each credential role is, for a reproduction that cannot name a variable (in-process mode).
ROLE_MEANINGS = {
    "active": "a valid {kind} of an active user",
    "inactive": "a {kind} of a user whose is_active is False",
    "expired": "a {kind} issued longer ago than MAX_TOKEN_AGE (or its own lifetime)",
    "disposable": "a valid {kind} you can afford to revoke",
    "username": "the username of an active user",
    "password": "that user's password",
    "client_id": "the OAuth2 application's client ID",
    "client_secret": "the OAuth2 application's client secret",
}
_ROLE_KINDS = {"token": "DRF token", "bearer": "OAuth2 bearer token", "session": "session cookie",
               "jwt": "JWT access token", "knox": "knox token"}
# Role groups of contract section 4 whose names hold an underscore, longest first.
_ROLE_GROUPS = ("inactive_password", "expired_password", "login_password", "oauth2_client")

_SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}
_DIGITS = re.compile(r"\d+")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`")
VARIABLE = re.compile(r"\$\{(CONFORMANCE_[A-Z0-9_]+)\}|\$(CONFORMANCE_[A-Z0-9_]+)")


def where(result: Mapping, auth_endpoints: Mapping | None = None) -> str:
    """The row a result is listed under: its endpoint, the auth endpoint a deployment-wide check
    judged, or ``whole deployment``."""
    if result.get("endpoint"):
        return result["endpoint"]
    parameters = result.get("parameters") or {}
    key = parameters.get("endpoint_key") or LOGIN_ENDPOINT_KEYS.get(str(parameters.get("login", "")))
    path = ((auth_endpoints or {}).get(key) or {}).get("path") if key else None
    if path:
        return f"{_method_sent_to(result, path) or 'POST'} {path}"
    return WHOLE_DEPLOYMENT


def _method_sent_to(result: Mapping, path: str) -> str | None:
    for exchange in result.get("evidence") or []:
        request = exchange.get("request") or {}
        url = str(request.get("url", ""))
        if exchange.get("role") == "probe" and re.match(r"^https?://[^/]+" + re.escape(path) + r"(\?|$)", url):
            return request.get("method")
    return None


def cause(result: Mapping) -> str:
    """What the judge said, without what varies from endpoint to endpoint."""
    text = result.get("detail") or result.get("actual") or ""
    values = [result.get("endpoint") or ""] + [str(v) for v in (result.get("parameters") or {}).values()]
    for value in sorted(values, key=len, reverse=True):
        if len(value) >= 3:
            text = text.replace(value, "<>")
    for path in re.findall(r"/\S*", result.get("endpoint") or ""):
        text = text.replace(path, "<>")
    text = _QUOTED.sub("'…'", text)
    return _DIGITS.sub("#", text).strip()


def group(report: Mapping) -> list[dict]:
    """The findings of ``report`` (its ``results`` as serialised), worst first."""
    results = report.get("results") or []
    auth_endpoints = report.get("auth_endpoints") or {}
    target = report.get("target") or {}
    groups: dict[tuple, list[int]] = {}
    for index, result in enumerate(results):
        if result.get("outcome") not in ("failed", "error"):
            continue
        key = (result["check_id"], result["outcome"], result.get("accepted"), cause(result))
        groups.setdefault(key, []).append(index)
    findings = [_finding(key, [results[i] for i in indexes], indexes, auth_endpoints, target)
                for key, indexes in groups.items()]
    findings.sort(key=finding_order)
    return findings


def finding_order(finding: Mapping) -> tuple:
    """Open before accepted, worst severity first, failures before errors, the widest first."""
    return (
        bool(finding.get("accepted")),
        -_SEVERITY_RANK.get(finding.get("severity"), -1),
        finding.get("outcome") != "failed",
        -len(finding.get("results") or []),
        *family_order(finding.get("family")),
        finding.get("check_id") or "",
        finding.get("id") or "",
    )


def _finding(key: tuple, members: list[Mapping], indexes: list[int], auth_endpoints, target) -> dict:
    check_id, outcome, accepted, why = key
    ordered = sorted(zip(members, indexes), key=lambda pair: result_order(pair[0]))
    first = _representative([m for m, _ in ordered])
    seen = []
    for member, index in ordered:
        seen.append({
            "where": where(member, auth_endpoints),
            "parameters": {str(k): str(v) for k, v in (member.get("parameters") or {}).items()},
            "actual": member.get("actual") or "",
            "result": index,
        })
    endpoints = sorted({s["where"] for s in seen}, key=_endpoint_order)
    schemes = sorted({s["parameters"]["scheme"] for s in seen if s["parameters"].get("scheme")}
                     | {s["parameters"]["login"] for s in seen if s["parameters"].get("login")})
    finding = {
        # Stable across runs; a baseline accepting part of a finding splits it in two.
        "id": f"{check_id}/{hashlib.sha256(f'{outcome}|{why}'.encode('utf-8')).hexdigest()[:8]}"
              + ("-accepted" if accepted else ""),
        "check_id": check_id,
        "family": first.get("family"),
        "title": first.get("title") or check_id,
        "severity": first.get("severity"),
        "cwe": first.get("cwe") or "",
        "outcome": outcome,
        "expected": first.get("expected") or "",
        "actual": first.get("actual") or "",
        "detail": first.get("detail") or "",
        "remediation": first.get("remediation") or "",
        "references": list(first.get("references") or []),
        "endpoints": endpoints,
        "schemes": schemes,
        "seen": seen,
        "results": [s["result"] for s in seen],
        "reproduce": reproduction(first, target),
    }
    if accepted:
        finding["accepted"] = accepted
    return finding


def _representative(members: list[Mapping]) -> Mapping:
    """The result a finding reproduces: a GET if there is one (safe to replay), with evidence."""
    with_evidence = [m for m in members if any(e.get("curl") for e in m.get("evidence") or [])] or members
    return next((m for m in with_evidence if str(m.get("endpoint", "")).startswith("GET ")), with_evidence[0])


def _endpoint_order(label: str) -> tuple:
    method, _, path = label.partition(" ")
    return (label == WHOLE_DEPLOYMENT, path, method)


# Reproduction -----------------------------------------------------------------------------------

def reproduction(result: Mapping, target: Mapping) -> dict:
    """The curl lines of ``result`` and what they need: the variables to export (remote mode), or
    the credential roles to substitute when replaying against ``runserver`` (in-process mode)."""
    # The probes and their positive control, in the order they were sent; the steps that set
    # them up (a login with a throwaway user) only when there is nothing else (the evidence in
    # report.json and report.html keeps them all).
    exchanges = [e for e in result.get("evidence") or [] if e.get("curl")]
    judged = [e for e in exchanges if e.get("role") in ("probe", "positive-control")]
    exchanges = judged or exchanges
    steps = [{"role": e.get("role", "request"), "curl": e["curl"],
              "status": (e.get("response") or {}).get("status")} for e in exchanges]
    if target.get("mode") == "in-process":
        for step in steps:  # idempotent: build_report has usually rewritten them already
            step["curl"] = for_runserver(step["curl"])
    lines = " ".join(step["curl"] for step in steps)
    if target.get("mode") == "in-process":
        roles = sorted(set(re.findall(r"<role ([a-z0-9_.]+)>", lines)))
        return {
            "mode": "in-process",
            "note": ("These requests went to the suite's temporary test server, which is gone after "
                     "the run. Replay them against `python manage.py runserver` (plain HTTP on "
                     "127.0.0.1:8000, as written below), putting a credential of each named role "
                     "where it says <role ...>."),
            "roles": [{"role": role, "meaning": role_meaning(role)} for role in roles],
            "steps": steps,
        }
    return {
        "mode": "remote",
        "note": "Export the variables below (the values of your credentials file), then run the lines as written.",
        "variables": sorted({a or b for a, b in VARIABLE.findall(lines)}),
        "steps": steps,
    }


def role_of(variable: str) -> str:
    """``CONFORMANCE_TOKEN_EXPIRED`` -> ``token.expired`` (inverse of evidence.env_name)."""
    name = variable.removeprefix("CONFORMANCE_").lower()
    for group_name in _ROLE_GROUPS:
        if name.startswith(group_name + "_"):
            return f"{group_name}.{name[len(group_name) + 1:]}"
    head, _, rest = name.partition("_")
    return f"{head}.{rest}" if rest else head


def role_meaning(role: str) -> str:
    group_name, _, state = role.partition(".")
    template = ROLE_MEANINGS.get(state)
    if template is None:
        return f"a credential of role {role}"
    return template.format(kind=_ROLE_KINDS.get(group_name, "credential"))


# In-process runs: curl lines for runserver ------------------------------------------------------

RUNSERVER = "http://127.0.0.1:8000"
_LOOPBACK_ORIGIN = re.compile(r"https?://127\.0\.0\.1:\d+")
_CA_OPTION = re.compile(r" (?:--cacert (?:'[^']*'|\S+)|--insecure)")


def for_runserver(curl: str) -> str:
    """An in-process curl line made replayable against ``runserver``: the temporary server's
    origin becomes ``http://127.0.0.1:8000``, its CA option goes, and each ``${CONFORMANCE_...}``
    variable (none exists in that mode) becomes ``<role token.expired>`` to substitute."""
    curl = _LOOPBACK_ORIGIN.sub(RUNSERVER, curl)  # the URL, and Origin or Referer headers
    curl = _CA_OPTION.sub("", curl)
    return VARIABLE.sub(lambda m: f"<role {role_of(m.group(1) or m.group(2))}>", curl)


def rewrite_in_process_curls(report: dict) -> None:
    """In place: every curl line of an in-process report, for ``runserver``."""
    if (report.get("target") or {}).get("mode") != "in-process":
        return
    for result in report.get("results") or []:
        evidence = result.get("evidence")
        if hasattr(evidence, "map_on_load"):  # read back from disk: rewritten as it is read
            result["evidence"] = evidence.map_on_load(_for_runserver)
            continue
        _for_runserver(evidence or [])


def _for_runserver(evidence: list) -> list:
    for exchange in evidence:
        if exchange.get("curl"):
            exchange["curl"] = for_runserver(exchange["curl"])
    return evidence


def of(report: Mapping) -> list[dict]:
    """The report's findings: as built with it, or grouped now (a report from an older version)."""
    findings = report.get("findings")
    return list(findings) if findings is not None else group(report)


def by_result(findings: list[Mapping]) -> dict[int, Mapping]:
    """Result index -> the finding it belongs to."""
    return {index: finding for finding in findings for index in finding.get("results") or []}
