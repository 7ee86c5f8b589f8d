"""Credentials by role for remote mode: the ``--credentials`` file and ``CONFORMANCE_<ROLE>``.

The file is JSON or TOML (contract section 4). Every role is optional; the environment wins over
the file field by field, so a CI pipeline can keep every secret in its secret store and pass no
file at all (``CONFORMANCE_TOKEN_ACTIVE``, ``CONFORMANCE_PASSWORD_USERNAME``, ...). Each value is
registered with the redactor, under the role whose ``$CONFORMANCE_<ROLE>`` the ``curl`` lines
of the report name, before anything is sent (CWE-532).

Beyond the contract's roles, ``jwt`` and ``knox`` token roles are read the same way, for
deployments that use djangorestframework-simplejwt or django-rest-knox beside DRF tokens, and
``session`` roles are the values of Django session cookies (``session.active`` of an active user,
``session.inactive`` opened before the user was deactivated, ``session.expired`` past its age),
sent in the cookie ``SESSION_COOKIE_NAME`` of ``--config``. Django's CSRF check compares the
``X-CSRFToken`` header with the CSRF cookie, not with the session (unless ``CSRF_USE_SESSIONS``),
so each session credential carries a CSRF secret minted here, sent as both (docs/remote-mode.md).

A value with whitespace or a control character (``CONFORMANCE_TOKEN_ACTIVE`` set with ``echo``,
ending in a newline) is refused at load with one line naming the role and its source, never the
value; the plugin checks and registers every supplied value at configure time
(``register_supplied``), before anything is collected or sent.
"""

from __future__ import annotations

import json
import os
import secrets
import string
from conformance import toml as tomllib  # tomllib, or tomli on Python 3.10
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from conformance.auth.credentials import Credential, CredentialStore
from conformance.evidence import Redactor, env_name
from conformance.redaction import credential_problem
from conformance.expectations import ConfigurationError
from conformance.auth.schemes import BASIC, BEARER, SESSION, TOKEN, Scheme

TOKEN_STATES = ("active", "inactive", "expired")
# Role group -> the scheme its tokens are sent under.
TOKEN_GROUPS: dict[str, Scheme] = {
    "token": TOKEN,
    "bearer": BEARER,
    "jwt": Scheme("jwt", "Bearer", "jwt"),
    "knox": Scheme("knox", "Token", "knox"),
}
# Role group -> the scheme of its cookie values.
COOKIE_GROUPS: dict[str, Scheme] = {"session": SESSION}
# Django's CSRF secret: CSRF_SECRET_LENGTH characters of CSRF_ALLOWED_CHARS (django.middleware.csrf).
CSRF_SECRET_LENGTH = 32
CSRF_ALLOWED_CHARS = string.ascii_letters + string.digits
# Role group -> (name field, secret field).
PAIR_GROUPS: dict[str, tuple[str, str]] = {
    "password": ("username", "password"),
    "inactive_password": ("username", "password"),
    # The owner of the back-dated token.expired (conformance_provision): remote DRFC-901 logs it in.
    "expired_password": ("username", "password"),
    # A user only the suite's own login checks log in as (conformance_provision): a login that
    # rotates its user's token then revokes nothing another check sends, in any order (issue 12).
    "login_password": ("username", "password"),
    "oauth2_client": ("client_id", "client_secret"),
}
OAUTH2_CLIENT = Scheme("oauth2-client", None, None)
HINT = "add it to the --credentials file or set the environment variable named below"


