"""DRFC-906 against a black box (a loopback login server of our own, tests/hostile/servers.py):
never tried without ``--try-default-credentials``; with it, it stops at the first 429 and never
retries a throttled guess; a default pair the server accepts fails the check, password unnamed."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pytest

from tests.hostile import servers

USER, PASSWORD, TOKEN = "alice", "right-password-77", "issued-token-3f1c9a0b7e"
DEFAULT_USERS = {"admin", "administrator", "root", "test", "demo", "user", "admin@example.com"}


def login_server(accepts: tuple[str, str] | None = None, throttle_after: int | None = None):
    failures = {"count": 0}

    def respond(handler, server):
        if handler.command == "POST" and handler.path == "/login/":
            form = {k: v[0] for k, v in parse_qs(server.requests[-1].body.decode()).items()}
            pair = (form.get("username"), form.get("password"))
            if pair in ((USER, PASSWORD), accepts):
                body = json.dumps({"token": TOKEN}).encode()
                return servers.answer(handler, 200, body, {"Content-Type": "application/json",
                                                           "Cache-Control": "no-store"})
            failures["count"] += 1
            if throttle_after is not None and failures["count"] > throttle_after:
                return servers.answer(handler, 429, b'{"detail": "slow down"}', {"Retry-After": "60"})
            return servers.answer(handler, 400, b'{"non_field_errors": ["Unable to log in."]}',
                                  {"Content-Type": "application/json"})
        authorised = handler.headers.get("Authorization") == f"Token {TOKEN}"
        servers.answer(handler, 200 if authorised else 401, b"{}",
                       {"Content-Type": "application/json", **({} if authorised else {"WWW-Authenticate": "Token"})})

    return servers.serve(respond)


def audit_906(audit, tmp_path, server, *extra):
    endpoints = tmp_path / "endpoints.txt"
    endpoints.write_text("GET /api/items/\n", encoding="utf-8")
    config = tmp_path / "conformance.toml"
    config.write_text('TOKEN_LOGIN_PATH = "/login/"\n', encoding="utf-8")
    return audit("--target-url", server.url, "--endpoints", str(endpoints), "--config", str(config),
                 "-k", "test_no_default_credentials_log_in", *extra,
                 env={"CONFORMANCE_PASSWORD_USERNAME": USER, "CONFORMANCE_PASSWORD_PASSWORD": PASSWORD,
                      "CONFORMANCE_TOKEN_ACTIVE": TOKEN})


def default_guesses(server) -> list[str]:
    return [r.body.decode() for r in server.requests if r.path == "/login/"
            and parse_qs(r.body.decode()).get("username", [""])[0] in DEFAULT_USERS]


def result_906(run) -> dict:
    return next(r for r in run.report["results"] if r["check_id"] == "DRFC-906"
                and r["parameters"].get("login") == "token")


def test_remote_mode_guesses_nothing_unless_asked(audit, tmp_path):
    with login_server() as server:
        run = audit_906(audit, tmp_path, server)
    assert result_906(run)["outcome"] == "skipped"
    assert "--try-default-credentials" in result_906(run)["detail"]
    assert default_guesses(server) == []


def test_it_stops_at_the_first_429_and_never_retries_a_guess(audit, tmp_path):
    with login_server(throttle_after=2) as server:
        run = audit_906(audit, tmp_path, server, "--try-default-credentials")
    result = result_906(run)
    assert result["outcome"] == "skipped", run.stdout[-3000:]
    assert "stopped after 3 of 12" in result["detail"] and "HTTP 429" in result["detail"]
    assert len(default_guesses(server)) == 3  # two refused, one throttled, none after


@pytest.mark.parametrize("accepted", [("admin", "changeme")])
def test_an_accepted_default_pair_fails_and_its_password_is_never_reported(audit, tmp_path, accepted):
    with login_server(accepts=accepted) as server:
        run = audit_906(audit, tmp_path, server, "--try-default-credentials")
    result = result_906(run)
    assert result["outcome"] == "failed", run.stdout[-3000:]
    assert "'admin' with well-known password #5" in result["actual"]
    for report in run.report_dir.iterdir():
        assert "changeme" not in report.read_text(encoding="utf-8", errors="replace"), report.name
    assert "changeme" not in run.stdout + run.stderr
