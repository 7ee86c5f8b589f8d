"""Expectations (contract section 3): defaults, parsing, precedence and clear errors."""

from datetime import timedelta

import pytest

from conformance.expectations import DEFAULTS, ConfigurationError, parse_duration, resolve


@pytest.mark.parametrize("text, expected", [
    ("30d", timedelta(days=30)), ("12h", timedelta(hours=12)), ("900s", timedelta(seconds=900)),
    (" 5 m ", timedelta(minutes=5)), (timedelta(hours=1), timedelta(hours=1)),
])
def test_durations_are_read_from_strings_and_timedeltas(text, expected):
    assert parse_duration(text, "MAX_TOKEN_AGE") == expected


@pytest.mark.parametrize("bad", ["30", "thirty days", "-1d", "1w", [], None])
def test_a_bad_duration_names_the_key_and_the_format(bad):
    with pytest.raises(ConfigurationError, match="MAX_TOKEN_AGE"):
        parse_duration(bad, "MAX_TOKEN_AGE")


def test_defaults_are_the_contracts():
    expectations = resolve(None, None)
    assert expectations.MAX_TOKEN_AGE == timedelta(days=30)
    assert expectations.HSTS_MIN_SECONDS == 31536000
    assert expectations.HTTP_POLICY == "redirect-or-refuse"
    assert expectations.HTTPS_REQUIRED is True
    assert expectations.PUBLIC_PATHS == []
    assert set(DEFAULTS) >= {"PUBLIC_PATHS", "MAX_TOKEN_AGE", "TOKEN_LOGIN_PATH", "LOGOUT_PATH",
                             "SESSION_LOGIN_PATH", "OAUTH2_TOKEN_PATH", "HTTPS_REQUIRED",
                             "HSTS_MIN_SECONDS", "HTTP_POLICY"}


def test_the_config_file_wins_over_settings_and_keys_may_be_lower_case(tmp_path):
    config = tmp_path / "conformance.toml"
    config.write_text('max_token_age = "12h"\nPUBLIC_PATHS = ["/health/*"]\n')
    expectations = resolve({"MAX_TOKEN_AGE": timedelta(days=7), "HSTS_MIN_SECONDS": 15552000}, str(config))
    assert expectations.MAX_TOKEN_AGE == timedelta(hours=12)
    assert expectations.sources["MAX_TOKEN_AGE"] == f"--config {config}"
    assert expectations.HSTS_MIN_SECONDS == 15552000
    assert expectations.sources["HSTS_MIN_SECONDS"] == "settings.CONFORMANCE"
    assert expectations.PUBLIC_PATHS == ["/health/*"]


def test_a_conformance_table_is_read_too(tmp_path):
    config = tmp_path / "pyproject-like.toml"
    config.write_text('[conformance]\nhttp_policy = "refuse"\n')
    assert resolve(None, str(config)).HTTP_POLICY == "refuse"


@pytest.mark.parametrize("content, message", [
    ("MAX_TOKEN_AGES = '1d'", "unknown setting 'MAX_TOKEN_AGES'; valid settings: PUBLIC_PATHS"),
    ("HTTP_POLICY = 'sometimes'", "HTTP_POLICY"),
    ("HSTS_MIN_SECONDS = -5", "HSTS_MIN_SECONDS"),
    ("this is = not toml", "not valid TOML"),
])
def test_a_bad_config_file_says_what_is_wrong(tmp_path, content, message):
    config = tmp_path / "bad.toml"
    config.write_text(content)
    with pytest.raises(ConfigurationError, match=message):
        resolve(None, str(config))


def test_a_missing_config_file_is_named(tmp_path):
    with pytest.raises(ConfigurationError, match="no such file"):
        resolve(None, str(tmp_path / "absent.toml"))
