"""scheme-confusion: a credential counts only under its own scheme word; 401 challenges name it.

Each (endpoint, scheme) test sends the scheme's valid credential under every other scheme word in
one go, so one result says which words got in; answers are cached so sibling checks reuse them.
"""

import secrets

import pytest

from conformance.judges import scheme_confusion as judges
from conformance.auth.schemes import SESSION


def presented(probe, endpoint, value, presentation, cache_key):
    return probe.send(endpoint, presentation.header(value), cache_key=cache_key)


def secret_of(credential):
    return credential.basic_value() if credential.scheme.kind == "basic" else credential.secret


def anonymous(probe, endpoint):
    return probe.send(endpoint, cache_key=("anonymous", endpoint.label))


@pytest.mark.check("DRFC-501")
def test_credential_is_refused_under_other_scheme_words(endpoint, scheme, probe):
    probe.require_sendable(endpoint)
    control = probe.positive_control(endpoint, scheme)
    value = secret_of(probe.credential(scheme, endpoint=endpoint))
    answers = {p: presented(probe, endpoint, value, p, ("scheme-confusion", endpoint.label, scheme, p.word))
               for p in judges.foreign_presentations(scheme.word)}
    probe.judge(judges.refused_under_foreign_words(answers, control, anonymous(probe, endpoint)))


@pytest.mark.check("DRFC-501")
@pytest.mark.parametrize("credential", ["session cookie value"])
def test_session_id_is_refused_under_scheme_words(endpoint, credential, probe):
    if SESSION not in endpoint.schemes:
        pytest.skip(probe.target.scheme_not_offered(endpoint, SESSION))
    probe.require_sendable(endpoint)
    control = probe.positive_control(endpoint, SESSION)
    session = probe.credential(SESSION, endpoint=endpoint)
    if not session.cookies:
        pytest.skip("the session credential carries no cookie")
    session_id = next(iter(session.cookies.values()))  # the session cookie comes first
    answers = {p: presented(probe, endpoint, session_id, p, ("session-as-scheme", endpoint.label, p.word))
               for p in judges.foreign_presentations(None) if p.word}
    probe.judge(judges.refused_under_foreign_words(answers, control, anonymous(probe, endpoint)))


@pytest.mark.check("DRFC-502")
def test_scheme_word_is_case_insensitive(endpoint, scheme, probe):
    probe.require_sendable(endpoint)
    control = probe.positive_control(endpoint, scheme)
    answers = {}
    for presentation in judges.recased_presentations(scheme.word):
        # A fresh credential per request where the endpoint consumes it (logout).
        value = secret_of(probe.credential(scheme, endpoint=endpoint))
        answers[presentation] = presented(probe, endpoint, value, presentation,
                                          ("recased-scheme", endpoint.label, scheme, presentation.word))
    probe.judge(judges.accepted_under_recased_word(answers, control, scheme.word, anonymous(probe, endpoint)))


def invalid_credential_answer(probe, endpoint, scheme):
    value = secrets.token_hex(20)  # random: refused by any correct lookup, and no secret to leak
    return probe.send(endpoint, [("Authorization", f"{scheme.word} {value}")],
                      cache_key=("invalid-credential", endpoint.label, scheme))


@pytest.mark.check("DRFC-503")
@pytest.mark.parametrize("sent", ["no credentials", "an invalid credential"])
def test_401_challenge_names_an_accepted_scheme(endpoint, scheme, sent, probe):
    probe.require_sendable(endpoint)
    probe.positive_control(endpoint, scheme)
    answer = anonymous(probe, endpoint) if sent == "no credentials" else invalid_credential_answer(probe, endpoint, scheme)
    accepted = [s.word for s in endpoint.header_schemes()]
    probe.judge(judges.challenge_names_accepted_scheme(answer, accepted))


def bearer_scheme(endpoint):
    scheme = next((s for s in endpoint.header_schemes() if judges.same_word(s.word, "Bearer")), None)
    if scheme is None:
        pytest.skip(f"{endpoint.label} accepts no Bearer scheme")
    return scheme


@pytest.mark.check("DRFC-504")
def test_bearer_challenge_for_invalid_token_says_invalid_token(endpoint, probe):
    scheme = bearer_scheme(endpoint)
    probe.require_sendable(endpoint)
    probe.positive_control(endpoint, scheme)
    probe.judge(judges.bearer_error_is_invalid_token(invalid_credential_answer(probe, endpoint, scheme)))


@pytest.mark.check("DRFC-505")
def test_bearer_challenge_without_credentials_has_no_error(endpoint, probe):
    scheme = bearer_scheme(endpoint)
    probe.require_sendable(endpoint)
    probe.positive_control(endpoint, scheme)
    probe.judge(judges.bearer_without_error(anonymous(probe, endpoint)))
