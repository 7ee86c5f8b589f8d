"""The ``Probe``: what a scenario uses to send requests and hand verdicts back.

It sends through the target's client, runs and caches positive controls (valid credentials work
on that endpoint, else the outcome is ``error``), caches answers two checks judge alike, and turns
verdicts into test outcomes: ``CheckFailed`` for a failed verdict, a skip for a check that does
not apply. The plugin collects the evidence afterwards.
"""

from __future__ import annotations

from typing import Any, Iterable
from urllib.parse import urlsplit

import pytest

from conformance.auth.credentials import Credential, MissingRole
from conformance.endpoints import Endpoint
from conformance.http import Answer, Exchange, RequestRefused
from conformance.judges.common import control_accepted, describe
from conformance.results import CheckFailed, PositiveControlFailed, Verdict
from conformance.auth.schemes import SESSION, Scheme
from conformance.run.state import RunState

# A body for unsafe methods, so the control and the probes send the same request shape.
UNSAFE_BODY = b"{}"
JSON_HEADERS = [("Content-Type", "application/json")]
# Where the view's parsers refuse JSON (415), a form: a 415 proves nothing about authentication,
# since the body may be parsed inside it (DOT's OAuth2Authentication reads request.POST,
# SessionAuthentication's CSRF check too), so every credential, dead or valid, gets it (issue 12).
UNSUPPORTED_MEDIA_TYPE = 415
FORM_BODY = b"drf_conformance=probe"
FORM_HEADERS = [("Content-Type", "application/x-www-form-urlencoded")]
FORM_ENDPOINTS_KEY = ("form-body-endpoints",)


