"""The HTTP client every check sends through.

One ``requests.Session`` bound to the target, like requests' own Session carries defaults:
relative paths against the base URL, a timeout on every call, TLS verified (the in-process CA or
``--ca-bundle``) unless ``--insecure`` was asked for, redirects never followed (a check judges the
redirect itself, so no credential ever follows a redirect to another host), response bodies read
up to a cap, and every exchange recorded as redacted evidence. Transport failures raise
``TargetUnreachable``, which keeps the request that failed.

Because remote mode runs against shared staging servers, the client is also polite and careful:
``--max-rps`` spaces requests out; connection failures are retried, a few times and only for
idempotent methods (RFC 9110 section 9.2.2); a ``429`` is honoured through ``Retry-After``
(RFC 6585 section 4, bounded) and, if it persists, raises ``RateLimited`` so the check ends as
``error``, never as a verdict built on a throttled answer; and a request that would carry a
registered secret over plain HTTP to a host that is not loopback is refused (``RequestRefused``,
CWE-319) before anything is sent.

It is also the suite's one way out: every request passes the egress gate
(``conformance/egress.py``) before a socket opens, so nothing reaches another origin or a path
above the target's base path (``EgressRefused``); every exchange has a total deadline, connect
to last byte of the body (``conformance/exchange_deadline.py``); and the waiting ``Retry-After``
asks for has a total cap for the run (``--max-retry-wait``), after which throttled checks end as
``error`` at once.
"""

from __future__ import annotations

import http.client
import ipaddress
import threading
import time
from email.utils import parsedate_to_datetime
from http.cookiejar import DefaultCookiePolicy
from dataclasses import dataclass, field
from typing import Any, Iterable
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from urllib3 import HTTPHeaderDict

from conformance.egress import EgressGate, EgressRefused  # noqa: F401  (EgressRefused: callers catch it here)
from conformance.exchange_deadline import DEFAULT_EXCHANGE_DEADLINE_S, ExchangeDeadline, ExchangeWatch
from conformance.evidence import Redactor, curl_line, redact_body, redact_headers, redact_url
from conformance.redaction import redact_message, request_carries_secret

DEFAULT_TIMEOUT = (5.0, 30.0)  # connect, read: a staging server may be slow, never forever
MAX_BODY_BYTES = 1 << 20  # read no more of an answer than any judge needs
LARGE_BODY_BYTES = 1 << 16  # above this, a server may answer before it has read the whole body
IDEMPOTENT_METHODS = {"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"}  # RFC 9110 section 9.2.2
CONNECTION_RETRIES = 2
RETRY_BACKOFF_S = 0.25  # doubled on each retry
RATE_LIMIT_RETRIES = 3
MAX_RETRY_AFTER_S = 10.0  # a longer Retry-After is not waited out: the check is inconclusive
DEFAULT_MAX_RETRY_WAIT_S = 60.0  # all Retry-After waits of a run together (--max-retry-wait)
# What reading an answer can raise once the headers are in: urllib3's own errors (ReadTimeoutError,
# ProtocolError), http.client's (IncompleteRead) and the socket's. All mean "no complete answer".
_READ_ERRORS = (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError, ValueError)


class RateLimited(Exception):
    """The target kept answering 429: the check could not be judged (outcome ``error``)."""


class RequestRefused(Exception):
    """The suite refused to send a request that would break a safety rule; the check is skipped."""


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def retry_after_seconds(value: str | None) -> float:
    """``Retry-After`` as seconds: delta-seconds or an HTTP-date (RFC 9110 section 10.2.3)."""
    if not value:
        return 1.0
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        from datetime import datetime, timezone

        return max(0.0, (parsedate_to_datetime(value) - datetime.now(timezone.utc)).total_seconds())
    except (TypeError, ValueError):
        return 1.0


def _retryable(exc: requests.RequestException) -> bool:
    """A connection that failed before any answer; never a TLS failure, which a retry cannot fix."""
    if isinstance(exc, requests.exceptions.SSLError) or "CERTIFICATE_VERIFY_FAILED" in str(exc):
        return False
    if isinstance(exc.__cause__, ExchangeDeadline) or isinstance(exc.args[0] if exc.args else None, ExchangeDeadline):
        return False  # a server that stalled once gets no second deadline
    return isinstance(exc, (requests.ConnectionError, requests.exceptions.ConnectTimeout))


