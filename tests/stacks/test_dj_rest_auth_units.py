"""dj-rest-auth's adapter without an audit: its JWT cookies are told apart by their claims, and
hostile Set-Cookie lines (not a JWT, broken base64, a JSON list) are ignored, never a crash."""

import base64
import json
from types import SimpleNamespace

from conformance.auth.stacks import dj_rest_auth
from conformance.judges import csrf


def jwt_like(claims) -> str:
    def part(value):
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    return f"{part({'alg': 'HS256'})}.{part(claims)}.c2lnbmF0dXJl"


def answer(*lines):
    return SimpleNamespace(raw_set_cookies=list(lines))


def test_access_and_refresh_cookies_are_recognised_by_their_token_type():
    access, refresh = jwt_like({"token_type": "access"}), jwt_like({"token_type": "refresh"})
    seen = answer(f"app-auth={access}; HttpOnly; Secure; SameSite=Lax; Path=/",
                  f"app-refresh={refresh}; HttpOnly; Path=/",
                  "sessionid=abc; HttpOnly", "csrftoken=xyz; Secure")
    cookies = dj_rest_auth.jwt_cookies(seen)
    assert {k: (c.name, c.http_only, c.secure, c.same_site) for k, c in cookies.items()} == {
        "access": ("app-auth", True, True, "Lax"), "refresh": ("app-refresh", True, False, "")}
    assert dj_rest_auth.cookie_pair(seen) == {"access": access, "refresh": refresh}


def test_hostile_cookie_lines_are_ignored():
    hostile = answer("a=not.a.jwt", "b=%%%.@@@.###", f"c={jwt_like(['token_type'])}", "d=", "garbage without equals",
                     f"e={jwt_like({'token_type': 'id'})}")
    assert dj_rest_auth.jwt_cookies(hostile) == {}
    assert dj_rest_auth.cookie_pair(SimpleNamespace()) == {}


def test_the_csrf_judge_names_what_authenticated_the_request():
    def reply(status):
        return SimpleNamespace(status=status, headers={}, body=b"", text="")

    verdict = csrf.refused_without_csrf_proof(reply(201), reply(201), "no CSRF token", authenticated_by="token-cookie")
    assert not verdict.passed
    assert "token-cookie" in verdict.expected and "token-cookie authentication" in verdict.detail
