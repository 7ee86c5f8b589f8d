"""The remote target: a running deployment audited as a black box over HTTP(S).

Built from the command line (``--target-url``, ``--credentials``, ``--config``, ``--openapi``,
``--endpoints``): expectations come from the ``--config`` file alone, credentials from the
credentials file and ``CONFORMANCE_<ROLE>`` variables, endpoints from the OpenAPI document and/or
the endpoints file, schemes as ``conformance.remote.schemes`` explains. ``start()`` proves the
host answers at all, so a closed port or a TLS failure ends the run at once with exit code 3.

Every request, the ``--openapi`` fetch included, passes the egress gate (``conformance/egress.py``):
the ``--target-url`` origin under its path, and the plain-HTTP origin (``HTTP_URL``, or the
``http://`` twin of an HTTPS target on port 443) under its path; nothing else.

It is a shared staging server, so the target is read-only unless told otherwise: ``can_send``
lets GET, HEAD and OPTIONS through, POST only to the declared auth endpoints, and anything else
only with ``--allow-unsafe-methods``; the reason it gives becomes the skipped check's detail.
"""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

from conformance.auth.credentials import Credential
from conformance.egress import EgressGate, EgressRefused, has_userinfo, path_problem, without_userinfo
from conformance.endpoints import Endpoint
from conformance.evidence import Redactor, env_name
from conformance.expectations import ConfigurationError, resolve
from conformance.exchange_deadline import DEFAULT_EXCHANGE_DEADLINE_S, ExchangeDeadline, ExchangeWatch
from conformance.http import (
    _READ_ERRORS,
    DEFAULT_MAX_RETRY_WAIT_S,
    MAX_BODY_BYTES,
    ConformanceClient,
    TargetUnreachable,
    describe_transport_error,
    is_loopback,
)
from conformance.remote import discovery
from conformance.remote.credentials_file import load_credentials
from conformance.remote.schemes import declared_schemes, schemes_from_roles
from conformance.results import PositiveControlFailed
from conformance.auth.schemes import SESSION, Scheme
from conformance.targets.base import AUTH_ENDPOINT_KEYS, AuthEndpoints, Target, TargetError

OPENAPI_FETCH_TIMEOUT = (5.0, 30.0)


def _where(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port or (443 if parts.scheme == 'https' else 80)}"


def fetch_openapi(url: str, verify: bool | str, gate: EgressGate | None = None,
                  deadline: float = DEFAULT_EXCHANGE_DEADLINE_S) -> str:
    """The document at ``url``, anonymously, no redirect followed (it could lead anywhere), within
    the exchange deadline, and only from where ``gate`` lets requests go."""
    if gate is not None:
        try:
            gate.check("GET", url)
        except EgressRefused as exc:
            raise ConfigurationError(f"--openapi {without_userinfo(url)}: {exc}; download it and pass the file") from None
    session = requests.Session()
    session.trust_env = False  # no proxy from the environment
    watch = ExchangeWatch(deadline)
    watch.install(session)
    started = time.monotonic()
    try:
        with watch.exchange() as deadline_passed:
            try:
                response = session.get(url, verify=verify, timeout=tuple(min(t, deadline) for t in OPENAPI_FETCH_TIMEOUT),
                                       allow_redirects=False, stream=True, headers={"User-Agent": "drf-conformance"})
                body = response.raw.read(8 * MAX_BODY_BYTES + 1, decode_content=True)
            except (requests.RequestException, *_READ_ERRORS) as exc:
                # A cut connection surfaces as whatever the read saw; the deadline is the cause.
                past = deadline_passed.is_set() or time.monotonic() - started >= deadline
                raise requests.ConnectionError(ExchangeDeadline(deadline) if past else exc) from exc
        if deadline_passed.is_set():
            raise requests.ConnectionError(ExchangeDeadline(deadline))
    except requests.RequestException as exc:
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], ExchangeDeadline) else exc
        raise TargetError(f"{_where(url)}: {describe_transport_error(cause)} (fetching --openapi {url})") from exc
    finally:
        session.close()
    if response.status_code != 200:
        hint = (" it needs credentials: download it and pass the file" if response.status_code in (401, 403)
                else " it redirects: pass the final URL" if 300 <= response.status_code < 400 else "")
        raise ConfigurationError(f"--openapi {url}: HTTP {response.status_code};{hint or ' pass a URL that serves the document'}")
    if len(body) > 8 * MAX_BODY_BYTES:
        raise ConfigurationError(f"--openapi {url}: larger than {8 * MAX_BODY_BYTES} bytes; pass a file")
    return body.decode("utf-8", errors="replace")


def default_http_url(target_url: str) -> str | None:
    """Plain HTTP on port 80 of the same host and path: for HTTPS on its default port, and for any
    non-loopback host (a staging server on :8443 still likely answers port 80, issue 12). A
    loopback target on a custom port is a test or a tunnel: its plain-HTTP port is unknown."""
    parts = urlsplit(target_url.rstrip("/"))
    if parts.scheme == "http":
        return target_url.rstrip("/")
    if parts.port in (None, 443) or not is_loopback(parts.hostname):
        host = parts.hostname or ""
        return urlunsplit(("http", f"[{host}]" if ":" in host else host, parts.path, "", ""))
    return None  # HTTPS on a custom loopback port: the plain-HTTP port is unknown; declare HTTP_URL


