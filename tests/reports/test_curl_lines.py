"""curl lines that replay as written (issue 17), checked by the shell that will run them.

Each line's words are evaluated by ``bash`` and compared byte for byte with what the client
sent: control bytes and non-UTF-8 bytes as ``$'\\xHH'``, shell metacharacters quoted,
``${CONFORMANCE_<ROLE>}`` expanding, an oversized body rebuilt by a pipeline. A cut body says its
real size. In-process lines are rewritten for ``runserver`` with roles in place of variables.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conformance.evidence import Redactor, curl_line, redact_body, shell_word
from conformance.findings import for_runserver, reproduction, role_meaning, role_of

BASH = shutil.which("bash")
pytestmark = pytest.mark.skipif(BASH is None, reason="no bash")
SECRET = "s3cret-token-value-0123456789"


def _bash_bytes(script: str, env: dict | None = None) -> bytes:
    return subprocess.run([BASH, "-c", script], capture_output=True, timeout=30, check=True,
                          env={"PATH": "/usr/bin:/bin", **(env or {})}).stdout


def _redactor() -> Redactor:
    redactor = Redactor()
    redactor.add(SECRET, "token.active", role="token.active")
    return redactor


@pytest.mark.parametrize("text", [
    "plain", "", "a\x1b[31mred\x1b[0m", "quotes \" ' ` $HOME !history \\ end",
    "naïve – ユーザー", "bidi \u202e override", "tab\tnew\nline", "bad \udcff\udcfe bytes",
])
def test_a_shell_word_is_the_exact_text(text):
    word = shell_word(text)
    assert _bash_bytes("printf '%s' " + word) == text.encode("utf-8", errors="surrogateescape")
    assert "\x1b" not in word and "\u202e" not in word and "\n" not in word


def test_a_body_with_nul_bytes_replays_through_printf():
    body = b'{"username": "a\x00b"}\x00'
    line = curl_line("POST", "https://127.0.0.1:8443/x/", [], body, _redactor())
    assert _bash_bytes(line[: line.index(" | curl ")]) == body


def test_header_bytes_replay_exactly_and_no_raw_escape_is_printed():
    line = curl_line("GET", "https://127.0.0.1:8443/a/", [("X-Probe", b"a\x1b[2J\xff\xfeb")], None, _redactor())
    assert "\x1b" not in line and "\xff" not in line
    word = line.split(" -H ", 1)[1]
    assert _bash_bytes("printf '%s' " + word) == b"X-Probe: a\x1b[2J\xff\xfeb"


def test_secrets_become_variables_that_expand():
    line = curl_line("GET", "https://127.0.0.1:8443/a/", [("Authorization", f"Token {SECRET}")], None, _redactor())
    assert SECRET not in line and "${CONFORMANCE_TOKEN_ACTIVE}" in line
    word = line.split(" -H ", 1)[1]
    assert _bash_bytes("printf '%s' " + word, {"CONFORMANCE_TOKEN_ACTIVE": "xyz"}) == b"Authorization: Token xyz"


def test_an_oversized_body_is_rebuilt_by_a_pipeline_byte_for_byte():
    body = b"username=" + b"a" * 300_000 + f"&password={SECRET}".encode()
    line = curl_line("POST", "https://127.0.0.1:8443/login/", [("Content-Type", "application/x-www-form-urlencoded")],
                     body, _redactor())
    assert len(line) < 1_000 and SECRET not in line
    pipeline = line[: line.index(" | curl ")]
    rebuilt = _bash_bytes(pipeline, {"CONFORMANCE_TOKEN_ACTIVE": SECRET})
    assert rebuilt == body
    assert line.endswith("--data-binary @-")


def test_a_body_that_cannot_be_rebuilt_is_cut_and_says_its_size():
    body = bytes(range(256)) * 40  # 10,240 bytes, no long runs
    line = curl_line("POST", "https://127.0.0.1:8443/x/", [], body, _redactor())
    assert line.endswith("# body cut: 2,048 of 10,240 bytes shown")


def test_a_cut_response_body_gives_its_real_size():
    assert redact_body(b"x" * 5000, "text/plain", _redactor()).endswith("[... cut here: the whole is 5,000 bytes]")
    # More was sent than read (Content-Length past what the client keeps): the marker says so.
    assert redact_body(b"y" * 100, "text/plain", _redactor(), size=3 * 1024 * 1024).endswith(
        "[... cut here: the whole is 3,145,728 bytes]")
    assert redact_body(b"short", "text/plain", _redactor()) == "short"


def test_in_process_lines_are_for_runserver_with_roles():
    line = ("curl -i -X GET --cacert /tmp/pytest-1/ca.pem 'https://127.0.0.1:41234/api/?q=1' "
            '-H "Authorization: Token ${CONFORMANCE_TOKEN_EXPIRED}" -H "Origin: https://127.0.0.1:41234"')
    rewritten = for_runserver(line)
    assert rewritten == ("curl -i -X GET 'http://127.0.0.1:8000/api/?q=1' "
                         '-H "Authorization: Token <role token.expired>" -H "Origin: http://127.0.0.1:8000"')
    assert for_runserver(rewritten) == rewritten
    assert role_of("CONFORMANCE_INACTIVE_PASSWORD_USERNAME") == "inactive_password.username"
    assert role_of("CONFORMANCE_OAUTH2_CLIENT_CLIENT_SECRET") == "oauth2_client.client_secret"
    assert "MAX_TOKEN_AGE" in role_meaning("token.expired") and "DRF token" in role_meaning("token.expired")


def test_a_reproduction_lists_the_variables_or_the_roles_it_needs():
    result = {"evidence": [
        {"role": "login", "curl": "curl -i -X POST 'https://h/login/'", "response": {"status": 200}},
        {"role": "probe", "curl": 'curl -i -X GET \'https://h/a/\' -H "Authorization: Token ${CONFORMANCE_TOKEN_EXPIRED}"',
         "response": {"status": 200}},
        {"role": "positive-control", "curl": 'curl -i -X GET \'https://h/a/\' -H "Authorization: Token ${CONFORMANCE_TOKEN_ACTIVE}"',
         "response": {"status": 200}},
    ]}
    remote = reproduction(result, {"mode": "remote"})
    assert remote["variables"] == ["CONFORMANCE_TOKEN_ACTIVE", "CONFORMANCE_TOKEN_EXPIRED"]
    assert [s["role"] for s in remote["steps"]] == ["probe", "positive-control"]  # the login set them up
    in_process = reproduction(result, {"mode": "in-process"})
    assert "variables" not in in_process and [r["role"] for r in in_process["roles"]] == ["token.active", "token.expired"]
    assert all("CONFORMANCE_" not in s["curl"] for s in in_process["steps"])
