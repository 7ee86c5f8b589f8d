"""Well-known default credentials (DRFC-906) and the lockout signs that stop trying them.

A short list on purpose: the pairs that ship in demo data, fixtures, tutorials and installers
(CWE-1392, CWE-1393), not a dictionary attack. Each pair is a login attempt against a real login
endpoint, so the check stops at the first sign of throttling or lockout it can see (a 429, a
``Retry-After``, ``RateLimit-Remaining`` at its end, a body that says the account is locked), and
in-process it stays under django-axes' ``AXES_FAILURE_LIMIT`` when axes is installed.
"""

from __future__ import annotations

import re
from urllib.parse import quote, quote_plus

# (username, password). The e-mail one is for user models that log in by e-mail.
WELL_KNOWN_PAIRS: tuple[tuple[str, str], ...] = (
    ("admin", "admin"),
    ("admin", "adminadmin"),
    ("admin", "password"),
    ("admin", "admin123"),
    ("admin", "changeme"),
    ("admin", "123456"),
    ("administrator", "administrator"),
    ("root", "root"),
    ("test", "test"),
    ("demo", "demo"),
    ("user", "user"),
    ("admin@example.com", "admin"),
)

_LOCKOUT_WORDS = re.compile(r"locked|lockout|too many|throttl|rate limit|try again (later|in)", re.I)
_REMAINING_HEADERS = ("RateLimit-Remaining", "X-RateLimit-Remaining", "X-Rate-Limit-Remaining")


def lockout_sign(answer) -> str | None:
    """What in ``answer`` says further attempts would be throttled or lock accounts out, else None."""
    if answer.status == 429:
        return "HTTP 429"
    if answer.headers.get("Retry-After"):
        return f"Retry-After: {answer.headers.get('Retry-After')[:40]}"
    for name in _REMAINING_HEADERS:
        value = answer.headers.get(name)
        if value is not None and value.strip().isdigit() and int(value.strip()) <= 1:
            return f"{name}: {value.strip()}"
    if answer.status in (401, 403) and _LOCKOUT_WORDS.search(str(answer.body)[:2000]):
        return f"HTTP {answer.status} saying the account or client is locked or throttled"
    return None


def in_process_budget() -> int | None:
    """How many failed logins the project allows before it locks out (django-axes), minus one."""
    from django.apps import apps
    from django.conf import settings

    if not apps.is_installed("axes"):
        return None
    limit = getattr(settings, "AXES_FAILURE_LIMIT", 3)
    return max(int(limit) - 1, 0) if isinstance(limit, int) else None


def label(index: int) -> str:
    """A pair as reports name it: the username and the password's place in the list, never the password
    itself (an accepted default password is a live credential of the deployment)."""
    username, _password = WELL_KNOWN_PAIRS[index]
    return f"{username!r} with well-known password #{index + 1} of conformance/auth/default_credentials.py"


def scrub_password(exchange, password_field: str, password: str) -> None:
    """Mask the tried password in the recorded ``curl`` line, as the request body already is.

    The default passwords are not registered as secrets (``admin`` would be redacted from every
    later answer), so the form field is masked here instead: an accepted one is a live credential.
    """
    for encoded in {quote_plus(password), quote(password, safe="")}:
        exchange.curl = exchange.curl.replace(f"{password_field}={encoded}", f"{password_field}=[REDACTED]")
