"""The HTTP client every check sends through.

One ``requests.Session`` bound to the target, like requests' own Session carries defaults:
relative paths against the base URL, a timeout on every call, TLS verified (the in-process CA or
``--ca-bundle``) unless ``--insecure`` was asked for, redirects never followed (a check judges the
redirect itself), response bodies read up to a cap, and every exchange recorded as redacted
evidence. Transport failures raise ``TargetUnreachable``, which keeps the request that failed.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any, Iterable
from urllib.parse import urljoin, urlsplit

import requests
from urllib3 import HTTPHeaderDict

from conformance.evidence import Redactor, curl_line, redact_body, redact_headers, redact_url

DEFAULT_TIMEOUT = (5.0, 30.0)  # connect, read: a staging server may be slow, never forever
MAX_BODY_BYTES = 1 << 20  # read no more of an answer than any judge needs


class TargetUnreachable(Exception):
    """The target could not be reached: DNS, refused port, TLS failure or timeout."""

    def __init__(self, method: str, url: str, cause: BaseException):
        parts = urlsplit(url)
        self.host = parts.hostname
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        self.method, self.url, self.cause = method, url, cause
        super().__init__(f"{method} {url}: {describe_transport_error(cause)}")


def describe_transport_error(exc: BaseException) -> str:
    """One readable cause out of requests' nested exceptions."""
    text = str(exc)
    for marker, meaning in (
        ("CERTIFICATE_VERIFY_FAILED", "TLS certificate verification failed"),
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


class ConformanceClient:
    """Sends requests to one target and records every exchange."""

    def __init__(self, base_url: str, *, verify: bool | str = True, redactor: Redactor | None = None,
                 timeout: tuple[float, float] = DEFAULT_TIMEOUT, max_rps: float | None = None,
                 insecure: bool = False):
        self.base_url = base_url.rstrip("/") + "/"
        self.session = requests.Session()
        self.session.verify = verify
        self.session.trust_env = False  # a proxy from the environment must not see credentials
        self.session.headers["User-Agent"] = "drf-conformance"
        self.redactor = redactor or Redactor()
        self.timeout = timeout
        self.insecure = insecure
        self.exchanges: list[Exchange] = []
        self.exchange_count = 0
        # Every answer of the run, for run-level checks (error-hygiene). One client per process:
        # under pytest-xdist each worker sees only the answers it received itself.
        self.answers_seen: list[Answer] = []
        self._min_interval = 1.0 / max_rps if max_rps else 0.0
        self._last_sent = 0.0
        self._lock = threading.Lock()

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
                base: str | None = None, role: str = "probe", params: dict[str, str] | None = None) -> Answer:
        """Send one request (no redirect followed) and return its recorded ``Answer``.

        ``headers`` given as a list of pairs may repeat a name: those go out as separate header
        lines, which ``requests`` alone cannot do (its header dict folds duplicates).
        """
        url = self.url(path, base)
        header_pairs = list(headers.items() if isinstance(headers, dict) else headers or [])
        names = [name.lower() for name, _ in header_pairs]
        self._throttle()
        started = time.monotonic()
        try:
            if len(names) != len(set(names)):
                answer = self._send_with_repeated_headers(method, url, header_pairs, data, params)
            else:
                answer = self._send(method, url, dict(header_pairs), data, json, cookies, params)
        except requests.RequestException as exc:
            raise TargetUnreachable(method, url, exc) from exc
        elapsed = time.monotonic() - started
        status, response_headers, body, final_url, sent_headers, sent_body, set_cookies = answer
        exchange = self._record(role, method, final_url, sent_headers, sent_body, status,
                                response_headers, body, elapsed)
        answer = Answer(status, response_headers, body, final_url, exchange, set_cookies)
        self.answers_seen.append(answer)
        return answer

    def _send(self, method, url, headers, data, json, cookies, params):
        response = self.session.request(
            method, url, headers=headers, data=data, json=json, cookies=cookies, params=params,
            timeout=self.timeout, allow_redirects=False, stream=True,
        )
        try:
            body = response.raw.read(MAX_BODY_BYTES + 1, decode_content=True) or b""
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
        finally:
            response.release_conn()
        response_headers = requests.structures.CaseInsensitiveDict(response.headers)
        return (response.status, response_headers, body, url, list(headers.iteritems()), data,
                response.headers.getlist("Set-Cookie"))

    def _record(self, role, method, url, sent_headers, sent_body, status, response_headers, body, elapsed):
        redactor = self.redactor
        self.exchange_count += 1
        request_content_type = next((str(v) for k, v in sent_headers if k.lower() == "content-type"), "")
        response_header_pairs = list(response_headers.items())
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
                "body": redact_body(body, response_headers.get("Content-Type", ""), redactor),
            },
            curl=curl_line(method, url, [(k, v) for k, v in sent_headers if k.lower() not in
                                         ("user-agent", "accept-encoding", "accept", "connection", "content-length")],
                           sent_body, redactor, insecure=self.insecure),
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