class TargetUnreachable(Exception):
    """The target could not be reached: DNS, refused port, TLS failure or timeout."""

    def __init__(self, method: str, url: str, cause: BaseException, redactor: Redactor | None = None):
        parts = urlsplit(url)
        self.host = parts.hostname
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        # The message reaches reports and the terminal: no ?access_token= value in it (issue 11).
        redactor = redactor or Redactor()
        self.method, self.url, self.cause = method, redact_url(url, redactor), cause
        super().__init__(f"{method} {self.url}: {redact_message(describe_transport_error(cause), redactor)}")


def describe_transport_error(exc: BaseException) -> str:
    """One readable cause out of requests' nested exceptions."""
    if isinstance(exc, ExchangeDeadline):
        return str(exc)
    text = str(exc)
    for marker, meaning in (
        ("CERTIFICATE_VERIFY_FAILED", "TLS certificate verification failed"),
        # The server answered early and closed while the request body was still being sent.
        ("EOF occurred in violation of protocol", "the server closed the connection mid-request"),
        ("Connection reset by peer", "the server reset the connection"),
        ("Connection aborted", "the server closed the connection mid-request"),
        ("SSLError", "TLS handshake failed"),
        ("Connection refused", "connection refused"),
        ("Name or service not known", "DNS lookup failed"),
        ("nodename nor servname", "DNS lookup failed"),
        ("Failed to resolve", "DNS lookup failed"),
        ("timed out", "timed out"),
    ):
        if marker in text:
            return meaning
    return text.splitlines()[0][:200] if text else type(exc).__name__


@dataclass
class Exchange:
    """One request and its answer, redacted as recorded."""

    role: str
    request: dict[str, Any]
    response: dict[str, Any] | None
    curl: str
    elapsed_s: float

    def as_dict(self) -> dict[str, Any]:
        return {"role": self.role, "request": self.request, "response": self.response, "curl": self.curl}


@dataclass
class Answer:
    """What a check reads of a response: status, headers, the body up to the cap."""

    status: int
    headers: requests.structures.CaseInsensitiveDict
    body: bytes
    url: str
    exchange: Exchange
    raw_set_cookies: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        import json

        return json.loads(self.body)

    def issued(self) -> dict[str, Any]:
        """The JSON object of a successful answer (what a login or token endpoint issued), else {}."""
        if self.status >= 300:
            return {}
        try:
            data = self.json()
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}


class _KeepNoCookies(DefaultCookiePolicy):
    """A cookie jar policy that stores nothing from answers (cookies given per request still go)."""

    def set_ok(self, cookie, request) -> bool:
        return False


