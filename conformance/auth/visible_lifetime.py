"""A token's lifetime as a client sees it, with no clock moved (issue 12: remote parity).

Three token kinds say from outside how long they live:

- an OAuth2 token answer carries ``expires_in`` seconds (RFC 6749 section 5.1);
- a JWT's payload carries ``iat`` and ``exp`` (RFC 7519 section 4.1.4, 4.1.6): ``exp - iat`` is its
  lifetime; the payload is read without verifying the signature, since only the server's claim
  about itself is wanted, not trust in it;
- knox's login answer carries ``expiry`` (an ISO 8601 instant, or null for a token that never
  expires), judged against the answer's own ``Date`` header, the server's clock.

A DRF token is an opaque key: nothing about it shows its age.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from conformance.http import Answer


@dataclass
class VisibleLifetime:
    lifetime: timedelta | None  # None: the token says it never expires
    source: str  # where it was read, for the verdict


class NothingVisible(Exception):
    """The answer or token shows no lifetime; the message says what was missing."""


def from_oauth2_answer(answer: Answer) -> VisibleLifetime:
    data = _json(answer)
    seconds = data.get("expires_in")
    if seconds is None:
        # RFC 6749 section 5.1 makes expires_in RECOMMENDED: without it the lifetime is not shown.
        raise NothingVisible("the OAuth2 token answer has no expires_in (RFC 6749 section 5.1 recommends it)")
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float, str)) or not str(seconds).isdigit():
        raise NothingVisible(f"the OAuth2 token answer's expires_in is not a number of seconds ({str(seconds)[:40]!r})")
    return VisibleLifetime(timedelta(seconds=int(seconds)), f"expires_in = {int(seconds)} in the OAuth2 token answer")


def from_jwt(token: str) -> VisibleLifetime:
    parts = token.split(".")
    if len(parts) != 3:
        raise NothingVisible("the token is not a JWT (three dot-separated parts)")
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except ValueError:
        raise NothingVisible("the JWT's payload is not base64url JSON") from None
    if not isinstance(payload, dict):
        raise NothingVisible("the JWT's payload is not a JSON object")
    exp, iat = payload.get("exp"), payload.get("iat")
    if exp is None:
        return VisibleLifetime(None, "the JWT has no exp claim (RFC 7519 section 4.1.4)")
    if not isinstance(exp, (int, float)) or not isinstance(iat, (int, float)):
        raise NothingVisible("the JWT has no numeric iat to measure its exp from")
    return VisibleLifetime(timedelta(seconds=exp - iat), f"exp - iat = {int(exp - iat)} s in the JWT's payload")


def from_knox_answer(answer: Answer) -> VisibleLifetime:
    data = _json(answer)
    if "expiry" not in data:
        raise NothingVisible("the knox login answer has no expiry field")
    if data["expiry"] is None:
        return VisibleLifetime(None, "expiry = null in the knox login answer (REST_KNOX['TOKEN_TTL'] = None)")
    try:
        expiry = datetime.fromisoformat(str(data["expiry"]).replace("Z", "+00:00"))
        issued = parsedate_to_datetime(answer.headers.get("Date", ""))
    except (TypeError, ValueError):
        raise NothingVisible("the knox answer's expiry or Date header cannot be read as an instant") from None
    if expiry.tzinfo is None:
        expiry = expiry.replace(tzinfo=timezone.utc)
    lifetime = expiry - issued
    return VisibleLifetime(lifetime, f"expiry - Date = {int(lifetime.total_seconds())} s in the knox login answer")


def _json(answer: Answer) -> dict:
    try:
        data = answer.json()
    except ValueError:
        raise NothingVisible(f"the login answer (HTTP {answer.status}) is not JSON") from None
    if not isinstance(data, dict):
        raise NothingVisible("the login answer is not a JSON object")
    return data
