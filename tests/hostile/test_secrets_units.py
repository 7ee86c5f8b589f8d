"""Secrets as a type (issue 11): derived forms, short values, the plain-HTTP guard, answers that
issue credentials, transport errors, load-time refusal. Real loopback servers where a server is
involved; each test fails on the behaviour before issue 11 (named in its docstring).
"""

from __future__ import annotations

import base64
import json
import socket
from http.server import BaseHTTPRequestHandler
from urllib.parse import quote, quote_plus

import pytest

from conformance.evidence import Redactor, curl_line, redact_body, redact_headers, redact_url
from conformance.expectations import ConfigurationError
from conformance.http import ConformanceClient, RequestRefused, TargetUnreachable
from conformance.redaction import credential_problem, derived_forms, request_carries_secret
from conformance.remote.credentials_file import load_credentials, register_supplied
from tests.conftest import loopback_server

PASSWORD = "p=ss+w/rd&k3y?"  # every character a form body or URL encodes
USERNAME = "alice@example.org"
TOKEN = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"
SHORT = "pw9"


def registry() -> Redactor:
    redactor = Redactor()
    redactor.add(PASSWORD, "password.password", role="password.password", username=USERNAME)
    redactor.add(TOKEN, "token.active", role="token.active")
    return redactor


def leaked_forms(text: str, value: str, username: str | None = None) -> list[str]:
    """Forms written out here independently of conformance/redaction.py."""
    raw = value.encode()
    forms = {value, quote(value, safe=""), quote(value), quote_plus(value), json.dumps(value)[1:-1],
             repr(value)[1:-1], base64.b64encode(raw).decode(), base64.b64encode(raw).decode().rstrip("="),
             base64.urlsafe_b64encode(raw).decode().rstrip("=")}
    if username:
        pair = f"{username}:{value}".encode()
        forms |= {base64.b64encode(pair).decode().rstrip("="), base64.urlsafe_b64encode(pair).decode().rstrip("=")}
    return sorted(form for form in forms if form in text)


# Derived forms ---------------------------------------------------------------------------------

@pytest.mark.parametrize("encode", [
    lambda v: quote_plus(v), lambda v: quote(v, safe=""), lambda v: base64.b64encode(v.encode()).decode(),
    lambda v: base64.urlsafe_b64encode(v.encode()).decode().rstrip("="),
    lambda v: base64.b64encode(f"{USERNAME}:{v}".encode()).decode(), lambda v: json.dumps(v)[1:-1],
    lambda v: repr(v.encode())[2:-1],
], ids=["form", "url", "base64", "base64url-unpadded", "basic", "json", "repr-bytes"])
def test_every_derived_form_is_redacted_in_any_text(encode):
    """Before: only the raw value was known, so each of these went into reports as is."""
    text = f"echo: <{encode(PASSWORD)}>"
    redacted = registry().redact(text)
    assert encode(PASSWORD) not in redacted and "[REDACTED password.password" in redacted


@pytest.mark.parametrize("prefix", [b"", b"x", b"xy"])
def test_base64_of_a_whole_echoed_request_hides_the_secret_at_every_alignment(prefix):
    """A hostile server base64-encodes the whole request: the secret sits at any byte offset."""
    request = prefix + b"POST /login/ HTTP/1.1\r\n\r\nusername=alice&password=" + quote_plus(PASSWORD).encode() + b"&next=/"
    for encode in (base64.b64encode, base64.urlsafe_b64encode):
        echoed = encode(request).decode()
        redacted = registry().redact(echoed)
        assert redacted != echoed
        # What survives decodes to no part of the form-encoded password longer than 2 characters.
        assert quote_plus(PASSWORD)[2:-2] not in redacted


def test_forms_cover_whitespace_stripping_html_and_both_json_encodings():
    forms = derived_forms("sé cret\n")
    assert forms["stripped"] == "sé cret" and "\\u00e9" in forms["json"] and "é" in forms["json utf-8"]
    assert "&amp;" in derived_forms("a&b")["html"]


# Short values ------------------------------------------------------------------------------------