def _read_file(path: str) -> dict[str, Any]:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ConfigurationError(f"--credentials {path}: cannot read it ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigurationError(f"--credentials {path}: not UTF-8 text; give a JSON or TOML file") from None
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ConfigurationError(f"--credentials {path}: not valid JSON ({exc})") from None
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigurationError(f"--credentials {path}: neither JSON nor valid TOML ({exc})") from None
    if not isinstance(data, dict):
        raise ConfigurationError(f"--credentials {path}: expected an object of roles, got {type(data).__name__}")
    return data


def _fields(data: dict[str, Any], source: str) -> dict[str, str]:
    """``{"token": {"active": "k"}}`` -> ``{"token.active": "k"}``, rejecting unknown roles."""
    valid = {f"{g}.{s}" for g in (*TOKEN_GROUPS, *COOKIE_GROUPS) for s in TOKEN_STATES}
    valid |= {f"{g}.{f}" for g, pair in PAIR_GROUPS.items() for f in pair}
    fields: dict[str, str] = {}
    for group, members in data.items():
        if not isinstance(members, dict):
            raise ConfigurationError(f"{source}: {group!r} must be a table of values, got {type(members).__name__}")
        for name, value in members.items():
            key = f"{group}.{name}"
            if key not in valid:
                raise ConfigurationError(f"{source}: unknown role {key!r}; valid roles: {', '.join(sorted(valid))}")
            if not isinstance(value, str) or not value:
                raise ConfigurationError(f"{source}: {key} must be a non-empty string")
            fields[key] = value
    return fields


def _from_environment(environ: Mapping[str, str]) -> dict[str, str]:
    fields = {}
    keys = [f"{g}.{s}" for g in (*TOKEN_GROUPS, *COOKIE_GROUPS) for s in TOKEN_STATES]
    keys += [f"{g}.{f}" for g, pair in PAIR_GROUPS.items() for f in pair]
    for key in keys:
        value = environ.get(env_name(key))
        if value:
            fields[key] = value
    return fields


def _refuse_unsendable(fields: dict[str, str], sources: dict[str, str], path: str | None) -> None:
    """A value with whitespace or a control character is a one-line usage error naming the role and
    where it came from, never the value (issue 11): sent, requests would raise ``InvalidHeader``
    with its ``repr``, and the whole token would reach every report and the terminal."""
    for role in sorted(fields):
        problem = credential_problem(fields[role])
        if problem:
            where = (f"${env_name(role)}" if sources.get(role) == "environment"
                     else f"--credentials {path}")
            raise ConfigurationError(f"credentials: role {role} (from {where}) {problem}; "
                                     "set it again without them (printf '%s', not echo)")


def supplied_fields(path: str | None, environ: Mapping[str, str] | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """Every supplied role's value and where it came from (``file`` or ``environment``), checked."""
    environ = os.environ if environ is None else environ
    fields = _fields(_read_file(path), f"--credentials {path}") if path else {}
    sources = dict.fromkeys(fields, "file")
    from_env = _from_environment(environ)
    fields.update(from_env)
    sources.update(dict.fromkeys(from_env, "environment"))
    _refuse_unsendable(fields, sources, path)
    return fields, sources


def register_supplied(path: str | None, redactor: Redactor, environ: Mapping[str, str] | None = None) -> None:
    """Check the supplied credentials and register each with ``redactor``, before anything is
    collected or sent: at configure time, so a bad value stops the run at once and the process
    that writes the reports (the pytest-xdist controller too) can scrub them (issue 11)."""
    fields, _ = supplied_fields(path, environ)
    for role, value in fields.items():
        redactor.add(value, role, role=role)
    for group, (name_field, secret_field) in PAIR_GROUPS.items():
        name, secret = fields.get(f"{group}.{name_field}"), fields.get(f"{group}.{secret_field}")
        if name and secret:
            redactor.add(secret, f"{group}.{secret_field}", role=f"{group}.{secret_field}", username=name)


def minted_csrf_secret() -> str:
    """A CSRF secret of Django's form: as the CSRF cookie, and unmasked as the ``X-CSRFToken``
    header, it passes ``CsrfViewMiddleware`` (Django 4.1+ accepts the unmasked secret)."""
    return "".join(secrets.choice(CSRF_ALLOWED_CHARS) for _ in range(CSRF_SECRET_LENGTH))


def session_credential(role: str, session_id: str, redactor: Redactor, session_cookie: str = "sessionid",
                       csrf_cookie: str = "csrftoken", username: str = "") -> Credential:
    """A session cookie value as a credential: its cookie first, then a minted CSRF cookie."""
    csrf_secret = minted_csrf_secret()
    redactor.add(session_id, role, role=role)
    redactor.add(csrf_secret, "CSRF cookie")
    return Credential(role, SESSION, session_id, username, cookies={session_cookie: session_id, csrf_cookie: csrf_secret},
                      csrf_token=csrf_secret)


def load_credentials(path: str | None, redactor: Redactor, environ: Mapping[str, str] | None = None,
                     session_cookie: str = "sessionid",
                     csrf_cookie: str = "csrftoken") -> tuple[CredentialStore, dict[str, str]]:
    """The store of every supplied role, and where each came from (``file`` or ``environment``).

    ``session_cookie`` and ``csrf_cookie`` are the cookie names the ``session.*`` roles go in."""
    fields, sources = supplied_fields(path, environ)
    store = CredentialStore(hint=HINT)
    for group, scheme in TOKEN_GROUPS.items():
        for state in TOKEN_STATES:
            role = f"{group}.{state}"
            if role in fields:
                redactor.add(fields[role], role, role=role)
                store.add(Credential(role, scheme, fields[role]))
    for group in COOKIE_GROUPS:
        for state in TOKEN_STATES:
            role = f"{group}.{state}"
            if role in fields:
                store.add(session_credential(role, fields[role], redactor, session_cookie, csrf_cookie))
    for group, (name_field, secret_field) in PAIR_GROUPS.items():
        name, secret = fields.get(f"{group}.{name_field}"), fields.get(f"{group}.{secret_field}")
        if not (name and secret):
            if name or secret:  # half a pair is a mistake worth one clear line
                have, lack = (name_field, secret_field) if name else (secret_field, name_field)
                raise ConfigurationError(
                    f"credentials: {group} has {have} but no {lack}; supply {env_name(f'{group}.{lack}')} "
                    "or add it to the --credentials file"
                )
            continue
        redactor.add(secret, f"{group}.{secret_field}", role=f"{group}.{secret_field}", username=name)
        if group == "oauth2_client":
            redactor.add(name, f"{group}.{name_field}", role=f"{group}.{name_field}")
            store.add(Credential(group, OAUTH2_CLIENT, secret, name))
        else:
            credential = store.add(Credential(group, BASIC, secret, name))
            redactor.add(credential.basic_value(), group)
    return store, {role: sources[role] for role in sorted(sources)}
