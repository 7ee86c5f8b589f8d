"""Real ``Answer`` objects for judge tests, without a server: a judge reads only what is here."""

from __future__ import annotations

from requests.structures import CaseInsensitiveDict

from conformance.http import Answer, Exchange


def answer(status: int, headers: dict[str, str] | None = None, body: str = "", *, method: str = "GET",
           url: str = "https://api.example.test/polls/api/questions/", role: str = "probe",
           set_cookies: list[str] | None = None) -> Answer:
    exchange = Exchange(role, {"method": method, "url": url, "headers": {}, "body": None},
                        {"status": status, "headers": dict(headers or {}), "body": body}, "curl ...", 0.0)
    return Answer(status, CaseInsensitiveDict(headers or {}), body.encode(), url, exchange, set_cookies or [])