def test_a_short_credential_is_a_secret_redacted_as_a_whole_token_where_credentials_travel():
    """Before: values under 6 characters were never registered at all."""
    redactor = Redactor()
    redactor.add(SHORT, "password.password", role="password.password", username="bob")
    headers = redact_headers([("X-Echo-Password", SHORT), ("X-Other", "pw90 upw9")], redactor)
    assert headers["X-Echo-Password"] == "[REDACTED password.password]"
    assert headers["X-Other"] == "pw90 upw9"  # inside a longer word it is not that token
    assert SHORT not in redact_url(f"https://h/x?password={SHORT}&q={SHORT}", redactor)
    assert SHORT not in redact_body(json.dumps({"echo": {"note": SHORT}}), "application/json", redactor)
    assert SHORT not in redact_body(f"username=bob&pass={SHORT}", "application/x-www-form-urlencoded", redactor)
    line = curl_line("POST", "https://h/x", [("X-Pass", SHORT)], f"pass={SHORT}", redactor)
    assert SHORT not in line and "${CONFORMANCE_PASSWORD_PASSWORD}" in line
    # Its Basic form is long: redacted as a substring anywhere.
    basic = base64.b64encode(f"bob:{SHORT}".encode()).decode()
    assert basic not in redactor.redact(f"Authorization: Basic{basic}")


def test_the_terminal_scrub_hides_a_short_value_in_quotes_and_files_keep_their_syntax():
    redactor = Redactor()
    redactor.add("id", "token.active")
    assert "'id'" not in redactor.scrub_terminal("data = {'password': 'id'}")
    assert redactor.scrub('{"id": 1}') == '{"id": 1}'  # a report file's syntax survives


# The plain-HTTP guard --------------------------------------------------------------------------

