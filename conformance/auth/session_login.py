"""Logging in through the deployment's session login form, the way a browser does.

The ``csrf`` and ``transport-security`` families need a real session and the ``Set-Cookie`` lines
a real login answers with: GET ``SESSION_LOGIN_PATH`` (Django's ``LoginView`` sets the CSRF cookie
and puts ``csrfmiddlewaretoken`` in the form), then POST the username and password of role
``password`` with that token and a same-origin ``Origin``. Works in both modes. Every value that
could open the session is registered with the redactor as soon as it is read, and the form page's
recorded body is redacted again, since it carried the token before the suite knew it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from http.cookies import CookieError, SimpleCookie
from urllib.parse import urlsplit

import pytest

from conformance.auth.credentials import MissingRole
from conformance.http import Answer
from conformance.results import PositiveControlFailed

# Django's defaults (SESSION_COOKIE_NAME, CSRF_COOKIE_NAME); a deployment may rename them.
DEFAULT_SESSION_COOKIE = "sessionid"
DEFAULT_CSRF_COOKIE = "csrftoken"
_FORM_TOKEN = re.compile(r'name=["\']csrfmiddlewaretoken["\']\s+value=["\']([^"\']+)["\']'
                         r'|value=["\']([^"\']+)["\']\s+name=["\']csrfmiddlewaretoken["\']')


class SessionLoginUnavailable(Exception):
    """No session can be opened here; the message says what to declare or supply (a skip)."""


class SessionLoginFailed(Exception):
    """The login form is known but did not open a session (the positive control failed: an error)."""


@dataclass
class SetCookie:
    """One ``Set-Cookie`` line: the cookie's name and its attributes (RFC 6265 section 5.2)."""

    name: str
    value: str
    secure: bool
    http_only: bool
    same_site: str  # "" when absent
    raw_attributes: str

    @classmethod
    def parse(cls, line: str) -> "SetCookie | None":
        jar = SimpleCookie()
        try:
            jar.load(line)
        except CookieError:
            return None
        if not jar:
            return None
        morsel = next(iter(jar.values()))
        return cls(morsel.key, morsel.value, bool(morsel["secure"]), bool(morsel["httponly"]),
                   str(morsel["samesite"] or ""), line.partition(";")[2].strip())


