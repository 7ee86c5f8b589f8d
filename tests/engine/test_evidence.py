"""Redaction: no registered secret survives in headers, cookies, URLs, bodies or curl lines."""

import json

from conformance.evidence import Redactor, curl_line, env_name, redact_body, redact_headers, redact_url

SECRET = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"


def redactor() -> Redactor:
    r = Redactor()
    r.add(SECRET, "token.active", role="token.active")
    return r


def test_role_names_become_environment_variables():
    assert env_name("token.active") == "CONFORMANCE_TOKEN_ACTIVE"
    assert env_name("oauth2_client.client_secret") == "CONFORMANCE_OAUTH2_CLIENT_CLIENT_SECRET"


def test_headers_and_cookies_never_carry_the_secret():
    headers = redact_headers([("Authorization", f"Token {SECRET}"), ("Cookie", f"sessionid={SECRET}; a=b"),
                              ("X-Other", f"prefix {SECRET}")], redactor())
    assert SECRET not in json.dumps(headers)
    assert headers["Authorization"].startswith("Token ")


def test_unknown_credentials_in_credential_headers_are_masked_too():
    headers = redact_headers([("Authorization", "Bearer some-unregistered-value-123")], Redactor())
    assert "some-unregistered-value-123" not in json.dumps(headers)


def test_urls_lose_secret_query_values():
    url = redact_url(f"https://h/p?access_token={SECRET}&page=2", redactor())
    assert SECRET not in url and "page=2" in url


def test_json_bodies_lose_credential_fields_and_secrets():
    body = json.dumps({"token": "unregistered-token-value", "note": SECRET, "password": "hunter22"})
    text = redact_body(body, "application/json", redactor())
    assert "unregistered-token-value" not in text and SECRET not in text and "hunter22" not in text


def test_the_curl_line_names_the_variable_instead_of_the_secret():
    line = curl_line("GET", "https://127.0.0.1:1/x/", [("Authorization", f"Token {SECRET}")], None, redactor())
    assert SECRET not in line
    assert '"Authorization: Token ${CONFORMANCE_TOKEN_ACTIVE}"' in line


def test_the_curl_line_quotes_what_a_shell_would_interpret():
    line = curl_line("POST", "https://h/x", [("X-Note", 'say "$HOME" `id`')], b"{}", Redactor())
    assert '\\$HOME' in line and '\\`id\\`' in line and '\\"' in line


def test_short_values_are_redacted_as_whole_tokens_only():
    """Issue 11: a value under six characters is a secret too, redacted where it stands alone,
    not inside a longer word (docs/reports.md)."""
    r = Redactor()
    r.add("abc", "short")
    assert r.redact("Token abc; x=abc&y=abcdef") == "Token [REDACTED short]; x=[REDACTED short]&y=abcdef"


def test_a_longer_secret_is_redacted_before_its_prefix():
    r = redactor()
    r.add(SECRET[:-1], "truncated")
    assert r.redact(SECRET) == "[REDACTED token.active]"


def test_secrets_registered_after_a_redaction_and_sharing_a_prefix_are_all_redacted():
    r = redactor()
    assert r.redact(f"a {SECRET}") == "a [REDACTED token.active]"
    many = [f"{SECRET[:6]}{number:06d}-disposable" for number in range(2000)]  # one prefix bucket
    for number, value in enumerate(many):
        r.add(value, f"disposable {number}")
    text = r.redact(f"{many[0]} then {many[-1]} then {SECRET.upper()} then {SECRET}")
    assert text == ("[REDACTED disposable 0] then [REDACTED disposable 1999] then "
                    f"{SECRET.upper()} then [REDACTED token.active]")


def test_curl_line_redacts_before_cutting_a_long_header_or_body():
    """A secret straddling the excerpt's cut must not leave a fragment behind (issue 11)."""
    from conformance.evidence import BODY_EXCERPT_BYTES, Redactor, curl_line

    secret = "s3cr3tvalue-0123456789abcdef"
    redactor = Redactor()
    redactor.add(secret, "token.active", role="token.active")
    header = "Token " + "x" * 14 + secret + "y" * 400  # the 32-character excerpt cuts the secret
    filler = "".join(chr(97 + i % 26) for i in range(BODY_EXCERPT_BYTES + 300))  # no long runs
    body = (filler[:BODY_EXCERPT_BYTES - 10] + secret + filler[:300]).encode()
    line = curl_line("POST", "https://127.0.0.1:8443/x/", [("Authorization", header)], body, redactor)
    for fragment in (secret[:10], secret[-10:], secret[5:15]):
        assert fragment not in line
