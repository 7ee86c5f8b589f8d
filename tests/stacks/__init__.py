"""Reference auth stacks, one small Django project each in its documented sound configuration,
with flawed copies beside it (one mistake each, ``EXPECTED_FAILURES`` the checks it must fail).

Each stack is the reference deployment (``target_project``) with its authentication swapped for
the stack's; the tests audit the stack's own families (``-k``), in-process and remotely. NEVER
DEPLOY ANY FLAWED COPY.
"""

import importlib
import pkgutil
from pathlib import Path

STACKS = ("simplejwt", "oauth2")
STACKS += ("dj_rest_auth",)
# The scenarios of each stack's own families: its copies are audited with -k this.
FAMILY_SELECTION = {"simplejwt": "test_token_integrity or test_refresh_token", "oauth2": "test_oauth2_flows"}
# dj-rest-auth's login, logout and cookies: the login families, and the token cookies' flags and CSRF check.
FAMILY_SELECTION["dj_rest_auth"] = ("test_token_endpoint or test_inactive_user or test_revocation or "
                                    "test_expired_token or test_refresh_token or test_token_cookie")
# Issue 14: the stacks whose logins the time-and-identity families judge (knox, djoser).
LOGIN_FAMILIES = "test_token_endpoint or test_inactive_user or test_revocation or test_expired_token"
STACKS += ("knox", "djoser")
FAMILY_SELECTION.update({"knox": LOGIN_FAMILIES, "djoser": LOGIN_FAMILIES})
STACKS += ("allauth_headless",)
# allauth headless's app login and its X-Session-Token: the login families.
FAMILY_SELECTION["allauth_headless"] = ("test_token_endpoint or test_inactive_user or test_revocation or "
                                        "test_expired_token")
SOUND = ("settings", "urls", "flaws", "views", "authentication", "rs256")  # modules of a stack that are not flawed copies
SOUND += ("jwt_headers", "jwt_cookies", "tokens")  # dj-rest-auth's other sound modes and its token creator


def flawed_copies(stack: str) -> tuple[str, ...]:
    """The flawed settings modules of ``stack`` (every module but the sound ones)."""
    path = Path(__file__).parent / stack
    return tuple(sorted(m.name for m in pkgutil.iter_modules([str(path)])
                        if m.name not in SOUND and not m.name.startswith("urls")))


def expected_failures() -> set[str]:
    """Every check some flawed stack copy must fail (the corpus counts them as proven)."""
    found: set[str] = set()
    for stack in STACKS:
        for name in flawed_copies(stack):
            found |= importlib.import_module(f"tests.stacks.{stack}.{name}").EXPECTED_FAILURES
    return found
