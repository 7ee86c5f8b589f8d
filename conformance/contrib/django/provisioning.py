"""Users and credentials for a remote audit, made through the deployment's own ORM.

What ``manage.py conformance_provision`` makes, for every kind the deployment has installed:

* an active user, an inactive user and an "expired" user (active, owning the back-dated DRF token,
  since DRF allows one token per user), each with a random password; a fourth, role
  ``expired_password``, owning a back-dated DRF token of its own for remote DRFC-901's login; and
  a fifth, role ``login_password``, that only the suite's own login checks log in as;
* DRF tokens (``token.active``, ``token.inactive``, ``token.expired``, back-dated past
  ``MAX_TOKEN_AGE`` plus a day: no waiting);
* with django-oauth-toolkit: a confidential password-grant client (``oauth2_client``) and access
  tokens (``bearer.*``; the expired one expired a minute ago by DOT's own clock);
* with djangorestframework-simplejwt (``jwt.*``) and django-rest-knox (``knox.*``) the same three;
* with a session middleware: session cookies (``session.*``) made through the deployment's
  session engine (``conformance.contrib.django.sessions``); the expired one issued past
  ``MAX_TOKEN_AGE`` plus a day.

Users are made by ``conformance.contrib.django.users.make_user``, the in-process provisioner's
own code path (the model's manager and fields, or ``USER_FACTORY``).

The inactive user's credentials are issued while it is active and the user is deactivated
afterwards, as happens to a real account.

It touches only what it made (issue 11). Every user and OAuth2 application it makes is recorded,
by primary key *and* name, in a ledger file beside the credentials file (``creds.json.ledger``,
no secrets in it); ``cleanup()`` deletes exactly those (users cascade to their tokens), and every
session of those users, the audit's own logins included. A deployment's own user whose name
merely starts with ``MARKER``, or an application named like ours, is never touched. Names carry a
random part, and a ledger is locked while in use, so two runs at once cannot collide; running it
twice with the same ``--output`` removes the first run's objects before making new ones.
"""

from __future__ import annotations

import json
import os
import secrets
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any, Iterator

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone

from conformance.contrib.django import sessions

MARKER = "drf-conformance-provisioned"
USER_LABELS = ("active", "inactive", "expired")
# Remote DRFC-901's own user (role expired_password), owning a back-dated DRF token of its own:
# its login may rotate or renew that token without touching token.expired, which other checks
# send, whatever order pytest-xdist runs them in (issue 12).
RELOGIN_LABEL = "relogin"
# The suite's own login checks' user (role login_password), for the same reason (issue 12).
LOGIN_LABEL = "login"
OWN_USERS = (RELOGIN_LABEL, LOGIN_LABEL)
LEDGER_SUFFIX = ".ledger"
DEFAULT_LEDGER = "drf-conformance.ledger"  # for --output - (standard output)


class ProvisioningRefused(Exception):
    """The database or the project refused what provisioning makes; one line saying what to set."""


def ledger_for(output: str | None) -> Path:
    """Where the record of a run's objects goes: beside the credentials file."""
    return Path(f"{output}{LEDGER_SUFFIX}") if output and output != "-" else Path(DEFAULT_LEDGER)


@contextmanager
def _locked(ledger: Path) -> Iterator[None]:
    """One provisioning run per ledger at a time (POSIX advisory lock; elsewhere none)."""
    lock_path = ledger.with_name(ledger.name + ".lock")
    descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - Windows
            pass
        yield
    finally:
        os.close(descriptor)
        lock_path.unlink(missing_ok=True)