@dataclass
class SessionLogin:
    """A logged-in session: its cookies, a valid CSRF token, and the answers that set them."""

    cookies: dict[str, str]
    session_cookie: str
    csrf_cookie: str
    csrf_token: str
    form_answer: Answer | None  # None for a session not opened through the login form
    login_answer: Answer | None
    set_cookies: list[SetCookie] = field(default_factory=list)

    def cookie_header(self) -> tuple[str, str]:
        return ("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))

    def set_cookie(self, name: str) -> SetCookie | None:
        """The last ``Set-Cookie`` of cookie ``name`` during the login (the login POST rotates it)."""
        return next((c for c in reversed(self.set_cookies) if c.name == name), None)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def log_in(target, label: str = "session") -> SessionLogin:
    """A fresh session of the ``password`` role's user, through ``SESSION_LOGIN_PATH``."""
    path = target.auth_endpoints.paths.get("SESSION_LOGIN_PATH")
    if not path:
        raise SessionLoginUnavailable("SESSION_LOGIN_PATH is unknown: set CONFORMANCE['SESSION_LOGIN_PATH'] "
                                      "or SESSION_LOGIN_PATH in --config")
    try:
        account = target.credentials.get("password")
    except MissingRole as exc:
        raise SessionLoginUnavailable(str(exc)) from None
    client, redactor = target.client, target.client.redactor
    form = client.request("GET", path, role="session-login")
    parsed = [c for c in (SetCookie.parse(line) for line in form.raw_set_cookies) if c]
    csrf_cookie = next((c.name for c in parsed if c.name == DEFAULT_CSRF_COOKIE), parsed[0].name if parsed else "")
    for cookie in parsed:
        redactor.add(cookie.value, f"{cookie.name} cookie")
    form_token = redact_form_token(form, redactor)
    if not csrf_cookie or not form_token:
        raise SessionLoginFailed(
            f"GET {path} answered HTTP {form.status} without a CSRF cookie and a csrfmiddlewaretoken "
            "field: is SESSION_LOGIN_PATH a Django login form?")
    cookies = {c.name: c.value for c in parsed}
    login = client.request(
        "POST", path, role="session-login",
        headers=[("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items())),
                 ("Origin", origin_of(client.base_url)), ("Referer", client.url(path))],
        data={"username": account.username, "password": account.secret, "csrfmiddlewaretoken": form_token},
    )
    rotated = [c for c in (SetCookie.parse(line) for line in login.raw_set_cookies) if c]
    for cookie in rotated:
        redactor.add(cookie.value, f"{cookie.name} cookie ({label})")
        cookies[cookie.name] = cookie.value
    session_cookie = next((c.name for c in rotated if c.name == DEFAULT_SESSION_COOKIE),
                          next((c.name for c in rotated if c.name != csrf_cookie), ""))
    if login.status >= 400 or not session_cookie:
        raise SessionLoginFailed(
            f"POST {path} with the password role's credentials answered HTTP {login.status} "
            "without a session cookie: check the role and SESSION_LOGIN_PATH")
    # The CSRF cookie's value is a valid token (Django accepts the unmasked secret too).
    return SessionLogin(cookies, session_cookie, csrf_cookie, cookies[csrf_cookie], form, login, parsed + rotated)


def redact_form_token(answer: Answer, redactor) -> str:
    """Register the page's ``csrfmiddlewaretoken`` as a secret and redact the recorded page; returns it."""
    match = _FORM_TOKEN.search(answer.text)
    token = (match.group(1) or match.group(2)) if match else ""
    redactor.add(token, "CSRF form token")
    _redact_recorded_body(answer, redactor)
    return token


def _redact_recorded_body(answer: Answer, redactor) -> None:
    response = answer.exchange.response
    if response and response.get("body"):
        response["body"] = redactor.redact(response["body"])


def from_credential(credential) -> SessionLogin:
    """A session credential (the ``session.*`` roles, a provisioned session) as a ``SessionLogin``
    whose answers are unknown: its first cookie is the session's, the next the CSRF cookie."""
    names = list(credential.cookies)
    return SessionLogin(dict(credential.cookies), names[0], names[1] if len(names) > 1 else "",
                        credential.csrf_token, None, None)


def _session_without_login(probe, key: str) -> SessionLogin | None:
    """Where no login form can be used: a throwaway session for ``fresh``, else ``session.active``."""
    from conformance.auth.schemes import SESSION

    if key == "fresh":
        credential = probe.target.disposable(SESSION)
    else:
        credential = probe.target.credentials.get("session.active") if probe.target.credentials.has(
            "session.active") else None
    return from_credential(credential) if credential is not None and credential.cookies else None


def cached_log_in(probe, key: str = "shared", session_role: bool = False) -> SessionLogin:
    """One session per run and ``key``, for checks that do not consume it; its answers become evidence.

    Skips when no session can be opened here; a login that fails is a failed positive control.
    With ``session_role``, a check that needs a session but not the login's answers (csrf) uses
    the ``session.active`` role (a throwaway session for ``fresh``) where there is no login form.
    """
    cache_key = ("session-login", key)
    login = probe.state.answer_cache.get(cache_key)
    if login is None:
        try:
            login = log_in(probe.target, label=key)
        except SessionLoginUnavailable as exc:
            login = _session_without_login(probe, key) if session_role else None
            if login is None:
                pytest.skip(_unavailable(probe, key, str(exc), session_role))
        except SessionLoginFailed as exc:
            raise PositiveControlFailed(f"positive control failed: {exc}") from None
        if key != "fresh":
            probe.state.answer_cache[cache_key] = login
    probe.reused_evidence += [a.exchange for a in (login.form_answer, login.login_answer) if a is not None]
    return login


def _unavailable(probe, key: str, why: str, session_role: bool) -> str:
    from conformance.evidence import env_name
    from conformance.auth.schemes import SESSION

    if not session_role:
        return why
    if key == "fresh":
        return f"the endpoint revokes the session it is sent with: {probe.target.no_disposable_reason(SESSION)}"
    return f"{why}; or supply role session.active (${env_name('session.active')})"
