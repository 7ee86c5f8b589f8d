"""Judges of scheme-confusion: scheme-word spellings, challenge parsing, RFC 6750 error codes."""

import pytest

from conformance.judges import scheme_confusion as judges
from tests.judges.answers import answer

CONTROL = answer(200)
ANONYMOUS = answer(401, {"WWW-Authenticate": "Token"})


def test_spellings_cover_lower_upper_and_mixed_case_without_duplicates():
    assert judges.spellings("Token") == ["Token", "token", "TOKEN", "ToKeN"]
    assert judges.spellings("JWT") == ["JWT", "jwt", "JwT"]
    assert judges.mixed_case("Api-Key") == "ApI-kEy"


def test_foreign_presentations_leave_out_every_spelling_of_the_own_word():
    words = [p.word for p in judges.foreign_presentations("Token")]
    assert not any(w.lower() == "token" for w in words)
    assert {"Bearer", "bearer", "BEARER", "BeArEr", "Basic", "JWT", "Api-Key", ""} <= set(words)
    assert judges.Presentation("").header("k3y") == [("Authorization", "k3y")]


def test_a_credential_accepted_under_a_foreign_word_fails():
    answers = {judges.Presentation("Bearer"): answer(200), judges.Presentation("JWT"): answer(401)}
    verdict = judges.refused_under_foreign_words(answers, CONTROL, ANONYMOUS)
    assert not verdict.passed and "'Bearer'" in verdict.actual


def test_refusals_under_every_foreign_word_pass_and_an_open_endpoint_skips():
    answers = {judges.Presentation("Bearer"): answer(401), judges.Presentation(""): answer(401)}
    assert judges.refused_under_foreign_words(answers, CONTROL, ANONYMOUS).passed
    assert judges.refused_under_foreign_words(answers, CONTROL, answer(200)).not_applicable


def test_own_word_refused_only_because_of_its_case_fails():
    answers = {judges.Presentation("token"): answer(200), judges.Presentation("TOKEN"): answer(401)}
    verdict = judges.accepted_under_recased_word(answers, CONTROL, "Token")
    assert not verdict.passed and "'TOKEN'" in verdict.actual


@pytest.mark.parametrize(("header", "expected"), [
    ("Token", [("Token", {})]),
    ('Bearer realm="api",error="invalid_token",error_description="The access token is invalid."',
     [("Bearer", {"realm": "api", "error": "invalid_token", "error_description": "The access token is invalid."})]),
    ('Basic realm="a, b", Bearer error=invalid_token', [("Basic", {"realm": "a, b"}), ("Bearer", {"error": "invalid_token"})]),
    ("Negotiate abc==, Token", [("Negotiate", {"": "abc=="}), ("Token", {})]),
    ('Bearer realm="say \\"hi\\""', [("Bearer", {"realm": 'say "hi"'})]),
])
def test_parse_challenges_follows_rfc_9110_grammar(header, expected):
    assert [(c.scheme, c.params) for c in judges.parse_challenges(header)] == expected


def test_challenge_must_name_a_scheme_the_endpoint_accepts():
    assert judges.challenge_names_accepted_scheme(answer(401, {"WWW-Authenticate": "token"}), ["Token", "Bearer"]).passed
    assert not judges.challenge_names_accepted_scheme(answer(401, {"WWW-Authenticate": 'Basic realm="api"'}), ["Token"]).passed
    assert not judges.challenge_names_accepted_scheme(answer(401), ["Token"]).passed
    assert judges.challenge_names_accepted_scheme(answer(403), ["Token"]).not_applicable


def test_bearer_error_codes_of_rfc_6750():
    invalid = answer(401, {"WWW-Authenticate": 'Bearer realm="api", error="invalid_token"'})
    bare = answer(401, {"WWW-Authenticate": 'Bearer realm="api"'})
    assert judges.bearer_error_is_invalid_token(invalid).passed
    assert not judges.bearer_error_is_invalid_token(bare).passed
    assert judges.bearer_without_error(bare).passed
    assert not judges.bearer_without_error(invalid).passed


def test_bearer_rules_skip_a_token_challenge_and_explain_drfs_first_class_rule():
    verdict = judges.bearer_error_is_invalid_token(answer(401, {"WWW-Authenticate": "Token"}))
    assert verdict.not_applicable and "FIRST authentication class" in verdict.not_applicable
