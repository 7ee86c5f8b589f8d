"""A whole remote audit of a hostile loopback server: no credential, in any form, in any report or
terminal line (issue 11).

The server (plain HTTP on 127.0.0.1, where real credentials may go) echoes every request back in
every answer (raw, base64 and URL-safe base64 of the whole request at whatever byte offset,
URL-encoded, as JSON and as ``repr``), and its login issues tokens in ``X-Auth-Token``,
``Location``, ``Link``, a cookie and the JSON body. The supplied credentials come from the
environment: a token, and a password full of characters that form bodies encode (``=+/&?``).
Afterwards every report file, stdout and stderr are searched for every form of every supplied and
issued credential, written out here independently of conformance/redaction.py.

Also: a credential from the environment with a trailing newline stops the run at load, in one
line naming the role, before any request reaches the server; and short credentials (under six
characters) are not printed where they travel.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
import threading
from http.server import BaseHTTPRequestHandler
from urllib.parse import quote

import pytest

from tests.conftest import loopback_server, run_audit
from tests.hostile.test_secrets_units import leaked_forms

REPORT_FILES = ("report.json", "junit.xml", "report.md", "report.html", "report.sarif")
TOKEN = "tok-" + "5f1e" * 9
PASSWORD = "p=ss+w/rd&k3y?-" + "9c2b" * 3
USERNAME = "auditor"
CONFIG = 'TOKEN_LOGIN_PATH = "/login/"\nPUBLIC_PATHS = []\n'
ENDPOINTS = "GET /api/items/\nGET /api/me/\n"


class EchoingServer(BaseHTTPRequestHandler):
    """Answers every request with the request itself, in every encoding; logs in anyone and
    issues tokens in every place an answer can carry one."""

    protocol_version = "HTTP/1.1"
    issued: list[str] = []
    requests_seen = 0
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def _raw_request(self) -> bytes:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        return self.requestline.encode("latin-1") + b"\r\n" + bytes(self.headers) .replace(b"\n", b"\r\n") + body

    def _answer(self, status: int, extra_headers=(), extra_body=None) -> None:
        with EchoingServer.lock:
            EchoingServer.requests_seen += 1
        raw = self._raw_request()
        echo = {
            "raw": raw.decode("latin-1"),
            "base64": [base64.b64encode(b"x" * k + raw).decode() for k in range(3)],
            "base64url": base64.urlsafe_b64encode(raw).decode().rstrip("="),
            "quoted": quote(raw.decode("latin-1"), safe=""),
            "repr": repr(raw),
            "headers": dict(self.headers),
        }
        if extra_body:
            echo.update(extra_body)
        body = json.dumps(echo).encode()
        self.send_response(status)
        for name, value in extra_headers:
            self.send_header(name, value)
        if status == 401:
            self.send_header("WWW-Authenticate", 'Token realm="api"')
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _issue(self) -> str:
        token = secrets.token_hex(20)
        with EchoingServer.lock:
            EchoingServer.issued.append(token)
        return token

    def _authorized(self) -> bool:
        value = self.headers.get("Authorization", "")
        return value == f"Token {TOKEN}" or any(value == f"Token {t}" for t in EchoingServer.issued)

    def do_POST(self):
        if self.path.rstrip("/") == "/login":
            token, header, location, link, cookie = (self._issue() for _ in range(5))
            self._answer(200, [("X-Auth-Token", header), ("Location", f"/welcome/#access_token={location}&x=1"),
                               ("Link", f'</api/items/?token={link}>; rel="next"'),
                               ("Set-Cookie", f"auth_session={cookie}; HttpOnly")],
                         {"token": token, "user": {"refresh": self._issue()}})
        else:
            self._answer(401)

    def do_GET(self):
        self._answer(200 if self._authorized() else 401)

    do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_HEAD = do_GET


@pytest.fixture
def hostile(tmp_path):
    EchoingServer.issued, EchoingServer.requests_seen = [], 0
    (tmp_path / "conformance.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "endpoints.txt").write_text(ENDPOINTS, encoding="utf-8")
    with loopback_server(EchoingServer) as base:
        def audit(env: dict[str, str], *args: str):
            return run_audit(["--target-url", base, "--endpoints", str(tmp_path / "endpoints.txt"),
                              "--config", str(tmp_path / "conformance.toml"), "-rA", "-v",
                              "--keep-all-evidence", *args],
                             tmp_path / f"reports-{secrets.token_hex(3)}", env=env)
        yield audit


def searched_texts(run) -> dict[str, str]:
    texts = {"stdout": run.stdout, "stderr": run.stderr}
    for name in REPORT_FILES:
        texts[name] = (run.report_dir / name).read_text(encoding="utf-8")
    return texts


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["one-process", "xdist"])
def test_an_echoing_server_that_issues_tokens_everywhere_gets_no_form_of_any_credential_into_reports(hostile, workers):
    """Before: base64 and URL-encoded echoes of the token and password, and the tokens issued in
    headers, were written into report.json, report.html and the curl lines. Under pytest-xdist the
    controller writes the reports without knowing what the workers' logins were issued."""
    run = hostile({"CONFORMANCE_TOKEN_ACTIVE": TOKEN, "CONFORMANCE_PASSWORD_USERNAME": USERNAME,
                   "CONFORMANCE_PASSWORD_PASSWORD": PASSWORD}, *workers)
    assert run.exit_code in (0, 1), run.stdout[-3000:] + run.stderr[-2000:]
    assert len(EchoingServer.issued) >= 6, "the login was never used: nothing issued was searched for"
    report = run.report
    assert any(r["evidence"] for r in report["results"]), "no evidence: nothing was searched"
    leaks = []
    for where, text in searched_texts(run).items():
        for value, username in [(TOKEN, None), (PASSWORD, USERNAME), *((t, None) for t in EchoingServer.issued)]:
            leaks += [f"{where}: {form!r}" for form in leaked_forms(text, value, username)]
    assert not leaks, "\n".join(leaks[:20])


