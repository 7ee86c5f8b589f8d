"""report.sarif: the run as SARIF 2.1.0, which code-scanning dashboards read natively.

One ``run`` whose driver lists one rule per check ID: the catalogue records of ``report["checks"]``
plus any check ID that only appears in results. Each rule carries its help text with the
remediation, the tags GitHub code scanning files it under (family, ``security``,
``external/cwe/cwe-NNN``) and a ``security-severity`` score that puts it in GitHub's
critical/high/medium/low bands.

Only results that need attention are emitted: outcome ``failed`` and ``error``.

- ``failed``: ``kind: "fail"`` with a level from the severity (``error`` for high and critical,
  ``warning`` for medium, ``note`` for low and info).
- ``error``: the check could not be judged (say, the positive control with valid credentials did
  not work), which is not evidence of a flaw. SARIF 2.1.0 section 3.27.9 has a kind for exactly
  that, ``open`` ("the tool was unable to determine whether the result is pass or fail"), and
  section 3.27.10 requires ``level: "none"`` for any kind but ``fail``. So errors stay visible to
  SARIF consumers without being counted as vulnerabilities; the exit code (4) and the other
  reports still flag them, and ``invocations[0].executionSuccessful`` is false when any occurred.

A result's location is the endpoint. There is no source file to point at, so each result has a
``logicalLocation`` named ``"GET /path"`` of kind ``resource``, and a ``physicalLocation`` whose
``artifactLocation`` is the path relative to the ``TARGET`` base URI declared in
``originalUriBaseIds``. ``partialFingerprints`` hash the check ID, the endpoint and the
parameters, none of which change between runs (the in-process port does), so dashboards keep
one alert per finding across runs. A finding a baseline accepts carries an ``external``
suppression with the baseline's reason. The probe exchange becomes the result's ``webRequest``
and ``webResponse`` (section 3.46/3.47), already redacted by the client.

Results are grouped by finding (issue 17): they come worst finding first, each carries its
finding's ID in ``properties.finding`` and a second partial fingerprint of the finding alone
(``drfConformanceCause/v1``), and ``run.properties.findings`` lists the findings with their
results' indexes, so a reader sees "DRF tokens never expire" once with the endpoints it touches.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote, urlsplit

from conformance.findings import by_result, finding_order, of as findings_of
from conformance.reports.markdown import escape as markdown_escape
from conformance.reports.ordering import family_order, result_order

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME = "drf-conformance"
INFORMATION_URI = "https://pypi.org/project/drf-conformance/"
FINGERPRINT_KEY = "drfConformanceFinding/v1"
CAUSE_FINGERPRINT_KEY = "drfConformanceCause/v1"
TARGET_BASE_ID = "TARGET"

# GitHub code scanning reads this number: over 9.0 is critical, 7.0 to 8.9 high, 4.0 to 6.9
# medium, 0.1 to 3.9 low. "info" gets 0.0, below every band.
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "0.0"}
LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}

# Evidence bodies are cut here: SARIF uploads are size-limited and the full body is in
# report.json and report.html.
BODY_LIMIT = 4096

_URL_REFERENCE = re.compile(r"^https?://[^\s<>]+$")


def build(report: Mapping) -> dict:
    """The SARIF log of ``report`` as a dict (``render`` serialises it)."""
    rules, rule_index = _rules(report)
    states = _baseline_states(report.get("comparison"))
    findings = findings_of(report)
    finding_of = by_result(findings)
    rank = {finding["id"]: position for position, finding in enumerate(sorted(findings, key=finding_order))}
    loud = [(index, result) for index, result in enumerate(report.get("results", []))
            if result["outcome"] in ("failed", "error")]
    loud.sort(key=lambda pair: (rank.get(finding_of[pair[0]]["id"], len(rank)) if pair[0] in finding_of else len(rank),
                                result_order(pair[1])))
    results = [_result(result, rule_index[result["check_id"]], finding_of.get(index)) for index, result in loud]
    if states is not None:
        for sarif_result in results:
            if sarif_result["kind"] == "fail":
                sarif_result["baselineState"] = states.get(_comparison_key(sarif_result), "new")
    tool = report.get("tool", {})
    run = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": str(tool.get("version", "0")),
                "informationUri": tool.get("information_uri", INFORMATION_URI),
                "rules": rules,
            }
        },
        "invocations": [_invocation(report)],
        "originalUriBaseIds": {
            TARGET_BASE_ID: {
                "uri": _base_uri(report.get("target", {}).get("url", "")),
                "description": {"text": "The audited deployment"},
            }
        },
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {
            "target": dict(report.get("target", {})),
            "summary": dict(report.get("summary", {})),
            "findings": [
                {"id": f["id"], "check_id": f["check_id"], "severity": f.get("severity"),
                 "outcome": f.get("outcome"), "endpoints": list(f.get("endpoints") or []),
                 "schemes": list(f.get("schemes") or []), "results": len(f.get("results") or [])}
                for f in sorted(findings, key=finding_order)
            ],
            **_completeness_properties(report),
        },
    }
    return {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def _completeness_properties(report: Mapping) -> dict:
    """How complete the run was (contract section 6), in the run's property bag."""
    out = {}
    if report.get("completeness"):
        out["completeness"] = dict(report["completeness"])
    if report.get("verdict"):
        out["verdict"] = report["verdict"]
    return out


