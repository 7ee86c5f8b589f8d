"""Judges of the ``scheme-confusion`` family, and the scheme words and challenges they reason about.

Scheme words are compared case-insensitively (RFC 9110 section 11.1); challenges are parsed from
``WWW-Authenticate`` by the grammar of RFC 9110 section 11.6.1 (``#challenge``, each an
auth-scheme followed by a token68 or comma-separated auth-params).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from conformance.http import Answer
from conformance.judges.common import authenticated, authenticated_like_control, describe
from conformance.results import Verdict

# The scheme words DRF deployments meet: DRF/knox tokens, OAuth2 and simplejwt bearer tokens,
# Basic, simplejwt's documented alternative, and the API-key packages' habit.
SCHEME_WORDS = ("Token", "Bearer", "Basic", "JWT", "Api-Key")

DRF_401_RULE = (
    "DRF answers a refusal with the challenge of the FIRST authentication class of the view, "
    "whichever class refused; 403 without a challenge when that class has no authenticate_header()"
)


def mixed_case(word: str) -> str:
    """``Token`` -> ``ToKeN``: every other letter upper-cased, starting with the first."""
    letters = iter(range(len(word)))
    return "".join(c.upper() if c.isalpha() and next(letters) % 2 == 0 else c.lower() if c.isalpha() else c
                   for c in word)


def spellings(word: str) -> list[str]:
    """The word as written, lower, upper and mixed case, without duplicates."""
    return list(dict.fromkeys((word, word.lower(), word.upper(), mixed_case(word))))


def same_word(a: str | None, b: str | None) -> bool:
    return (a or "").lower() == (b or "").lower()


@dataclass(frozen=True)
class Presentation:
    """How a credential is put in the header: under ``word`` (``""`` for no scheme word at all)."""

    word: str

    def header(self, value: str) -> list[tuple[str, str]]:
        return [("Authorization", f"{self.word} {value}" if self.word else value)]

    def __str__(self) -> str:
        return self.word or "no scheme word"


def foreign_presentations(own_word: str | None) -> list[Presentation]:
    """Every spelling of every scheme word but ``own_word``, and no scheme word at all."""
    words = [s for word in SCHEME_WORDS if not same_word(word, own_word) for s in spellings(word)]
    return [Presentation(w) for w in words] + [Presentation("")]


def recased_presentations(own_word: str) -> list[Presentation]:
    """The other spellings of ``own_word``: the same scheme to RFC 9110."""
    return [Presentation(w) for w in spellings(own_word) if w != own_word]


# Judges ------------------------------------------------------------------------------------------

def refused_under_foreign_words(answers: dict[Presentation, Answer], control: Answer, anonymous: Answer) -> Verdict:
    expected = "a refusal under every scheme word but the credential's own"
    if authenticated_like_control(anonymous, control):
        return Verdict.skip(f"the endpoint answers anonymous requests too (HTTP {anonymous.status}); DRFC-101 reports that")
    accepted = [str(p) for p, answer in answers.items() if authenticated_like_control(answer, control)]
    if accepted:
        return Verdict.fail(expected, f"accepted under {', '.join(repr(w) for w in accepted)}",
                            f"the credential got the answer valid credentials get (HTTP {control.status}); "
                            "the authentication class ignores the scheme word")
    statuses = sorted({a.status for a in answers.values()})
    return Verdict.ok(expected, f"{len(answers)} presentations refused (HTTP {', '.join(map(str, statuses))})")


def accepted_under_recased_word(answers: dict[Presentation, Answer], control: Answer, own_word: str,
                                anonymous: Answer | None = None) -> Verdict:
    """``anonymous`` lets a 404 count as accepted where the control's DELETE removed the object."""
    expected = f"{own_word!r} accepted in any case (RFC 9110 section 11.1)"
    refused = [str(p) for p, answer in answers.items() if not authenticated(answer, control, anonymous)]
    if refused:
        sample = next(a for p, a in answers.items() if str(p) in refused)
        return Verdict.fail(expected, f"refused under {', '.join(repr(w) for w in refused)}: {describe(sample)}",
                            "scheme words are case-insensitive; standard clients may send another case")
    return Verdict.ok(expected, f"accepted under {', '.join(repr(str(p)) for p in answers)}")


