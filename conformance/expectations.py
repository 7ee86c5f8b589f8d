"""The expectations a deployment is held to (contract section 3).

One object with documented defaults, like DRF's ``api_settings``: values come from
``settings.CONFORMANCE`` (in-process), then the ``--config`` TOML file, which wins. Keys are
accepted in upper or lower case; an unknown key is an error that lists the valid ones, so a typo
never silently falls back to a default. Each resolved value remembers where it came from, for the
report header.
"""

from __future__ import annotations

import re
from conformance import toml as tomllib  # tomllib, or tomli on Python 3.10
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any


class ConfigurationError(Exception):
    """A setting or config file is wrong; the message says what to fix."""


HTTP_POLICIES = ("redirect-or-refuse", "refuse", "redirect")

DEFAULTS: dict[str, Any] = {
    "PUBLIC_PATHS": [],
    "MAX_TOKEN_AGE": timedelta(days=30),
    "TOKEN_LOGIN_PATH": None,
    "LOGOUT_PATH": None,
    "SESSION_LOGIN_PATH": None,
    "OAUTH2_TOKEN_PATH": None,
    # Added beyond the contract: simplejwt's and knox's login endpoints, detected where possible.
    "JWT_LOGIN_PATH": None,
    "KNOX_LOGIN_PATH": None,
    # Added for the refresh-token family: simplejwt's refresh and blacklist (logout) endpoints.
    "JWT_REFRESH_PATH": None,
    "JWT_BLACKLIST_PATH": None,
    # Added (issue 14): djoser's token login (TokenCreateView, /auth/token/login/), detected.
    "DJOSER_LOGIN_PATH": None,
    # Added (issue 14): knox's LogoutAllView, which revokes every token of the user: the suite
    # sends it only credentials of their own, as it does LOGOUT_PATH. Detected.
    "LOGOUT_ALL_PATH": None,
    # allauth headless's app client login and session (logout) endpoints (issue 14).
    "ALLAUTH_LOGIN_PATH": None,
    "ALLAUTH_SESSION_PATH": None,
    # Added for the oauth2-flows family: grants RFC 9700 discourages that this deployment
    # accepts on purpose ("password", "implicit"); each one listed is not a finding.
    "OAUTH2_ACCEPTED_GRANTS": [],
    "HTTPS_REQUIRED": True,
    # ASVS 5.0 V3.4.1 asks for at least a year; Mozilla Observatory passes at 15552000.
    "HSTS_MIN_SECONDS": 31536000,
    "HTTP_POLICY": "redirect-or-refuse",
    # Added beyond the contract: a declared token lifetime when no known setting says it.
    "TOKEN_LIFETIME": None,
    # Added: Django fixtures loaded in-process, so placeholder paths like /questions/1/ exist.
    "FIXTURES": [],
    # Added for remote mode (docs/remote-mode.md): the scheme words a black box is audited under,
    # values for path parameters like {id}, and the plain-HTTP base URL when it is not the
    # --target-url's host on port 80.
    "SCHEMES": None,
    "PATH_PARAMETERS": {},
    "HTTP_URL": None,
    # Added for remote mode's session roles: the deployment's SESSION_COOKIE_NAME and
    # CSRF_COOKIE_NAME when not Django's defaults (a black box does not show its settings).
    "SESSION_COOKIE_NAME": "sessionid",
    "CSRF_COOKIE_NAME": "csrftoken",
    # Added (issue 13): the form field names a login takes, {"username": "email"} for an e-mail
    # login; by default learned from the login view (in-process) or the login's own 400 answer.
    "LOGIN_FIELDS": {},
    # Added (issue 13): "myproject.tests.make_user", for user models the suite cannot fill itself.
    "USER_FACTORY": None,
    # Added (issue 13): the default-credentials check (DRFC-906) in remote mode, where it sends
    # guessed passwords to a real login (--try-default-credentials sets it too).
    "TRY_DEFAULT_CREDENTIALS": False,
}

_DURATION = re.compile(r"^\s*(\d+)\s*([dhms])\s*$")
_UNITS = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}