def render(report: Mapping) -> str:
    """The SARIF log of ``report`` as JSON text, deterministic for identical reports."""
    return json.dumps(build(report), indent=2, ensure_ascii=False) + "\n"


def write(report: Mapping, path: Path) -> Path:
    """Write ``render(report)`` to ``path`` (UTF-8) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(report), encoding="utf-8", newline="\n")
    return path


def fingerprint(result: Mapping) -> str:
    """A hash of what identifies a finding across runs: check ID, endpoint, parameters."""
    identity = _canonical(
        {
            "check_id": result["check_id"],
            "endpoint": result["endpoint"],
            "parameters": result.get("parameters") or {},
        }
    )
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()


# Rules ------------------------------------------------------------------------------------------

def _rules(report: Mapping) -> tuple[list[dict], dict[str, int]]:
    records: dict[str, Mapping] = {}
    for check in report.get("checks") or []:
        records.setdefault(check["check_id"], check)
    # A check the catalogue list does not describe still needs a rule: take its first result.
    for result in sorted(report.get("results", []), key=result_order):
        records.setdefault(result["check_id"], result)
    ordered = sorted(
        records.values(),
        key=lambda r: (*family_order(r.get("family")), r["check_id"]),
    )
    rules = [_rule(record) for record in ordered]
    return rules, {rule["id"]: index for index, rule in enumerate(rules)}


def _rule(record: Mapping) -> dict:
    title = record.get("title") or record["check_id"]
    description = record.get("description") or title
    severity = record.get("severity", "info")
    remediation = record.get("remediation") or ""
    references = list(record.get("references") or [])
    tags = [record.get("family", "unknown"), "security"]
    if record.get("cwe"):
        tags.append(f"external/cwe/{record['cwe'].lower()}")

    help_text = [description]
    help_markdown = [markdown_escape(description)]
    if remediation:
        help_text.append(f"Fix: {remediation}")
        help_markdown.append(f"**Fix:** {markdown_escape(remediation)}")
    if references:
        help_text.append("References:\n" + "\n".join(f"- {ref}" for ref in references))
        help_markdown.append(
            "**References:**\n\n" + "\n".join(f"- {_markdown_reference(ref)}" for ref in references)
        )

    rule = {
        "id": record["check_id"],
        "name": _rule_name(title),
        "shortDescription": {"text": title},
        "fullDescription": {"text": description},
        "help": {"text": "\n\n".join(help_text), "markdown": "\n\n".join(help_markdown)},
        "defaultConfiguration": {"level": LEVEL.get(severity, "warning")},
        "properties": {
            "tags": tags,
            "security-severity": SECURITY_SEVERITY.get(severity, "0.0"),
            "severity": severity,
            "family": record.get("family"),
        },
    }
    help_uri = next((ref for ref in references if _URL_REFERENCE.match(ref)), None)
    if help_uri:
        rule["helpUri"] = help_uri
    if record.get("cwe"):
        rule["properties"]["cwe"] = record["cwe"]
    return rule


def _rule_name(title: str) -> str:
    """SARIF wants a rule name that is an identifier: the title in PascalCase."""
    return "".join(word[:1].upper() + word[1:] for word in re.findall(r"[A-Za-z0-9]+", title))


def _markdown_reference(reference: str) -> str:
    # An autolink's content is taken literally, so a URL needs no escaping inside <...>.
    if _URL_REFERENCE.match(reference):
        return f"<{reference}>"
    return markdown_escape(reference)


# Results ----------------------------------------------------------------------------------------

def _baseline_states(comparison: Mapping | None) -> dict | None:
    """With --compare, SARIF's own ``baselineState`` (section 3.27.24) says new or unchanged."""
    if not comparison:
        return None
    from conformance.run.compare import finding_key

    states = {finding_key(f): "new" for f in comparison.get("new", [])}
    states.update({finding_key(f): "unchanged" for f in comparison.get("unchanged", [])})
    return states


