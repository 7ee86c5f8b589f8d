"""Judges of the ``transport-security`` family: plain-HTTP answers, HSTS, cookie attributes."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from conformance.http import Answer
from conformance.judges.common import authenticated_like_control, describe
from conformance.results import Verdict

POLICY_EXPECTATIONS = {
    "redirect-or-refuse": "a redirect to https:// (same host, path, query) or a refusal",
    "redirect": "a redirect to https:// (same host, path, query)",
    "refuse": "a refusal (4xx or no plain-HTTP listener)",
}
# Headers a TLS-terminating proxy sets; a client forging them must not pass as HTTPS.
FORGED_HTTPS_HEADERS = (
    ("X-Forwarded-Proto", "https"),
    ("X-Forwarded-Ssl", "on"),
    ("X-Forwarded-Scheme", "https"),
    ("Forwarded", "proto=https"),
)
ACCEPTABLE_SAME_SITE = ("lax", "strict")


def redirect_problem(sent_url: str, location: str | None) -> str | None:
    """Why ``location`` is not the https:// form of ``sent_url`` (port aside), or None."""
    if not location:
        return "a redirect without Location"
    sent, target = urlsplit(sent_url), urlsplit(urljoin(sent_url, location))
    if target.scheme != "https":
        return f"redirected to {target.scheme}://, not https://"
    if (target.hostname or "").lower() != (sent.hostname or "").lower():
        return f"redirected to another host ({target.hostname})"
    if target.path != sent.path or target.query != sent.query:
        return "the redirect does not keep the path and query"
    return None


def plain_http_answer(answer: Answer | None, sent_url: str, policy: str, *,
                      control: Answer | None, canary: bool) -> Verdict:
    """Judge the answer to a plain-HTTP request (``None``: the connection was refused).

    ``control`` is the HTTPS answer to the same request with the same real credentials; with a
    canary credential there is none, and a 401/403 cannot be told from an authentication refusal.
    """
    expected = POLICY_EXPECTATIONS[policy]
    if answer is None:
        if policy == "redirect":
            return Verdict.fail(expected, "connection refused", "HTTP_POLICY is 'redirect' but nothing listens for plain HTTP")
        return Verdict.ok(expected, "connection refused: no plain-HTTP listener")
    actual = describe(answer)
    if 300 <= answer.status < 400:
        location = answer.headers.get("Location")
        problem = redirect_problem(sent_url, location)
        if problem:
            return Verdict.fail(expected, f"HTTP {answer.status} to {location}", problem)
        if policy == "refuse":
            return Verdict.fail(expected, f"HTTP {answer.status} to {location}",
                                "HTTP_POLICY is 'refuse': a redirect lets the request, credentials "
                                "included, cross the network in cleartext first")
        return Verdict.ok(expected, f"HTTP {answer.status} to {location}")
    if answer.status < 300 or (control is not None and authenticated_like_control(answer, control)):
        return Verdict.fail(expected, actual, "the request was served over plain HTTP: credentials are "
                                              "accepted in cleartext")
    if answer.status >= 500:
        return Verdict.fail(expected, actual, "a server error instead of a redirect or refusal")
    if canary and answer.status in (401, 403):
        return Verdict.skip(f"plain HTTP got {actual} for a canary credential, which cannot be told from "
                            "an authentication refusal; real credentials go over plain HTTP only in-process "
                            "or to a loopback target")
    if policy == "redirect":
        return Verdict.fail(expected, actual, "HTTP_POLICY is 'redirect' but plain HTTP was refused")
    return Verdict.ok(expected, actual)


def served_over_plain_http(answer: Answer | None, control: Answer | None) -> bool:
    """The plain-HTTP request got what HTTPS gets: DRFC-701 reports it, so DRFC-703 has nothing to add."""
    if answer is None or 300 <= answer.status < 400:
        return False
    return answer.status < 300 or (control is not None and authenticated_like_control(answer, control))


def hsts(answer: Answer, minimum_seconds: int) -> Verdict:
    expected = f"Strict-Transport-Security: max-age>={minimum_seconds}; includeSubDomains"
    header = answer.headers.get("Strict-Transport-Security")
    if not header:
        return Verdict.fail(expected, "no Strict-Transport-Security header", describe(answer))
    directives = [d.strip() for d in header.split(";")]
    max_age = next((d for d in directives if d.lower().startswith("max-age")), None)
    match = re.fullmatch(r'max-age\s*=\s*"?(\d+)"?', max_age or "", flags=re.I)
    actual = f"Strict-Transport-Security: {header[:120]}"
    if not match:
        return Verdict.fail(expected, actual, "no valid max-age directive (RFC 6797 section 6.1.1)")
    problems = []
    if int(match.group(1)) < minimum_seconds:
        problems.append(f"max-age {match.group(1)} is below HSTS_MIN_SECONDS {minimum_seconds}")
    if not any(d.lower() == "includesubdomains" for d in directives):
        problems.append("no includeSubDomains")
    if problems:
        return Verdict.fail(expected, actual, "; ".join(problems))
    return Verdict.ok(expected, actual)