def _read_ledger(ledger: Path) -> dict[str, Any]:
    try:
        data = json.loads(ledger.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise ProvisioningRefused(f"cannot read the ledger {ledger} ({exc}): remove it by hand once its "
                                  "objects are checked") from None
    return data if isinstance(data, dict) else {}


def _write_ledger(ledger: Path, record: dict[str, Any]) -> None:
    descriptor = os.open(ledger, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(record, handle, indent=2, default=str)
        handle.write("\n")


def _recorded_users(record: dict[str, Any]):
    """The users the ledger names, matched by primary key *and* login name (a key can be reused)."""
    model = get_user_model()
    if record.get("user_model") not in (None, model._meta.label):
        return model.objects.none()
    query = models.Q(pk__in=[])
    for entry in record.get("users", []):
        query |= models.Q(pk=entry["pk"], **{model.USERNAME_FIELD: entry["name"]})
    return model.objects.filter(query)


def cleanup(ledger: Path) -> dict[str, int]:
    """Delete what the run recorded in ``ledger`` and nothing else; counts by kind."""
    with _locked(ledger):
        return _cleanup(ledger)


def _cleanup(ledger: Path) -> dict[str, int]:
    record = _read_ledger(ledger)
    removed = {"users": 0, "oauth2_applications": 0, "sessions": 0}
    if not record:
        return removed
    with transaction.atomic():
        users = _recorded_users(record)
        user_keys = [str(pk) for pk in users.values_list("pk", flat=True)]
        removed["sessions"] = sessions.cleanup(user_keys)
        applications = record.get("oauth2_applications", [])
        if applications and apps.is_installed("oauth2_provider"):
            from oauth2_provider.models import get_application_model

            made = get_application_model().objects.filter(pk__in=applications, name=MARKER)
            removed["oauth2_applications"] = made.count()
            made.delete()  # cascades to the tokens issued through it
        removed["users"] = users.count()
        users.delete()  # cascades to every token of theirs
    ledger.unlink(missing_ok=True)
    return removed


def _user(label: str, password: str, factory: str | None):
    from conformance.contrib.django.users import UserFactoryError, make_user

    try:
        return make_user(label, password, prefix=MARKER, factory=factory)
    except UserFactoryError as exc:
        raise ProvisioningRefused(str(exc)) from None


def _token_model():
    from conformance.inprocess.provision import _token_model as project_token_model

    return project_token_model()


def _drf_tokens(users: dict, max_token_age: timedelta) -> dict[str, str]:
    model = _token_model()
    tokens = {label: model.objects.create(user=users[label]) for label in USER_LABELS}
    # DRF's Token.created is auto_now_add: back-date it with an update, past the policy by a day.
    model.objects.filter(pk=tokens["expired"].pk).update(created=timezone.now() - max_token_age - timedelta(days=1))
    return {label: token.key for label, token in tokens.items()}


def _back_dated_drf_token(user, max_token_age: timedelta) -> None:
    """A DRF token for ``user`` issued past the policy by a day, written nowhere: only a login
    after expiry (remote DRFC-901) meets it."""
    model = _token_model()
    token = model.objects.create(user=user)
    model.objects.filter(pk=token.pk).update(created=timezone.now() - max_token_age - timedelta(days=1))


def _oauth2(users: dict) -> tuple[dict[str, str], dict[str, str]]:
    from oauth2_provider import models as dot_models
    from oauth2_provider.settings import oauth2_settings

    application_model = dot_models.get_application_model()
    access_token_model = dot_models.get_access_token_model()
    client_secret = secrets.token_urlsafe(32)
    application = application_model.objects.create(
        name=MARKER, client_type=application_model.CLIENT_CONFIDENTIAL,
        authorization_grant_type=application_model.GRANT_PASSWORD,
        client_secret=client_secret,  # DOT hashes it on save: the plain value is kept only here
    )
    scope = " ".join(getattr(oauth2_settings, "_DEFAULT_SCOPES", None) or ["read", "write"])
    lifetime = timedelta(seconds=oauth2_settings.ACCESS_TOKEN_EXPIRE_SECONDS)
    now = timezone.now()
    expires = {"active": now + lifetime, "inactive": now + lifetime, "expired": now - timedelta(minutes=1)}
    owners = {"active": users["active"], "inactive": users["inactive"], "expired": users["active"]}
    bearer = {}
    for state in USER_LABELS:
        raw = secrets.token_urlsafe(30)
        token = access_token_model(user=owners[state], application=application, expires=expires[state], scope=scope)
        setter = getattr(dot_models, "set_token_value", None)
        if setter is not None:  # DOT 3.4+: honours hashed-at-rest storage (RFC 9700)
            setter(token, raw)
        else:
            token.token = raw
        token.save()
        bearer[state] = raw
    return {"client_id": application.client_id, "client_secret": client_secret}, bearer, application.pk


def _simplejwt_in_use() -> bool:
    if apps.is_installed("rest_framework_simplejwt"):
        return True
    auth_classes = getattr(settings, "REST_FRAMEWORK", {}).get("DEFAULT_AUTHENTICATION_CLASSES", ())
    if any("rest_framework_simplejwt" in str(name) for name in auth_classes):
        return True
    # A subclass from another library (dj-rest-auth's JWTCookieAuthentication) issues simplejwt's tokens too.
    from django.utils.module_loading import import_string

    for name in auth_classes:
        try:
            cls = import_string(name) if isinstance(name, str) else name
        except ImportError:
            continue
        if any(f"{base.__module__}.{base.__qualname__}" == "rest_framework_simplejwt.authentication.JWTAuthentication"
               for base in getattr(cls, "__mro__", ())):
            return True
    # Or only some views' own authentication_classes: discovery reads their schemes (issue 12).
    from conformance.discovery import discover

    return any(scheme.kind == "jwt" for endpoint in discover() for scheme in endpoint.schemes)


def _jwt(users: dict) -> dict[str, str]:
    from rest_framework_simplejwt.tokens import AccessToken

    tokens = {}
    for state, owner in (("active", users["active"]), ("inactive", users["inactive"]), ("expired", users["active"])):
        token = AccessToken.for_user(owner)
        if state == "expired":
            issued = timezone.now() - 2 * token.lifetime
            token.set_iat(at_time=issued)
            token.set_exp(from_time=issued, lifetime=token.lifetime)
        tokens[state] = str(token)
    return tokens


def _knox(users: dict) -> dict[str, str]:
    from knox.models import get_token_model

    model = get_token_model()
    return {
        "active": model.objects.create(users["active"])[1],
        "inactive": model.objects.create(users["inactive"])[1],
        "expired": model.objects.create(users["active"], expiry=timedelta(seconds=-60))[1],
    }


def session_auth_offered() -> bool:
    """Some DRF view accepts session cookies: only then are ``session.*`` roles of any use
    (issue 13: on a token-only API they only produced errors)."""
    if not sessions.in_use():
        return False
    from conformance.auth.schemes import SESSION
    from conformance.discovery import discover

    return any(SESSION in endpoint.schemes for endpoint in discover())


def provision(max_token_age: timedelta, ledger: Path, factory: str | None = None) -> dict[str, Any]:
    """Make everything anew and return the credentials file's content (contract section 4).

    The objects of the previous run recorded in ``ledger`` are removed first; this run's are
    recorded there before the credentials are returned.
    """
    from django.db import DatabaseError

    from conformance.contrib.django.users import login_name

    with _locked(ledger):
        _cleanup(ledger)
        passwords = {label: secrets.token_urlsafe(18) for label in (*USER_LABELS, *OWN_USERS)}
        credentials: dict[str, Any] = {}
        try:
            with transaction.atomic():
                users = {label: _user(label, passwords[label], factory) for label in (*USER_LABELS, *OWN_USERS)}
                credentials["password"] = {"username": login_name(users["active"]), "password": passwords["active"]}
                credentials["inactive_password"] = {"username": login_name(users["inactive"]),
                                                    "password": passwords["inactive"]}
                # The owner of a back-dated DRF token: a login as it must issue a new key (remote DRFC-901).
                credentials["expired_password"] = {"username": login_name(users[RELOGIN_LABEL]),
                                                   "password": passwords[RELOGIN_LABEL]}
                credentials["login_password"] = {"username": login_name(users[LOGIN_LABEL]),
                                                 "password": passwords[LOGIN_LABEL]}
                if apps.is_installed("rest_framework.authtoken"):
                    credentials["token"] = _drf_tokens(users, max_token_age)
                    _back_dated_drf_token(users[RELOGIN_LABEL], max_token_age)
                application_pks = []
                if apps.is_installed("oauth2_provider"):
                    credentials["oauth2_client"], credentials["bearer"], application_pk = _oauth2(users)
                    application_pks.append(application_pk)
                if _simplejwt_in_use():
                    credentials["jwt"] = _jwt(users)
                if apps.is_installed("knox"):
                    credentials["knox"] = _knox(users)
                if session_auth_offered():
                    # The inactive user's session too is opened while it is active (deactivated below).
                    credentials["session"] = {"active": sessions.session_for(users["active"]),
                                              "inactive": sessions.session_for(users["inactive"]),
                                              "expired": sessions.expired_session_for(users["active"], max_token_age)}
                inactive = users["inactive"]
                inactive.is_active = False
                inactive.save(update_fields=["is_active"])
                # Inside the transaction: objects nobody recorded are never committed.
                _write_ledger(ledger, {
                    "made_by": "manage.py conformance_provision",
                    "made_at": timezone.now(),
                    "user_model": get_user_model()._meta.label,
                    "users": [{"pk": user.pk, "name": login_name(user)} for user in users.values()],
                    "oauth2_applications": application_pks,
                })
        except DatabaseError as exc:
            from conformance.contrib.django.users import HINT, _one_line

            ledger.unlink(missing_ok=True)  # rolled back (a deferred constraint at commit): nothing made
            raise ProvisioningRefused(f"the database refused a provisioned object ({_one_line(exc)}): {HINT}") from None
    return credentials