def _comparison_key(sarif_result: Mapping) -> tuple:
    properties = sarif_result.get("properties", {})
    endpoint = sarif_result["locations"][0]["logicalLocations"][0]["name"]
    parameters = properties.get("parameters") or {}
    return (sarif_result["ruleId"], endpoint, tuple(sorted((str(k), str(v)) for k, v in parameters.items())))


def _result(result: Mapping, rule_index: int, finding: Mapping | None = None) -> dict:
    endpoint = result["endpoint"]
    severity = result.get("severity", "info")
    if result["outcome"] == "failed":
        kind, level = "fail", LEVEL.get(severity, "warning")
        message = f"{endpoint}: {result.get('title', result['check_id'])}."
        if result.get("expected") or result.get("actual"):
            message += f" Expected {result.get('expected') or '?'}, got {result.get('actual') or '?'}."
        if result.get("detail"):
            message += f" {result['detail']}"
    else:
        kind, level = "open", "none"
        message = (
            f"{endpoint}: {result.get('title', result['check_id'])} could not be evaluated: "
            f"{result.get('detail') or 'no detail recorded'}"
        )

    sarif_result = {
        "ruleId": result["check_id"],
        "ruleIndex": rule_index,
        "kind": kind,
        "level": level,
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _endpoint_uri(endpoint), "uriBaseId": TARGET_BASE_ID}
                },
                "logicalLocations": [
                    {"name": endpoint, "fullyQualifiedName": endpoint, "kind": "resource"}
                ],
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(result)},
    }
    if finding:
        sarif_result["partialFingerprints"][CAUSE_FINGERPRINT_KEY] = hashlib.sha256(
            finding["id"].encode("utf-8")).hexdigest()
    exchange = _main_exchange(result.get("evidence") or [])
    if exchange:
        sarif_result["webRequest"] = _web_request(exchange.get("request") or {})
        sarif_result["webResponse"] = _web_response(exchange.get("response"))
    if result.get("accepted"):
        sarif_result["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": result["accepted"]}
        ]
    properties = {
        "outcome": result["outcome"],
        "severity": severity,
        "family": result.get("family"),
        "security-severity": SECURITY_SEVERITY.get(severity, "0.0"),
    }
    for key in ("cwe", "expected", "actual", "detail"):
        if result.get(key):
            properties[key] = result[key]
    if result.get("parameters"):
        properties["parameters"] = dict(result["parameters"])
    if finding:
        properties["finding"] = finding["id"]
    curls = [e["curl"] for e in result.get("evidence") or [] if e.get("curl")]
    if curls:
        properties["curl"] = curls
    sarif_result["properties"] = properties
    return sarif_result