class RemoteTarget(Target):
    mode = "remote"

    def __init__(self, base_url: str, *, expectations, credentials, endpoints: list[Endpoint],
                 client: ConformanceClient, allow_unsafe_methods: bool, credential_sources: dict[str, str]):
        self.base_url = base_url.rstrip("/")
        self.expectations = expectations
        self.credentials = credentials
        self.credential_sources = credential_sources
        self.endpoints = endpoints
        self.client = client
        self.allow_unsafe_methods = allow_unsafe_methods
        self.documented_security: set[tuple[str, str]] = set()
        self.auth_endpoints = AuthEndpoints()
        # A black box shows no views: auth endpoints are the ones declared in --config.
        self.auth_endpoints.resolve(expectations, {})
        declared_http_url = expectations.values.get("HTTP_URL")
        self.http_url = declared_http_url or self._default_http_url()
        if self.http_url:
            self.client.allow_plain_http(self.http_url)  # the declared plain-HTTP origin, and no other
        # Derived, not declared: if nothing answers there, the plain-HTTP checks skip and say so.
        self.http_url_derived = not declared_http_url and bool(self.http_url) and self.http_url != self.base_url
        self.notes = self._notes()

    def _notes(self) -> list[str]:
        """What this run leaves out for safety, for the terminal and the report's warnings."""
        notes = []
        held_back = [e.label for e in self.endpoints if self.can_send(e)]
        if held_back:
            notes.append(f"read-only mode: {len(held_back)} endpoint(s) with methods that can change data were "
                         f"not probed ({', '.join(held_back[:6])}{', ...' if len(held_back) > 6 else ''}); "
                         "their checks are skipped; --allow-unsafe-methods probes them")
        parts = urlsplit(self.base_url)
        if parts.scheme == "http" and not is_loopback(parts.hostname):
            notes.append(f"--target-url is plain HTTP to {parts.hostname}: no real credential is sent there "
                         "(CWE-319), so every check that needs one is skipped; audit the https:// URL")
        return notes

    @classmethod
    def from_options(cls, options, redactor: Redactor) -> RemoteTarget:
        if has_userinfo(options.target_url):
            raise ConfigurationError(f"--target-url {without_userinfo(options.target_url)}: user information "
                                     "(user:password@) is not allowed; give the credentials as a role")
        expectations = resolve(None, options.config_file)
        http_url = expectations.values.get("HTTP_URL") or default_http_url(options.target_url)
        if http_url and has_userinfo(http_url):
            raise ConfigurationError(f"HTTP_URL {without_userinfo(http_url)}: user information (user:password@) "
                                     "is not allowed; give the credentials as a role")
        for key in AUTH_ENDPOINT_KEYS:  # declared auth paths go through the same gate as any path
            declared = expectations.values.get(key)
            problem = path_problem(declared) if isinstance(declared, str) else None
            if problem:
                raise ConfigurationError(f"--config {key} {declared!r}: the path {problem}")
        gate = EgressGate(options.target_url, http_url)
        max_endpoints = getattr(options, "max_endpoints", discovery.DEFAULT_MAX_ENDPOINTS)
        deadline = getattr(options, "exchange_deadline", DEFAULT_EXCHANGE_DEADLINE_S)
        credentials, sources = load_credentials(options.credentials_file, redactor,
                                                session_cookie=expectations.SESSION_COOKIE_NAME,
                                                csrf_cookie=expectations.CSRF_COOKIE_NAME)
        verify: bool | str = False if options.insecure else (options.ca_bundle or True)
        declared_paths = expectations.values.get("PATH_PARAMETERS") or {}
        found: list[discovery.Discovered] = []
        if options.openapi:
            source = options.openapi
            if source.startswith(("http://", "https://")):
                text = fetch_openapi(source, verify, gate, deadline)
            else:
                try:
                    text = Path(source).read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    raise ConfigurationError(f"--openapi {source}: cannot read it ({exc})") from None
            found += discovery.endpoints_from_document(discovery.parse_document(text, source), declared_paths,
                                                       source=source, limit=max_endpoints)
        if options.endpoints_file:
            found += discovery.read_endpoints_file(options.endpoints_file, declared_paths)
        discovery.check_limit(len(found), max_endpoints, "--openapi and --endpoints together list")
        if not found:
            raise ConfigurationError("no endpoint to audit: the --openapi document lists no operation")
        endpoints = discovery.to_endpoints(found, schemes_from_roles(credentials),
                                           declared_schemes(expectations.values.get("SCHEMES")))
        client = ConformanceClient(options.target_url, verify=verify, redactor=redactor,
                                   max_rps=options.max_rps, insecure=options.insecure, plain_http_url=http_url,
                                   exchange_deadline=deadline,
                                   max_retry_wait=getattr(options, "max_retry_wait", DEFAULT_MAX_RETRY_WAIT_S))
        target = cls(options.target_url, expectations=expectations, credentials=credentials,
                     endpoints=endpoints, client=client, allow_unsafe_methods=options.allow_unsafe_methods,
                     credential_sources=sources)
        # Endpoints whose schemes the document's security named: supplying a role adds nothing there.
        target.documented_security = {(item.method, item.path) for item in found if item.schemes}
        return target

    def _default_http_url(self) -> str | None:
        return default_http_url(self.base_url)

    def start(self) -> None:
        """One anonymous GET of the base URL: any HTTP answer proves the target is there."""
        try:
            # Any answer proves the target is there, a 429 too: the checks then meet the throttling.
            self.client.request("GET", "", role="reachability", honour_rate_limits=False)
        except TargetUnreachable as exc:
            raise TargetError(f"{_where(self.base_url)}: {describe_transport_error(exc.cause)}") from exc
        self.client.take_exchanges()

    def stop(self) -> None:
        self.client.close()

    # Safety ------------------------------------------------------------------------------------
    def _is_auth_endpoint(self, endpoint: Endpoint) -> bool:
        return endpoint.path in {p for p in self.auth_endpoints.paths.values() if p}

    def can_send(self, endpoint: Endpoint) -> str | None:
        if endpoint.is_safe or self.allow_unsafe_methods:
            return None
        if endpoint.method == "POST" and self._is_auth_endpoint(endpoint):
            return None
        return (f"read-only mode: {endpoint.label} was not sent, as {endpoint.method} can change data on "
                "the target; pass --allow-unsafe-methods to probe it")

    def unsafe_methods_allowed(self) -> bool:
        return self.allow_unsafe_methods

    def real_credentials_over_plain_http(self) -> bool:
        return bool(self.http_url) and is_loopback(urlsplit(self.http_url).hostname)

    # Credentials a check may consume ---------------------------------------------------------
    def disposable(self, scheme: Scheme):
        """A fresh session from a real login through SESSION_LOGIN_PATH with the ``password`` role
        (logging it out ends that session only); None for every other scheme, since a black box
        cannot make users, and re-logging in with DRF's token login returns the same token."""
        if scheme != SESSION:
            return None
        from conformance.auth.session_login import (
            SessionLoginFailed,
            SessionLoginUnavailable,
            log_in,
        )

        try:
            login = log_in(self, label="disposable")
        except SessionLoginUnavailable:
            return None  # no_disposable_reason says what to declare or supply
        except SessionLoginFailed as exc:  # declared and supplied, yet no session: cannot be judged
            raise PositiveControlFailed(f"positive control failed: no throwaway session could be opened: {exc}") from None
        self.client.take_exchanges()  # provisioning, not the evidence of the check that asked
        # The session cookie first (scheme-confusion sends the first cookie's value as a token),
        # then the CSRF cookie the login form set, whose value is a valid token.
        cookies = {login.session_cookie: login.cookies[login.session_cookie], **login.cookies}
        return Credential("session.disposable", SESSION, cookies[login.session_cookie],
                          self.credentials.get("password").username, cookies=cookies, csrf_token=login.csrf_token)

    def no_disposable_reason(self, scheme: Scheme) -> str:
        if scheme == SESSION:
            missing = [what for what, there in (
                ("declare SESSION_LOGIN_PATH in --config", self.auth_endpoints.paths.get("SESSION_LOGIN_PATH")),
                ("supply role password ($CONFORMANCE_PASSWORD_USERNAME, $CONFORMANCE_PASSWORD_PASSWORD)",
                 self.credentials.has("password"))) if not there]
            return ("a throwaway session is opened by logging in through SESSION_LOGIN_PATH with role password: "
                    + " and ".join(missing))
        return ("a black box cannot make throwaway users or tokens, and sending one the rest of the run "
                "needs would revoke it; the in-process audit (--ds) covers this check")

    def scheme_not_offered(self, endpoint: Endpoint, scheme: Scheme) -> str:
        what = "a session cookie" if scheme == SESSION else f"the {scheme.word or scheme.kind} scheme"
        if self.expectations.values.get("SCHEMES"):
            fix = f"SCHEMES in --config does not list {'session' if scheme == SESSION else scheme.word!r} for it"
        elif endpoint.schemes and ((endpoint.method, endpoint.path) in self.documented_security or any(
                self.credentials.has(f"{scheme.role_prefix}.{s}") for s in ("active", "inactive", "expired"))):
            fix = ("the OpenAPI document's security for it names no such scheme; list it in SCHEMES in --config "
                   "if the endpoint accepts it")
        else:
            fix = (f"supply role {scheme.role_prefix}.active (${env_name(f'{scheme.role_prefix}.active')})"
                   + (", the value of a logged-in session cookie; conformance_provision writes it"
                      if scheme == SESSION else ""))
        return f"{endpoint.label} is not audited with {what} in remote mode: {fix}"

    def info(self) -> dict:
        return {
            "mode": self.mode, "url": self.base_url, "settings": None,  # a black box has no settings module
            # Where each supplied role came from (names only, never values), and the schemes audited.
            "credential_roles": self.credential_sources,
            "schemes": sorted({s.word or s.kind for e in self.endpoints for s in e.schemes}),
        }