class Probe:
    def __init__(self, state: RunState, target):
        self.state = state
        self.target = target
        self.client = target.client
        self.verdict: Verdict | None = None
        self.parameters: dict[str, str] = {}
        self.reused_evidence: list[Exchange] = []
        self.client.take_exchanges()  # whatever came before this check is not its evidence

    # Credentials ------------------------------------------------------------------------------
    def consumes_credentials(self, endpoint: Endpoint) -> bool:
        """A request that gets through here revokes its credential (the logout endpoint; knox's
        logout-all, which revokes every token of the user, issue 14)."""
        paths = self.target.auth_endpoints.paths
        return endpoint.path in {paths.get("LOGOUT_PATH"), paths.get("LOGOUT_ALL_PATH")} - {None}

    def credential(self, scheme: Scheme, state: str = "active", endpoint: Endpoint | None = None) -> Credential:
        """The credential of ``scheme`` in ``state``; a disposable one where ``endpoint`` would consume it.

        An inactive or expired credential is one shared role (remote mode): never sent where it
        would be consumed, since a flawed deployment that accepted it would revoke it for every
        later check, which would then pass for the wrong reason.
        """
        if endpoint is not None and self.consumes_credentials(endpoint):
            if state != "active":
                pytest.skip(f"{endpoint.label} revokes the credential it is sent with, so the shared "
                            f"{state} credential is not sent there (a deployment that wrongly accepted it "
                            "would revoke it for the rest of the run); the in-process audit (--ds) checks it "
                            "with throwaway credentials")
            credential = self.target.disposable(scheme)
            if credential is None:
                pytest.skip(f"{endpoint.label} revokes the credential it is sent with: "
                            f"{self.target.no_disposable_reason(scheme)}")
            return credential
        try:
            return self.target.credentials.for_scheme(scheme, state)
        except MissingRole as exc:
            pytest.skip(f"{exc}: supply it in the credentials file or ${_env(exc.role)}")

    # Sending ----------------------------------------------------------------------------------
    @property
    def origin(self) -> str:
        """The target's own origin (RFC 6454), as a browser on its pages would send it."""
        parts = urlsplit(self.client.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    def require_sendable(self, endpoint: Endpoint) -> None:
        """Skip unless this check may probe ``endpoint``: the target allows it, and a method that can
        change data only where the target allows that (``--allow-unsafe-methods`` in remote mode)."""
        # The target's rule covers unsafe methods too: read-only remote mode still lets a POST
        # reach the declared auth endpoints (issue 5), which a method test alone would refuse.
        reason = self.target.can_send(endpoint)
        if reason:
            pytest.skip(reason)

    def cached(self, cache_key: Any) -> Answer | None:
        """The answer an earlier check got for ``cache_key``, kept as this check's evidence too."""
        answer = self.state.answer_cache.get(cache_key)
        if answer is not None:
            self.reused_evidence.append(answer.exchange)
        return answer

    def send(self, endpoint: Endpoint, headers: Iterable[tuple[str, Any]] = (), *, role: str = "probe",
             base: str | None = None, cache_key: Any = None, body: bytes | None = None,
             path: str | None = None) -> Answer:
        """Send ``endpoint``'s request with ``headers``; ``cache_key`` shares the answer between checks."""
        if cache_key is not None and cache_key in self.state.answer_cache:
            answer = self.state.answer_cache[cache_key]
            self.reused_evidence.append(answer.exchange)
            return answer
        reason = self.target.can_send(endpoint)  # remote mode is read-only unless told otherwise
        if reason:
            pytest.skip(reason)
        headers = list(headers)
        default_body = not endpoint.is_safe and body is None
        form_endpoints = self.state.answer_cache.setdefault(FORM_ENDPOINTS_KEY, set())
        if default_body:
            form = endpoint.label in form_endpoints
            body, headers = (FORM_BODY, headers + FORM_HEADERS) if form else (UNSAFE_BODY, headers + JSON_HEADERS)
        try:
            answer = self.client.request(endpoint.method, path or endpoint.path, headers=headers,
                                         data=body, base=base, role=role)
            if default_body and answer.status == UNSUPPORTED_MEDIA_TYPE and endpoint.label not in form_endpoints:
                retried = self.client.request(endpoint.method, path or endpoint.path,
                                              headers=[*headers[:-1], *FORM_HEADERS], data=FORM_BODY, base=base, role=role)
                if retried.status != UNSUPPORTED_MEDIA_TYPE:  # the view parses forms: send them from now on
                    form_endpoints.add(endpoint.label)
                    answer = retried
        except RequestRefused as exc:  # a safety rule, not a finding: the check does not apply here
            pytest.skip(str(exc))
        if cache_key is not None:
            self.state.answer_cache[cache_key] = answer
        if endpoint.method == "DELETE" and answer.status < 300:
            self.target.restore_data()  # the next check needs the object this one deleted
        return answer

    def positive_control(self, endpoint: Endpoint, scheme: Scheme | None = None) -> Answer:
        """Prove valid credentials are accepted on ``endpoint`` (with ``scheme``, else any)."""
        consumes = self.consumes_credentials(endpoint)
        key = (endpoint.label, scheme)
        # Once valid credentials are proven to work on an endpoint, the proof holds for the run,
        # even where it cost a disposable credential (the logout endpoint).
        if key in self.state.control_cache:
            answer = self.state.control_cache[key]
            self.reused_evidence.append(answer.exchange)
            return answer
        schemes = [scheme] if scheme else endpoint.control_order()
        if not schemes:
            raise PositiveControlFailed(
                f"{endpoint.label} accepts no authentication scheme the suite knows, so no valid "
                "credential can prove it works; list its authentication_classes"
            )
        credential = self._control_credential(schemes, consumes, endpoint)
        headers = credential.request_headers(endpoint.method)
        if credential.scheme == SESSION and not endpoint.is_safe:
            # Django's CSRF check of an HTTPS request wants a same-origin Origin (or Referer).
            headers.append(("Origin", self.origin))
        answer = self.send(endpoint, headers, role="positive-control")
        if not control_accepted(answer):
            raise self._control_failed(credential, endpoint, answer, consumes)
        self.state.control_cache[key] = answer
        return answer

    def _control_failed(self, credential: Credential, endpoint: Endpoint, answer: Answer,
                        consumes: bool) -> PositiveControlFailed:
        """The error of a failed control, carrying its answer (a dead credential that got through
        is still judged, issue 12); one cause named where the role is refused everywhere."""
        from conformance.scheme_acceptance import acceptance

        found = None if consumes else acceptance(self, credential)
        if found is not None and found.refused_everywhere:
            error = PositiveControlFailed(f"positive control failed: {found.summary()}; here {endpoint.label} "
                                          f"got {describe(answer)}")
        else:
            error = PositiveControlFailed(
                f"positive control failed: valid {credential.role} credentials got {describe(answer)} "
                f"on {endpoint.label}, so refusals there prove nothing")
        error.answer = answer
        return error

    def _control_credential(self, schemes: list[Scheme], consumes: bool, endpoint: Endpoint) -> Credential:
        missing, unavailable = [], []
        for candidate in schemes:
            if consumes:
                credential = self.target.disposable(candidate)
                if credential is not None:
                    return credential
                unavailable.append(self.target.no_disposable_reason(candidate))
                continue
            try:
                return self.target.credentials.for_scheme(candidate, "active")
            except MissingRole as exc:
                missing.append(exc.role)
        if unavailable:  # the endpoint consumes credentials (logout): only a throwaway one may go
            pytest.skip(f"no credential for the positive control: {endpoint.label} revokes the credential it "
                        f"is sent with; {'; '.join(dict.fromkeys(unavailable))}")
        pytest.skip("no credential for the positive control: supply role "
                    + " or ".join(f"{role} (${_env(role)})" for role in missing))

    # Verdicts ---------------------------------------------------------------------------------
    def judge(self, verdict: Verdict) -> None:
        self.verdict = verdict
        if verdict.not_applicable:
            pytest.skip(verdict.not_applicable)
        if not verdict.passed:
            raise CheckFailed(verdict)

    def evidence(self) -> list[dict]:
        exchanges = self.reused_evidence + self.client.take_exchanges()
        seen, unique = set(), []
        for exchange in exchanges:
            if id(exchange) not in seen:
                seen.add(id(exchange))
                unique.append(exchange.as_dict())
        return unique


def _env(role: str) -> str:
    from conformance.evidence import env_name

    return env_name(role)