def parse_duration(value: Any, key: str) -> timedelta:
    """``timedelta`` as is, seconds as a number, or a string like ``"30d"``, ``"12h"``, ``"900s"``."""
    if isinstance(value, timedelta):
        return value
    if isinstance(value, bool):
        raise ConfigurationError(f"{key}: expected a duration like '30d', got {value!r}")
    if isinstance(value, (int, float)):
        return timedelta(seconds=value)
    if isinstance(value, str):
        match = _DURATION.match(value)
        if match:
            return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
    raise ConfigurationError(
        f"{key}: expected a duration like '30d', '12h', '15m' or '900s', got {value!r}"
    )


def _check_path(value: Any, key: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.startswith("/"):
        raise ConfigurationError(f"{key}: expected a path starting with '/', got {value!r}")
    return value


def _check_bool(value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigurationError(f"{key}: expected true or false, got {value!r}")
    return value


def _check_public_paths(value: Any, key: str) -> list[str]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(p, str) for p in value):
        raise ConfigurationError(f"{key}: expected a list of glob patterns, got {value!r}")
    from conformance.endpoints import PublicPathError, parse_public_path

    for entry in value:
        try:
            parse_public_path(entry)
        except PublicPathError as exc:
            raise ConfigurationError(f"{key}: {exc}") from None
    return list(value)


LOGIN_FIELD_ROLES = ("username", "password")


def _check_login_fields(value: Any, key: str) -> dict[str, str]:
    if not isinstance(value, dict) or not set(map(str, value)) <= set(LOGIN_FIELD_ROLES) or not all(
            isinstance(v, str) and re.fullmatch(r"[\w.\-\[\]]+", v) for v in value.values()):
        raise ConfigurationError(f"{key}: expected a table like {{username = \"email\", password = \"password\"}} "
                                 f"(the form field names the login takes), got {value!r}")
    return {str(k): v for k, v in value.items()}


def _check_dotted(value: Any, key: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)+", value):
        raise ConfigurationError(f"{key}: expected the dotted path of a function, like "
                                 f"'myproject.tests.make_user', got {value!r}")
    return value


def _check_seconds(value: Any, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(f"{key}: expected a number of seconds, got {value!r}")
    return value


def _check_policy(value: Any, key: str) -> str:
    if value not in HTTP_POLICIES:
        raise ConfigurationError(f"{key}: expected one of {', '.join(HTTP_POLICIES)}, got {value!r}")
    return value


def _check_fixtures(value: Any, key: str) -> list[str]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(p, str) for p in value):
        raise ConfigurationError(f"{key}: expected a list of Django fixture names, got {value!r}")
    return list(value)


def _check_schemes(value: Any, key: str) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, (list, tuple)) or not value or not all(isinstance(w, str) and w.strip() for w in value):
        raise ConfigurationError(f"{key}: expected a list of scheme words like ['Token', 'Bearer'], got {value!r}")
    return [w.strip() for w in value]


def _check_path_parameters(value: Any, key: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, (str, int)) for v in value.values()):
        raise ConfigurationError(f"{key}: expected a table of parameter = value, like {{id = \"42\"}}, got {value!r}")
    return {str(k): str(v) for k, v in value.items()}