@pytest.fixture
def no_network(monkeypatch):
    """Tripwires: any DNS lookup or connection attempt fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"the suite tried the network: {args[:2]}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize("how", ["form", "basic", "base64url", "query", "cookie"])
def test_plain_http_to_a_host_that_is_not_loopback_is_refused_before_dns_or_a_socket(no_network, how):
    """Before: the guard looked for the raw password in str(data); form-encoded (``=+/``), Basic
    (base64 of user:password) and the like went to http://example.invalid."""
    client = ConformanceClient("http://example.invalid/", redactor=registry())
    basic = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
    kwargs = {
        "form": {"data": f"username=alice&password={quote_plus(PASSWORD)}",
                 "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
        "basic": {"headers": {"Authorization": f"Basic {basic}"}},
        "base64url": {"headers": {"X-Token": base64.urlsafe_b64encode(PASSWORD.encode()).decode().rstrip("=")}},
        "query": {"path": f"/login/?p={quote(PASSWORD, safe='')}"},
        "cookie": {"cookies": {"sessionid": quote(PASSWORD, safe="")}},
    }[how]
    path = kwargs.pop("path", "/login/")
    with pytest.raises(RequestRefused, match="would carry a real credential over plain HTTP to example.invalid"):
        client.request("POST", path, **kwargs)


def test_the_guard_decision_reads_the_whole_prepared_request():
    redactor = registry()
    assert request_carries_secret(redactor, "http://h/x?password=" + quote_plus(PASSWORD), [], None)
    assert request_carries_secret(redactor, "http://h/x", [("X-Note", json.dumps(PASSWORD))], None)
    assert request_carries_secret(redactor, "http://h/x", [], b"a=1&pw=" + quote(PASSWORD, safe="").encode())
    assert not request_carries_secret(redactor, "http://h/x?page=2", [("Accept", "*/*")], b"a=1")
    short = Redactor()
    short.add(SHORT, "password")
    assert request_carries_secret(short, "http://h/x", [], f"password={SHORT}")
    assert not request_carries_secret(short, "http://h/x", [], "password=pw99")


# Answers that issue credentials ----------------------------------------------------------------

ISSUED = {"header": "hdr" + "a1" * 20, "location": "loc" + "b2" * 20, "link": "lnk" + "c3" * 20,
          "body": "bdy" + "d4" * 20, "cookie": "cki" + "e5" * 20}


class IssuingLogin(BaseHTTPRequestHandler):
    """A login that issues tokens everywhere an answer can, then echoes them back on later requests."""

    def log_message(self, *args):
        pass

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps({"data": {"access": ISSUED["body"]}, "detail": "welcome"}).encode()
        self.send_response(200)
        self.send_header("X-Auth-Token", f"Bearer {ISSUED['header']}")
        self.send_header("Location", f"/next/#access_token={ISSUED['location']}&state=1")
        self.send_header("Link", f'</items/?token={ISSUED["link"]}>; rel="next"')
        self.send_header("Set-Cookie", f"auth={ISSUED['cookie']}; HttpOnly")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        body = ("echo " + " ".join(ISSUED.values()) + " "
                + " ".join(base64.b64encode(v.encode()).decode() for v in ISSUED.values())).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_every_credential_a_login_answer_issues_is_registered_at_once():
    """Before: only the JSON ``token``/``access_token`` the login code read was registered; a token
    in X-Auth-Token, Location, Link or a nested field went into reports as is."""
    with loopback_server(IssuingLogin) as base:
        client = ConformanceClient(base, redactor=registry())
        client.request("POST", "/login/", data={"username": USERNAME, "password": PASSWORD}, role="login")
        client.request("GET", "/echo/")
        recorded = json.dumps([exchange.as_dict() for exchange in client.take_exchanges()])
    for where, token in ISSUED.items():
        assert token not in recorded, where
        assert not leaked_forms(recorded, token), where


# Transport errors --------------------------------------------------------------------------------

def test_an_unreachable_target_message_carries_no_credential_from_the_url():
    """Before: ``TargetUnreachable`` quoted the raw URL, ``?access_token=`` value and all."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = ConformanceClient(f"http://127.0.0.1:{port}", redactor=registry())
    with pytest.raises(TargetUnreachable) as failure:
        client.request("GET", "/x/", params={"access_token": TOKEN, "unregistered": "x", "token": "other-value"})
    message = str(failure.value) + failure.value.url
    assert TOKEN not in message and "other-value" not in message
    assert "connection refused" in message


# Load-time refusal -------------------------------------------------------------------------------

@pytest.mark.parametrize("value, says", [
    (TOKEN + "\n", "a newline at its end"), (" " + TOKEN, "a space at its start"),
    (TOKEN[:10] + "\t" + TOKEN[10:], "a tab at character 11"), (TOKEN + "\x00", "U+0000"),
])
def test_a_credential_with_whitespace_or_control_characters_is_refused_at_load_naming_the_role(value, says):
    """Before: accepted, and requests raised InvalidHeader with the value's repr on every check."""
    environ = {"CONFORMANCE_TOKEN_ACTIVE": value}
    for load in (lambda: register_supplied(None, Redactor(), environ),
                 lambda: load_credentials(None, Redactor(), environ=environ)):
        with pytest.raises(ConfigurationError) as refused:
            load()
        message = str(refused.value)
        assert "role token.active" in message and "$CONFORMANCE_TOKEN_ACTIVE" in message and says in message
        assert TOKEN[:8] not in message and "\n" not in message


def test_a_file_credential_with_a_newline_names_the_file(tmp_path):
    path = tmp_path / "creds.json"
    path.write_text(json.dumps({"password": {"username": "alice", "password": "hunter22\r\n"}}), encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"role password.password \(from --credentials .*creds.json\)"):
        register_supplied(str(path), Redactor(), {})
    assert credential_problem("hunter22") is None


def test_a_credentials_repr_never_shows_the_secret():
    """pytest prints argument values in long tracebacks: a Credential among them must not show its secret."""
    store, _ = load_credentials(None, Redactor(), environ={"CONFORMANCE_TOKEN_ACTIVE": TOKEN,
                                                            "CONFORMANCE_SESSION_ACTIVE": "s" * 32})
    shown = repr(store.get("token.active")) + repr(store.get("session.active"))
    assert TOKEN not in shown and "s" * 32 not in shown and "token.active" in shown


def test_what_describes_a_credential_or_is_short_data_is_not_harvested():
    redactor = Redactor()
    added = redactor.harvest_answer(200, [("X-Token-Expires", "3600"), ("X-Token-Type", "Bearer"),
                                          ("X-Api-Key", "short")],
                                    b'{"access": "read", "token": "a-long-issued-token"}', "application/json")
    assert added == 1 and list(redactor.secrets) == ["a-long-issued-token"]
    assert redactor.harvest_answer(401, [], b'{"token": "an-error-body-token"}', "application/json") == 0


def test_a_harvested_credential_named_by_a_role_later_gets_its_variable_in_curl_lines():
    redactor = Redactor()
    redactor.harvest_answer(200, [("X-Auth-Token", TOKEN)], b"", "")
    redactor.add(TOKEN, "token.active", role="token.active")
    assert "${CONFORMANCE_TOKEN_ACTIVE}" in curl_line("GET", "https://h/x", [("Authorization", f"Token {TOKEN}")],
                                                      None, redactor)


def test_the_report_scrub_pattern_compiles_for_secrets_thousands_of_characters_long():
    """A JWT's encoded forms run to thousands of characters; one regex level per character hit
    Python's recursion limit and no report could be written (seen with the simplejwt stack)."""
    from conformance.redaction import Redactor

    redactor = Redactor()
    secret = "eyJ" + "A1b2C3d4" * 400  # 3,203 characters
    redactor.add(secret, "jwt.active")
    assert redactor.pattern().search("x " + secret + " y")