# Challenges --------------------------------------------------------------------------------------

_TOKEN = r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+"
_PARAM = re.compile(rf'\s*({_TOKEN})\s*=\s*("(?:[^"\\]|\\.)*"|{_TOKEN})\s*')


@dataclass
class Challenge:
    scheme: str
    params: dict[str, str]


def parse_challenges(header: str | None) -> list[Challenge]:
    """The challenges of one ``WWW-Authenticate`` value (several fields joined by commas)."""
    challenges: list[Challenge] = []
    text = header or ""
    position = 0
    while position < len(text):
        if text[position] in ", \t":
            position += 1
            continue
        param = _PARAM.match(text, position)
        if param and challenges:
            value = param.group(2)
            if value.startswith('"'):
                value = re.sub(r"\\(.)", r"\1", value[1:-1])
            challenges[-1].params[param.group(1).lower()] = value
            position = param.end()
            continue
        scheme = re.compile(_TOKEN).match(text, position)
        if not scheme:
            break  # not a challenge: stop rather than guess
        challenges.append(Challenge(scheme.group(0), {}))
        position = scheme.end()
        token68 = re.compile(r" +([A-Za-z0-9\-._~+/]+=*)\s*(?:,|$)").match(text, position)
        if token68 and "=" not in token68.group(1).rstrip("="):
            following = _PARAM.match(text, position)
            if not following:
                challenges[-1].params[""] = token68.group(1)
                position = token68.end()
    return challenges


def bearer_challenge(answer: Answer) -> Challenge | None:
    return next((c for c in parse_challenges(answer.headers.get("WWW-Authenticate")) if same_word(c.scheme, "Bearer")), None)


def challenge_names_accepted_scheme(answer: Answer, accepted_words: list[str]) -> Verdict:
    if answer.status != 401:
        return Verdict.skip(f"answered {answer.status}, not 401, so no challenge is required. {DRF_401_RULE}")
    expected = f"WWW-Authenticate naming one of {', '.join(accepted_words)}"
    header = answer.headers.get("WWW-Authenticate")
    if not header:
        return Verdict.fail(expected, "no WWW-Authenticate header", "RFC 9110 section 11.6.1: a 401 MUST carry a challenge")
    named = [c.scheme for c in parse_challenges(header)]
    if any(same_word(n, w) for n in named for w in accepted_words):
        return Verdict.ok(expected, f"WWW-Authenticate: {header[:80]}")
    return Verdict.fail(expected, f"WWW-Authenticate: {header[:80]}",
                        "the challenge names no scheme this endpoint accepts, so a client cannot follow it")


def _bearer_challenge_of_401(answer: Answer):
    """The Bearer challenge of a 401, or the skip verdict saying why there is none to judge."""
    if answer.status != 401:
        return None, Verdict.skip(f"answered {answer.status}, not 401. {DRF_401_RULE}")
    challenge = bearer_challenge(answer)
    if challenge is None:
        return None, Verdict.skip(f"the 401 carries no Bearer challenge ({describe(answer)}): {DRF_401_RULE}; "
                                  "the RFC 6750 error codes apply only to Bearer challenges")
    return challenge, None


def bearer_error_is_invalid_token(answer: Answer) -> Verdict:
    challenge, not_applicable = _bearer_challenge_of_401(answer)
    if not_applicable:
        return not_applicable
    expected = 'error="invalid_token" in the Bearer challenge (RFC 6750 section 3.1)'
    error = challenge.params.get("error")
    if error == "invalid_token":
        return Verdict.ok(expected, describe(answer))
    return Verdict.fail(expected, describe(answer),
                        "no error code" if error is None else f"error={error!r} for a token that was merely invalid")


def bearer_without_error(answer: Answer) -> Verdict:
    challenge, not_applicable = _bearer_challenge_of_401(answer)
    if not_applicable:
        return not_applicable
    expected = "a Bearer challenge without error code for a request without credentials"
    error = challenge.params.get("error")
    if error is None:
        return Verdict.ok(expected, describe(answer))
    return Verdict.fail(expected, describe(answer), f"error={error!r} although no token was sent (RFC 6750 section 3.1)")
