"""Users and credentials for a remote audit, made through the deployment's own ORM.

What ``manage.py conformance_provision`` makes, for every kind the deployment has installed:

* an active user, an inactive user and an "expired" user (active, owning the back-dated DRF token,
  since DRF allows one token per user), each with a random password;
* DRF tokens (``token.active``, ``token.inactive``, ``token.expired``, back-dated past
  ``MAX_TOKEN_AGE`` plus a day: no waiting);
* with django-oauth-toolkit: a confidential password-grant client (``oauth2_client``) and access
  tokens (``bearer.*``; the expired one expired a minute ago by DOT's own clock);
* with djangorestframework-simplejwt (``jwt.*``) and django-rest-knox (``knox.*``) the same three;
* with a session middleware: session cookies (``session.*``) made through the deployment's
  session engine (``conformance.contrib.django.sessions``); the expired one issued past
  ``MAX_TOKEN_AGE`` plus a day.

The inactive user's credentials are issued while it is active and the user is deactivated
afterwards, as happens to a real account. Everything made carries the marker ``MARKER`` in its
username or application name; ``cleanup()`` deletes exactly what carries it (users cascade to
their tokens; sessions are found by their key prefix), and ``provision()`` cleans up first, so
running it twice leaves one set.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone

from conformance.contrib.django import sessions

MARKER = "drf-conformance-provisioned"
USER_LABELS = ("active", "inactive", "expired")


def username_for(label: str) -> str:
    model = get_user_model()
    name = f"{MARKER}-{label}"
    field = model._meta.get_field(model.USERNAME_FIELD)
    return f"{name}@conformance.invalid" if isinstance(field, models.EmailField) else name


def _made_users():
    model = get_user_model()
    return model.objects.filter(**{f"{model.USERNAME_FIELD}__startswith": MARKER})


def cleanup() -> dict[str, int]:
    """Delete what ``provision`` made, and nothing else; counts by kind."""
    removed = {"users": 0, "oauth2_applications": 0, "sessions": 0}
    with transaction.atomic():
        if sessions.in_use():
            removed["sessions"] = sessions.cleanup()
        if apps.is_installed("oauth2_provider"):
            from oauth2_provider.models import get_application_model

            made_applications = get_application_model().objects.filter(name=MARKER)
            removed["oauth2_applications"] = made_applications.count()
            made_applications.delete()  # cascades to the tokens issued through it
        removed["users"] = _made_users().count()
        _made_users().delete()  # cascades to every token of theirs
    return removed


def _user(label: str, password: str):
    model = get_user_model()
    fields: dict[str, Any] = {model.USERNAME_FIELD: username_for(label)}
    email_field = getattr(model, "EMAIL_FIELD", None)
    if email_field and email_field != model.USERNAME_FIELD and email_field in {f.name for f in model._meta.fields}:
        fields[email_field] = f"{MARKER}-{label}@conformance.invalid"
    return model.objects.create_user(password=password, **fields)


def _token_model():
    from conformance.inprocess.provision import _token_model as project_token_model

    return project_token_model()


def _drf_tokens(users: dict, max_token_age: timedelta) -> dict[str, str]:
    model = _token_model()
    tokens = {label: model.objects.create(user=users[label]) for label in USER_LABELS}
    # DRF's Token.created is auto_now_add: back-date it with an update, past the policy by a day.
    model.objects.filter(pk=tokens["expired"].pk).update(created=timezone.now() - max_token_age - timedelta(days=1))
    return {label: token.key for label, token in tokens.items()}


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
    return {"client_id": application.client_id, "client_secret": client_secret}, bearer


def _simplejwt_in_use() -> bool:
    if apps.is_installed("rest_framework_simplejwt"):
        return True
    auth_classes = getattr(settings, "REST_FRAMEWORK", {}).get("DEFAULT_AUTHENTICATION_CLASSES", ())
    return any("rest_framework_simplejwt" in str(name) for name in auth_classes)


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


def provision(max_token_age: timedelta) -> dict[str, Any]:
    """Make everything anew and return the credentials file's content (contract section 4)."""
    cleanup()
    passwords = {label: secrets.token_urlsafe(18) for label in USER_LABELS}
    credentials: dict[str, Any] = {}
    with transaction.atomic():
        users = {label: _user(label, passwords[label]) for label in USER_LABELS}
        credentials["password"] = {"username": username_for("active"), "password": passwords["active"]}
        credentials["inactive_password"] = {"username": username_for("inactive"), "password": passwords["inactive"]}
        if apps.is_installed("rest_framework.authtoken"):
            credentials["token"] = _drf_tokens(users, max_token_age)
        if apps.is_installed("oauth2_provider"):
            credentials["oauth2_client"], credentials["bearer"] = _oauth2(users)
        if _simplejwt_in_use():
            credentials["jwt"] = _jwt(users)
        if apps.is_installed("knox"):
            credentials["knox"] = _knox(users)
        if sessions.in_use():
            # The inactive user's session too is opened while it is active (deactivated below).
            credentials["session"] = {"active": sessions.session_for(users["active"]),
                                      "inactive": sessions.session_for(users["inactive"]),
                                      "expired": sessions.expired_session_for(users["active"], max_token_age)}
        inactive = users["inactive"]
        inactive.is_active = False
        inactive.save(update_fields=["is_active"])
    return credentials