def test_a_credential_with_a_trailing_newline_stops_the_run_at_load_before_any_request(hostile):
    """Before: requests raised InvalidHeader with the repr of the value on every check, and the
    whole token reached every report and the terminal."""
    run = hostile({"CONFORMANCE_TOKEN_ACTIVE": TOKEN + "\n"})
    output = run.stdout + run.stderr
    assert run.exit_code == 2, output[-3000:]
    assert EchoingServer.requests_seen == 0
    assert "Traceback" not in output and TOKEN not in output and TOKEN[4:12] not in output
    [line] = [line for line in output.splitlines() if "$CONFORMANCE_TOKEN_ACTIVE" in line]
    assert "role token.active" in line and "a newline at its end" in line


def test_short_credentials_are_not_printed_where_they_travel(hostile):
    """Before: a credential under six characters was never treated as a secret; the echo put it in
    every report as a JSON value, header and form field."""
    token, password = "Zk7Qx", "w9+Z/"
    run = hostile({"CONFORMANCE_TOKEN_ACTIVE": token, "CONFORMANCE_PASSWORD_USERNAME": USERNAME,
                   "CONFORMANCE_PASSWORD_PASSWORD": password}, "-k", "anonymous or valid or login")
    assert run.exit_code in (0, 1), run.stdout[-3000:] + run.stderr[-2000:]
    assert any(r["evidence"] for r in run.report["results"])
    for where, text in searched_texts(run).items():
        for value in (token, password):
            whole_token = re.compile(rf"(?<![A-Za-z0-9]){re.escape(value)}(?![A-Za-z0-9])")
            found = whole_token.search(text)
            assert found is None, f"{value!r} in {where}: ...{text[max(0, found.start() - 80):found.end() + 40]!r}"
        basic = base64.b64encode(f"{USERNAME}:{password}".encode()).decode().rstrip("=")
        assert basic not in text, where  # its long forms are redacted as substrings anywhere