class ConformanceClient:
    """Sends requests to one target and records every exchange."""

    def __init__(self, base_url: str, *, verify: bool | str = True, redactor: Redactor | None = None,
                 timeout: tuple[float, float] = DEFAULT_TIMEOUT, max_rps: float | None = None,
                 insecure: bool = False, honour_rate_limits: bool = True, plain_http_url: str | None = None,
                 exchange_deadline: float = DEFAULT_EXCHANGE_DEADLINE_S,
                 max_retry_wait: float = DEFAULT_MAX_RETRY_WAIT_S):
        self.base_url = base_url.rstrip("/") + "/"
        # The one place that decides where a request may go (contract section 6).
        self.gate = EgressGate(self.base_url, plain_http_url)
        self.session = requests.Session()
        self.watch = ExchangeWatch(exchange_deadline)
        self.watch.install(self.session)
        # No single wait may outlast the exchange deadline either.
        self.timeout = tuple(min(part, exchange_deadline) for part in timeout)
        self.session.verify = verify
        self.session.trust_env = False  # a proxy from the environment must not see credentials
        self.session.headers["User-Agent"] = "drf-conformance"
        # Every request carries exactly the credentials its check gives it: a cookie set by one
        # answer (a session login's sessionid) must not ride along on every later request, where
        # it would authenticate "anonymous" probes and trip CSRF on logins.
        self.session.cookies.set_policy(_KeepNoCookies())
        self.redactor = redactor or Redactor()
        self.insecure = insecure
        # A check that wants to see throttling itself (a 429 as its verdict) turns this off.
        self.honour_rate_limits = honour_rate_limits
        self.exchanges: list[Exchange] = []
        self.exchange_count = 0
        # The answers since the plugin last digested them for the run-level checks (error-hygiene):
        # it empties the list after each check, keeping only 5xx and debug output (issue 16). One
        # client per process: under pytest-xdist the controller judges every worker's answers
        # together from the digests the workers attach to their reports (conformance/run/run_level.py).
        self.answers_seen: list[Answer] = []
        self._min_interval = 1.0 / max_rps if max_rps else 0.0
        self._last_sent = 0.0
        self._lock = threading.Lock()
        self.retry_wait_left = max_retry_wait  # seconds of Retry-After the rest of the run may wait
        self.retry_wait_cap = max_retry_wait
        self.retry_budget_spent_said = False  # the full explanation goes with the first refusal only

    def allow_plain_http(self, url: str) -> None:
        """Allow the declared plain-HTTP origin (``HTTP_URL``) under its path too."""
        self.gate.allow(url)

    def url(self, path: str, base: str | None = None) -> str:
        return urljoin(base.rstrip("/") + "/" if base else self.base_url, path.lstrip("/"))

    def _throttle(self) -> None:
        if not self._min_interval:
            return
        with self._lock:
            wait = self._last_sent + self._min_interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last_sent = time.monotonic()

    def request(self, method: str, path: str, *, headers: dict[str, Any] | Iterable[tuple[str, Any]] | None = None,
                data: Any = None, json: Any = None, cookies: dict[str, str] | None = None,
                base: str | None = None, role: str = "probe", params: dict[str, str] | None = None,
                honour_rate_limits: bool | None = None) -> Answer:
        """Send one request (no redirect followed) and return its recorded ``Answer``.

        ``headers`` given as a list of pairs may repeat a name: those go out as separate header
        lines, which ``requests`` alone cannot do (its header dict folds duplicates).
        """
        url = self.url(path, base)
        # Before anything else, and before any socket: only the target's origins and base paths.
        self.gate.check(method, url, shown=redact_url(url, self.redactor))
        honour_rate_limits = self.honour_rate_limits if honour_rate_limits is None else honour_rate_limits
        header_pairs = list(headers.items() if isinstance(headers, dict) else headers or [])
        names = [name.lower() for name, _ in header_pairs]
        self._refuse_plaintext_secrets(method, url, header_pairs, data, json, cookies, params)
        connection_failures = rate_limited = 0
        while True:
            self._throttle()
            started = time.monotonic()
            try:
                with self.watch.exchange() as deadline_passed:
                    try:
                        if len(names) != len(set(names)):
                            answer = self._send_with_repeated_headers(method, url, header_pairs, data, params)
                        elif isinstance(data, (bytes, str)) and len(data) > LARGE_BODY_BYTES and not (json or cookies or params):
                            answer = self._send_large_body(method, url, header_pairs, data)
                        else:
                            answer = self._send(method, url, dict(header_pairs), data, json, cookies, params)
                    except requests.RequestException as exc:
                        # A read timeout as long as the deadline may fire first: the deadline is the cause.
                        if deadline_passed.is_set() or time.monotonic() - started >= self.watch.seconds:
                            raise requests.ConnectionError(ExchangeDeadline(self.watch.seconds)) from exc
                        raise
                if deadline_passed.is_set():  # the connection was cut: whatever was read is partial
                    raise requests.ConnectionError(ExchangeDeadline(self.watch.seconds))
            except requests.RequestException as exc:
                if method in IDEMPOTENT_METHODS and connection_failures < CONNECTION_RETRIES and _retryable(exc):
                    time.sleep(RETRY_BACKOFF_S * 2 ** connection_failures)
                    connection_failures += 1
                    continue
                cause = exc.args[0] if exc.args and isinstance(exc.args[0], ExchangeDeadline) else exc
                raise TargetUnreachable(method, url, cause, self.redactor) from exc
            elapsed = time.monotonic() - started
            status, response_headers, body, final_url, sent_headers, sent_body, set_cookies = answer
            exchange = self._record(role, method, final_url, sent_headers, sent_body, status,
                                    response_headers, body, elapsed, set_cookies)
            answer = Answer(status, response_headers, body, final_url, exchange, set_cookies)
            self.answers_seen.append(answer)
            if status != 429 or not honour_rate_limits:
                return answer
            wait = retry_after_seconds(response_headers.get("Retry-After"))
            if rate_limited >= RATE_LIMIT_RETRIES or wait > MAX_RETRY_AFTER_S:
                raise RateLimited(
                    f"{method} {redact_url(url, self.redactor)} answered 429 Too Many Requests "
                    f"{rate_limited + 1} times (Retry-After {wait:.0f}s); lower --max-rps or retry later"
                )
            with self._lock:
                over_budget = wait > self.retry_wait_left
                if not over_budget:
                    self.retry_wait_left -= wait
            if over_budget:
                raise RateLimited(self._budget_spent(method, url, wait))
            time.sleep(wait)
            rate_limited += 1

    def _budget_spent(self, method: str, url: str, wait: float) -> str:
        """The run's Retry-After budget is spent: explained once, then a short line per check."""
        shown = f"{method} {redact_url(url, self.redactor)} answered 429 Too Many Requests"
        if self.retry_budget_spent_said:
            return f"{shown}; not waited for (the run's Retry-After budget is spent, see the first throttled check)"
        self.retry_budget_spent_said = True
        return (f"{shown} with Retry-After {wait:.0f} s, more than the {self.retry_wait_left:.0f} s left of the run's "
                f"{self.retry_wait_cap:g} s Retry-After budget (--max-retry-wait): this check and every later "
                "throttled one end as error without waiting; lower --max-rps or audit when the target is not "
                "throttling")

    def _refuse_plaintext_secrets(self, method, url, header_pairs, data, json, cookies, params) -> None:
        """No registered secret goes over plain HTTP to a host that is not loopback (CWE-319)."""
        parts = urlsplit(url)
        if parts.scheme != "http" or is_loopback(parts.hostname):
            return
        # Every registered form, in the request as it would go out: a password with "=+/" is
        # sent form-encoded, which a search for the raw value missed (issue 11).
        try:
            prepared = self.session.prepare_request(requests.Request(
                method, url, headers=dict(header_pairs), data=data, json=json, cookies=cookies, params=params))
            carried = [(prepared.url, [*prepared.headers.items(), *header_pairs], prepared.body)]
        except Exception:  # a request requests cannot even prepare: judge its raw parts
            carried = [(url, header_pairs, " ".join(str(v) for v in [data, json, cookies, params] if v))]
        if any(request_carries_secret(self.redactor, *parts_) for parts_ in carried):
            raise RequestRefused(
                f"not sent: {method} {redact_url(url, self.redactor)} would carry a real credential over "
                f"plain HTTP to {parts.hostname}, which is not loopback"
            )

    def _send(self, method, url, headers, data, json, cookies, params):
        response = self.session.request(
            method, url, headers=headers, data=data, json=json, cookies=cookies, params=params,
            timeout=self.timeout, allow_redirects=False, stream=True,
        )
        try:
            body = response.raw.read(MAX_BODY_BYTES + 1, decode_content=True) or b""
        except _READ_ERRORS as exc:  # urllib3's ReadTimeoutError/ProtocolError are no RequestException
            response.close()
            raise requests.ConnectionError(exc) from exc
        except Exception:
            response.close()
            raise
        if len(body) > MAX_BODY_BYTES:
            body = body[:MAX_BODY_BYTES]
            response.close()  # the rest is unread: this connection cannot be reused
        else:
            response.raw.release_conn()  # keep-alive: the next request reuses the connection
        set_cookies = response.raw.headers.getlist("Set-Cookie") if response.raw is not None else []
        sent = response.request
        return (response.status_code, response.headers, body, sent.url, list(sent.headers.items()),
                sent.body, set_cookies)

    def _send_large_body(self, method, url, header_pairs, data):
        """Send a large body and read the answer even if the server answers before reading it all.

        RFC 9112 section 9.6 lets a server answer (a 400 or 413 for an oversized body) and close
        while the client is still sending; over TLS urllib3 then raises and loses that answer.
        http.client keeps it: stop writing when the connection closes, then read the response.
        """
        import http.client
        import ssl

        parts = urlsplit(url)
        body = data.encode("utf-8") if isinstance(data, str) else data
        if parts.scheme == "https":
            verify = self.session.verify
            context = ssl.create_default_context(cafile=verify if isinstance(verify, str) else None)
            if verify is False:
                context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
            connection = http.client.HTTPSConnection(parts.hostname, parts.port or 443, context=context,
                                                     timeout=self.timeout[1])
        else:
            connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=self.timeout[1])
        self.watch.track(connection)  # its socket, once connected, is cut at the deadline too
        sent_headers = [("User-Agent", "drf-conformance"), *header_pairs, ("Content-Length", str(len(body)))]
        try:
            connection.putrequest(method, parts.path + (f"?{parts.query}" if parts.query else ""),
                                  skip_accept_encoding=True)
            for name, value in sent_headers:
                connection.putheader(name, value)
            connection.endheaders()
            try:
                for start in range(0, len(body), 1 << 16):
                    connection.send(body[start:start + (1 << 16)])
            except (ssl.SSLError, BrokenPipeError, ConnectionResetError):
                pass  # the server stopped reading: its answer, if it sent one, is still readable
            response = connection.getresponse()
            answer_body = response.read(MAX_BODY_BYTES) or b""
            headers = requests.structures.CaseInsensitiveDict(response.getheaders())
            set_cookies = response.msg.get_all("Set-Cookie") or []
        except (OSError, http.client.HTTPException) as exc:
            raise requests.ConnectionError(exc) from exc
        finally:
            connection.close()
        return response.status, headers, answer_body, url, sent_headers, body, set_cookies

    def _send_with_repeated_headers(self, method, url, header_pairs, data, params):
        # Straight through the session's urllib3 pool, so TLS settings stay the session's.
        if params:
            request = requests.Request(method, url, params=params).prepare()
            url = request.url
        adapter = self.session.get_adapter(url)
        pool = adapter.get_connection_with_tls_context(
            requests.Request(method, url).prepare(), self.session.verify
        ) if hasattr(adapter, "get_connection_with_tls_context") else adapter.get_connection(url)
        if self.session.verify is False:
            pool.cert_reqs = "CERT_NONE"
        headers = HTTPHeaderDict()
        headers.add("User-Agent", "drf-conformance")
        for name, value in header_pairs:
            headers.add(name, value.decode("latin-1") if isinstance(value, bytes) else value)
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        try:
            response = pool.urlopen(method, target, body=data, headers=headers, redirect=False,
                                    retries=False, timeout=self.timeout[1], preload_content=False)
        except Exception as exc:  # urllib3's errors: keep the tree small for callers
            raise requests.ConnectionError(exc) from exc
        try:
            body = response.read(MAX_BODY_BYTES) or b""
        except _READ_ERRORS as exc:
            raise requests.ConnectionError(exc) from exc
        finally:
            response.release_conn()
        response_headers = requests.structures.CaseInsensitiveDict(response.headers)
        return (response.status, response_headers, body, url, list(headers.iteritems()), data,
                response.headers.getlist("Set-Cookie"))

    def _record(self, role, method, url, sent_headers, sent_body, status, response_headers, body, elapsed,
                set_cookies=()):
        redactor = self.redactor
        self.exchange_count += 1
        request_content_type = next((str(v) for k, v in sent_headers if k.lower() == "content-type"), "")
        response_header_pairs = list(response_headers.items())
        # A credential the answer issues (X-Auth-Token, Location #access_token=, a JSON token) is a
        # secret from now on, redacted in this exchange and everywhere after (issue 11).
        redactor.harvest_answer(status, response_header_pairs, body, response_headers.get("Content-Type", ""),
                                set_cookies)
        exchange = Exchange(
            role=role,
            request={
                "method": method,
                "url": redact_url(url, redactor),
                "headers": redact_headers(sent_headers, redactor),
                "body": redact_body(sent_body, request_content_type, redactor),
            },
            response={
                "status": status,
                "headers": redact_headers(response_header_pairs, redactor),
                "body": redact_body(body, response_headers.get("Content-Type", ""), redactor,
                                    size=_declared_length(response_headers)),
            },
            curl=curl_line(method, url, [(k, v) for k, v in sent_headers if k.lower() not in
                                         ("user-agent", "accept-encoding", "accept", "connection", "content-length")],
                           sent_body, redactor, insecure=self.insecure,
                           ca_bundle=self.session.verify if isinstance(self.session.verify, str) else None),
            elapsed_s=round(elapsed, 4),
        )
        self.exchanges.append(exchange)
        return exchange

    def take_exchanges(self) -> list[Exchange]:
        """The exchanges since the last call: the evidence of one check."""
        taken, self.exchanges = self.exchanges, []
        return taken

    def close(self) -> None:
        self.session.close()


def _declared_length(headers) -> int | None:
    """The Content-Length an answer declared: its real size when more came than was read."""
    try:
        return int(headers.get("Content-Length", ""))
    except (TypeError, ValueError):
        return None
