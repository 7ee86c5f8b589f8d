"""A token login that sets its tokens as cookies (dj-rest-auth's ``JWT_AUTH_COOKIE``), once per run.

A token in a cookie is a credential the browser sends by itself: its cookie flags
(transport-security DRFC-707) and the CSRF check of the writes it authenticates (csrf DRFC-803)
are judged from one real login at ``JWT_LOGIN_PATH`` as the suite's own login account (in-process
a user of its own; remotely the ``password`` role), like every login check. The cookies are
recognised by their value (a JWT whose ``token_type`` is access or refresh), so remote mode needs
no setting naming them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from conformance.auth.credentials import MissingRole
from conformance.auth.login import JWT_LOGIN, LoginUnavailable, issued_secret, login_account, login_path, register_issued, send_login
from conformance.auth.stacks.dj_rest_auth import jwt_cookies
from conformance.evidence import env_name
from conformance.http import Answer
from conformance.results import PositiveControlFailed

CACHE_KEY = ("token-cookie-login",)


@dataclass
class TokenCookieLogin:
    answer: Answer
    cookies: dict = field(default_factory=dict)  # {"access"|"refresh": SetCookie}

    def cookie_header(self, *extra: str) -> tuple[str, str]:
        """The access token's cookie (what the browser sends), plus ``extra`` ``name=value`` pairs."""
        access = self.cookies["access"]
        return ("Cookie", "; ".join([f"{access.name}={access.value}", *extra]))


def token_cookie_login(probe) -> TokenCookieLogin:
    """The run's cookie-setting login; skips where there is none, fails the control where it issues nothing."""
    cache = probe.state.answer_cache
    login = cache.get(CACHE_KEY)
    if login is None:
        target = probe.target
        try:
            path = login_path(target, JWT_LOGIN)
            account = login_account(target, cache)
        except LoginUnavailable as exc:
            from conformance.applicable import not_applicable

            # No JWT stack at all: not applicable, said so, not a to-do asking for JWT_LOGIN_PATH (issue 12).
            pytest.skip(not_applicable(target, JWT_LOGIN) or f"{exc}: the token cookies come from that login")
        except MissingRole as exc:
            pytest.skip(f"{exc}: supply it in the credentials file or ${env_name(exc.role)}")
        answer = send_login(target, JWT_LOGIN, account.username, account.secret, step="positive-control")
        secret = issued_secret(JWT_LOGIN, answer)
        if secret is None:
            raise PositiveControlFailed(f"positive control failed: the right password got HTTP {answer.status} "
                                        f"and no token at {path}, so its cookies cannot be judged")
        register_issued(target, answer, secret, "jwt issued at the cookie login")
        login = cache[CACHE_KEY] = TokenCookieLogin(answer, jwt_cookies(answer))
    else:
        probe.reused_evidence.append(login.answer.exchange)
    if not login.cookies:
        pytest.skip(f"the login at {probe.target.auth_endpoints.paths.get('JWT_LOGIN_PATH')} sets no token "
                    "as a cookie (dj-rest-auth's REST_AUTH['JWT_AUTH_COOKIE'] is unset): its clients send "
                    "the token in a header")
    return login