def _check_url(value: Any, key: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise ConfigurationError(f"{key}: expected an http:// URL, got {value!r}")
    return value


def _check_cookie_name(value: Any, key: str) -> str:
    # RFC 6265 section 4.1.1: a cookie name is a token (no separators, spaces or controls).
    if not isinstance(value, str) or not re.fullmatch(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+", value):
        raise ConfigurationError(f"{key}: expected a cookie name like 'sessionid', got {value!r}")
    return value


DISCOURAGED_GRANTS = ("password", "implicit")  # RFC 9700 §2.1.2, §2.4


def _check_grants(value: Any, key: str) -> list[str]:
    if not isinstance(value, (list, tuple)) or any(v not in DISCOURAGED_GRANTS for v in value):
        raise ConfigurationError(f"{key}: expected a list of {' or '.join(DISCOURAGED_GRANTS)}, got {value!r}")
    return list(value)


def _optional_duration(value: Any, key: str) -> timedelta | None:
    return None if value is None else parse_duration(value, key)


_VALIDATORS = {
    "PUBLIC_PATHS": _check_public_paths,
    "MAX_TOKEN_AGE": parse_duration,
    "TOKEN_LOGIN_PATH": _check_path,
    "LOGOUT_PATH": _check_path,
    "SESSION_LOGIN_PATH": _check_path,
    "OAUTH2_TOKEN_PATH": _check_path,
    "JWT_LOGIN_PATH": _check_path,
    "KNOX_LOGIN_PATH": _check_path,
    "JWT_REFRESH_PATH": _check_path,
    "JWT_BLACKLIST_PATH": _check_path,
    "DJOSER_LOGIN_PATH": _check_path,
    "LOGOUT_ALL_PATH": _check_path,
    "ALLAUTH_LOGIN_PATH": _check_path,
    "ALLAUTH_SESSION_PATH": _check_path,
    "OAUTH2_ACCEPTED_GRANTS": _check_grants,
    "HTTPS_REQUIRED": _check_bool,
    "HSTS_MIN_SECONDS": _check_seconds,
    "HTTP_POLICY": _check_policy,
    "TOKEN_LIFETIME": _optional_duration,
    "FIXTURES": _check_fixtures,
    "SCHEMES": _check_schemes,
    "PATH_PARAMETERS": _check_path_parameters,
    "HTTP_URL": _check_url,
    "SESSION_COOKIE_NAME": _check_cookie_name,
    "CSRF_COOKIE_NAME": _check_cookie_name,
    "LOGIN_FIELDS": _check_login_fields,
    "USER_FACTORY": _check_dotted,
    "TRY_DEFAULT_CREDENTIALS": _check_bool,
}


@dataclass
class Expectations:
    """Resolved values of every key, with the source each came from."""

    values: dict[str, Any] = field(default_factory=lambda: dict(DEFAULTS))
    sources: dict[str, str] = field(default_factory=lambda: {k: "default" for k in DEFAULTS})

    def __getattr__(self, name: str) -> Any:
        upper = name.upper()
        if upper in DEFAULTS:
            return self.values[upper]
        raise AttributeError(name)

    def merge(self, raw: dict[str, Any], source: str) -> None:
        if not isinstance(raw, dict):
            raise ConfigurationError(f"{source}: expected a table of settings, got {type(raw).__name__}")
        for key, value in raw.items():
            upper = str(key).upper()
            if upper not in DEFAULTS:
                raise ConfigurationError(
                    f"{source}: unknown setting {key!r}; valid settings: {', '.join(DEFAULTS)}"
                )
            self.values[upper] = _VALIDATORS[upper](value, f"{source}: {upper}")
            self.sources[upper] = source

    def as_report(self) -> dict[str, dict[str, Any]]:
        """JSON-ready values (durations in seconds) with their sources."""
        report = {}
        for key, value in self.values.items():
            if isinstance(value, timedelta):
                value = int(value.total_seconds())
            report[key] = {"value": value, "source": self.sources[key]}
        return report


def load_toml(path: str | Path) -> dict[str, Any]:
    """The settings of a ``--config`` file: top-level keys, or a ``[conformance]`` table."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigurationError(f"--config {path}: no such file; pass the path of a TOML file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"--config {path}: cannot read it ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigurationError(f"--config {path}: not valid TOML ({exc})") from None
    table = data.get("conformance", data.get("CONFORMANCE", data))
    return table


def resolve(django_settings: dict[str, Any] | None, config_file: str | None) -> Expectations:
    """Defaults, then ``settings.CONFORMANCE``, then the ``--config`` file (which wins)."""
    expectations = Expectations()
    if django_settings:
        expectations.merge(django_settings, "settings.CONFORMANCE")
    if config_file:
        expectations.merge(load_toml(config_file), f"--config {config_file}")
    return expectations