def cookie_attribute(cookie, attribute: str, cookie_label: str) -> Verdict:
    """``cookie`` is a ``session_login.SetCookie`` (None: never set); ``attribute`` Secure, HttpOnly or SameSite."""
    if cookie is None:
        return Verdict.skip(f"the login set no {cookie_label} cookie")
    actual = f"Set-Cookie: {cookie.name}=[REDACTED]; {cookie.raw_attributes[:160]}"
    if attribute == "SameSite":
        expected = f"{cookie_label} cookie with SameSite=Lax or Strict"
        if cookie.same_site.lower() in ACCEPTABLE_SAME_SITE:
            return Verdict.ok(expected, actual)
        detail = "no SameSite attribute" if not cookie.same_site else f"SameSite={cookie.same_site}"
        return Verdict.fail(expected, actual, detail + ": the cookie rides along on cross-site requests")
    expected = f"{cookie_label} cookie with {attribute}"
    present = cookie.secure if attribute == "Secure" else cookie.http_only
    if present:
        return Verdict.ok(expected, actual)
    why = ("the browser sends it over plain HTTP too" if attribute == "Secure"
           else "any script on the page can read it")
    return Verdict.fail(expected, actual, f"no {attribute}: {why}")


# Who can make a forged X-Forwarded-Proto pass as HTTPS, by the Server header that names it.
SERVER_LAYERS = {
    "gunicorn": ("gunicorn honours X-Forwarded-Proto (and X-Forwarded-Protocol, X-Forwarded-Ssl: its "
                 "secure_scheme_headers) from the addresses in forwarded_allow_ips, 127.0.0.1 by default, so a "
                 "proxy on the same host that passes the client's header on makes every request HTTPS: set "
                 "forwarded_allow_ips to the proxy's address and have the proxy overwrite the header"),
    "uvicorn": ("uvicorn with --proxy-headers trusts X-Forwarded-Proto from --forwarded-allow-ips (127.0.0.1 "
                "by default): list only the proxy's address there, and have the proxy overwrite the header"),
    "nginx": ("nginx passes the client's X-Forwarded-Proto on: overwrite it with "
              "'proxy_set_header X-Forwarded-Proto $scheme;'"),
}
DJANGO_LAYER = ("Django's SECURE_PROXY_SSL_HEADER believes it: set that only behind a proxy that overwrites the "
                "header on every request")


def forged_header_layer(answer: Answer | None, *, in_process: bool, proxy_ssl_header=None) -> str:
    """Which layer let a forged X-Forwarded-Proto pass as HTTPS (issue 12: name the right fix).

    In-process the suite's own server answers, and it is no proxy: it sets ``wsgi.url_scheme`` from
    the socket alone, so Django's SECURE_PROXY_SSL_HEADER is responsible. Remotely the ``Server``
    header names the WSGI/ASGI server or proxy where it can; otherwise every candidate is named.
    """
    if in_process:
        setting = f" = {proxy_ssl_header!r}" if proxy_ssl_header else ""
        return (f"in-process the suite's own server answers and it is not a proxy (it trusts no forwarded "
                f"header), so the project's SECURE_PROXY_SSL_HEADER{setting} is what made the request HTTPS: "
                "leave it unset unless a TLS-terminating proxy overwrites that header on every request")
    server = (answer.headers.get("Server") or "").lower() if answer is not None else ""
    named = [text for name, text in SERVER_LAYERS.items() if name in server]
    if named:
        return f"the answer came from {server.split('/')[0]}: " + "; ".join(named) + f"; or {DJANGO_LAYER}"
    return ("the layer is not named by the answer: " + "; ".join([DJANGO_LAYER, *SERVER_LAYERS.values()]))


def nothing_answers_derived_http_url(http_url: str) -> Verdict:
    """A skip: plain HTTP was tried at the derived address (HTTP_URL not set) and nothing answered.

    A declared HTTP_URL that refuses connections is a refusal (the policy's pass); a guessed one
    that does is not evidence of anything, so the plain-HTTP checks say what was tried instead.
    """
    return Verdict.skip(f"nothing answers plain HTTP at {http_url} (port 80 of the target's host, tried because "
                        "HTTP_URL is not set): no plain-HTTP listener was found there, so the plain-HTTP checks "
                        "cannot tell a refusal from a listener elsewhere; set HTTP_URL if plain HTTP is served "
                        "on another address")