def _main_exchange(evidence: list[Mapping]) -> Mapping | None:
    """The probe is what the finding is about; fall back to the first exchange recorded."""
    for exchange in evidence:
        if exchange.get("role") == "probe":
            return exchange
    return evidence[0] if evidence else None


def _web_request(request: Mapping) -> dict:
    web_request = {"target": str(request.get("url", "")), "method": str(request.get("method", ""))}
    if request.get("headers"):
        web_request["headers"] = {str(k): str(v) for k, v in request["headers"].items()}
    if request.get("body") is not None:
        web_request["body"] = {"text": _cut(request["body"])}
    return web_request


def _web_response(response: Mapping | None) -> dict:
    if response is None:
        return {"noResponseReceived": True}
    web_response = {"statusCode": int(response.get("status", 0))}
    if response.get("headers"):
        web_response["headers"] = {str(k): str(v) for k, v in response["headers"].items()}
    if response.get("body") is not None:
        web_response["body"] = {"text": _cut(response["body"])}
    return web_response


def _cut(body) -> str:
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False, sort_keys=True)
    if len(text) <= BODY_LIMIT:
        return text
    return text[:BODY_LIMIT] + f"\n[... {len(text) - BODY_LIMIT} more characters in report.json]"


# Run --------------------------------------------------------------------------------------------

def _invocation(report: Mapping) -> dict:
    summary = report.get("summary", {})
    exit_code = report.get("exit_code")
    invocation: dict = {
        # Failed checks are findings, not a failure of the tool; errors, usage errors and an
        # unreachable target mean the audit itself did not fully run.
        "executionSuccessful": (
            not summary.get("error") and not report.get("fatal") and exit_code in (None, 0, 1)
        ),
    }
    if exit_code is not None:
        invocation["exitCode"] = int(exit_code)
    started = report.get("started_at")
    if started:
        invocation["startTimeUtc"] = started
        ended = _end_time(started, report.get("duration_s"))
        if ended:
            invocation["endTimeUtc"] = ended
    notifications = [
        {"level": "warning", "message": {"text": str(warning)}}
        for warning in report.get("warnings") or []
    ]
    completeness = report.get("completeness") or {}
    if completeness and completeness.get("status") != "complete":
        # First, like every format's top line: a narrowed or unfinished run says so (contract section 6).
        from conformance.run.completeness import summary_line

        level = "note" if completeness.get("status") == "partial" else "error"
        notifications.insert(0, {"level": level, "message": {"text": summary_line(completeness) or ""}})
        if level == "error":
            invocation["executionSuccessful"] = False
    if report.get("fatal"):
        notifications.append(
            {"level": "error", "message": {"text": f"Could not run: {report['fatal']}"}}
        )
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    if report.get("fail_on"):
        invocation["properties"] = {"fail_on": report["fail_on"]}
    return invocation


def _end_time(started: str, duration) -> str | None:
    if duration is None:
        return None
    try:
        start = datetime.fromisoformat(started.replace("Z", "+00:00"))
    except ValueError:
        return None
    end = (start + timedelta(seconds=float(duration))).astimezone(timezone.utc)
    return end.strftime("%Y-%m-%dT%H:%M:%S.") + f"{end.microsecond // 1000:03d}Z"


def _base_uri(target_url: str) -> str:
    """The target's origin with a trailing slash: endpoint paths are relative to it."""
    parts = urlsplit(target_url)
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}/"
    return "https://target.invalid/"


def _endpoint_uri(endpoint: str) -> str:
    """``"GET /polls/?q=x"`` as a URI reference relative to TARGET: ``"polls/?q=x"``.

    Characters a URI may not hold (``<``, spaces, non-ASCII) are percent-encoded; existing
    escapes are kept. A first segment with a colon would read as a scheme, so it gets ``./``.
    """
    _, _, path = endpoint.partition(" ")
    relative = quote(path.lstrip("/"), safe="/?&=:@!$'()*+,;%~-._")
    if not relative or ":" in relative.split("/", 1)[0].split("?", 1)[0]:
        relative = "./" + relative
    return relative


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
