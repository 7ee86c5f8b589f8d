"""Provisioning through the deployment's own ORM (in-process mode).

Users are created with the project's user model; DRF tokens with the model the project's token
class uses; sessions with Django's test client ``force_login`` (the same session store the
deployment reads); OAuth2 bearer tokens are obtained from the deployment's own token endpoint, so
the server, not the suite, decides their lifetime; simplejwt and knox tokens are issued by their
libraries' own code (``AccessToken.for_user``, knox's ``AuthToken.objects.create``), so their
settings decide theirs. Every secret is registered with the redactor
before anything is sent.
"""

from __future__ import annotations

import itertools
import secrets
from dataclasses import dataclass

from conformance.auth.credentials import Credential, CredentialStore
from conformance.evidence import Redactor
from conformance.auth.schemes import BASIC, BEARER, SESSION, Scheme

_serial = itertools.count(1)


class ProvisioningError(Exception):
    pass


@dataclass
class ProvisionedUser:
    user: object
    username: str
    password: str


class Provisioner:
    """Makes users and credentials of every kind the deployment accepts."""

    def __init__(self, client, redactor: Redactor, schemes: list[Scheme], oauth2_token_path: str | None,
                 user_factory: str | None = None):
        self.client = client
        self.user_factory = user_factory  # CONFORMANCE["USER_FACTORY"]
        self.redactor = redactor
        self.schemes = schemes
        self.kinds = {s.kind for s in schemes}
        self.oauth2_token_path = oauth2_token_path
        self._oauth2_app: tuple[str, str] | None = None

    # Users -----------------------------------------------------------------------------------
    def user(self, label: str) -> ProvisionedUser:
        """A new user made the way ``manage.py conformance_provision`` makes them (one code path:
        the model's own manager and fields, or the project's USER_FACTORY)."""
        from conformance.contrib.django.users import UserFactoryError, login_name, make_user

        password = secrets.token_urlsafe(18)
        self.redactor.add(password, f"password of {label}", role="password.password")
        try:
            user = make_user(f"{label}-{next(_serial)}", password, factory=self.user_factory)
        except UserFactoryError as exc:
            raise ProvisioningError(str(exc)) from None
        return ProvisionedUser(user, login_name(user), password)

    @staticmethod
    def deactivate(provisioned: ProvisionedUser) -> None:
        provisioned.user.is_active = False
        provisioned.user.save(update_fields=["is_active"])

    # Credentials of each kind ---------------------------------------------------------------
    def drf_token(self, provisioned: ProvisionedUser, role: str, scheme: Scheme) -> Credential:
        model = _token_model()
        token, _ = model.objects.get_or_create(user=provisioned.user)
        self.redactor.add(token.key, role, role=role)
        return Credential(role, scheme, token.key, provisioned.username)

    def session(self, provisioned: ProvisionedUser, role: str) -> Credential:
        from django.conf import settings
        from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
        from django.test import Client

        django_client = Client()
        django_client.force_login(provisioned.user)
        session_id = django_client.cookies[settings.SESSION_COOKIE_NAME].value
        # Django accepts a masked token whose secret matches the CSRF cookie (CsrfViewMiddleware).
        csrf_secret = _get_new_csrf_string()
        csrf_token = _mask_cipher_secret(csrf_secret)
        if getattr(settings, "CSRF_USE_SESSIONS", False):
            # The secret is read from the session then, not from the CSRF cookie (CsrfViewMiddleware).
            from importlib import import_module

            from django.middleware.csrf import CSRF_SESSION_KEY

            store = import_module(settings.SESSION_ENGINE).SessionStore(session_id)
            store[CSRF_SESSION_KEY] = csrf_secret
            store.save()
            session_id = store.session_key  # a signed-cookie session's key is its content
        for value, label in ((session_id, role), (csrf_secret, "CSRF cookie"), (csrf_token, "CSRF token")):
            self.redactor.add(value, label, role=role if value == session_id else None)
        cookies = {settings.SESSION_COOKIE_NAME: session_id, settings.CSRF_COOKIE_NAME: csrf_secret}
        return Credential(role, SESSION, username=provisioned.username, cookies=cookies, csrf_token=csrf_token)

    def basic(self, provisioned: ProvisionedUser, role: str) -> Credential:
        credential = Credential(role, BASIC, provisioned.password, provisioned.username)
        self.redactor.add(credential.basic_value(), role)
        return credential

    def oauth2_client(self) -> tuple[str, str]:
        if self._oauth2_app is None:
            from oauth2_provider.models import get_application_model

            application_model = get_application_model()
            client_secret = secrets.token_urlsafe(32)
            application = application_model.objects.create(
                name="drf-conformance",
                client_type=application_model.CLIENT_CONFIDENTIAL,
                authorization_grant_type=application_model.GRANT_PASSWORD,
                client_secret=client_secret,  # DOT hashes it on save: keep the plain value here
            )
            self.redactor.add(application.client_id, "oauth2 client_id", role="oauth2_client.client_id")
            self.redactor.add(client_secret, "oauth2 client_secret", role="oauth2_client.client_secret")
            self._oauth2_app = (application.client_id, client_secret)
        return self._oauth2_app

    def bearer(self, provisioned: ProvisionedUser, role: str) -> Credential:
        """A bearer token from the deployment's own token endpoint (password grant)."""
        if not self.oauth2_token_path:
            raise ProvisioningError("no OAuth2 token endpoint: set CONFORMANCE['OAUTH2_TOKEN_PATH']")
        client_id, client_secret = self.oauth2_client()
        answer = self.client.request(
            "POST", self.oauth2_token_path, role="provisioning",
            data={"grant_type": "password", "username": provisioned.username,
                  "password": provisioned.password, "client_id": client_id,
                  "client_secret": client_secret},
        )
        try:
            access_token = answer.json()["access_token"]
        except (ValueError, KeyError, TypeError):
            raise ProvisioningError(
                f"POST {self.oauth2_token_path} did not issue a bearer token "
                f"(HTTP {answer.status}); check the OAuth2 application settings"
            ) from None
        self.redactor.add(access_token, role, role=role)
        self.client.take_exchanges()
        return Credential(role, BEARER, access_token, provisioned.username)

    def jwt(self, provisioned: ProvisionedUser, role: str, scheme: Scheme) -> Credential:
        """A simplejwt access token, issued by simplejwt's own code (its lifetime, its claims)."""
        from rest_framework_simplejwt.tokens import AccessToken

        token = str(AccessToken.for_user(provisioned.user))
        self.redactor.add(token, role, role=role)
        return Credential(role, scheme, token, provisioned.username)

    def knox(self, provisioned: ProvisionedUser, role: str, scheme: Scheme) -> Credential:
        """A knox token, issued by knox's own manager (its REST_KNOX['TOKEN_TTL'])."""
        from knox.models import get_token_model

        _instance, token = get_token_model().objects.create(user=provisioned.user)
        self.redactor.add(token, role, role=role)
        return Credential(role, scheme, token, provisioned.username)

    def allauth_session_token(self, provisioned: ProvisionedUser, role: str, scheme: Scheme) -> Credential:
        """An allauth headless session token: its SessionTokenStrategy hands out the key of a Django
        session holding the login, so a logged-in session's key is exactly what its login issues."""
        session = self.session(provisioned, role)
        from django.conf import settings

        return Credential(role, scheme, session.cookies[settings.SESSION_COOKIE_NAME], provisioned.username)

    # Everything at once ----------------------------------------------------------------------
    def provision(self, store: CredentialStore) -> None:
        """Active and inactive users with a credential of every kind the deployment accepts.

        The inactive user's credentials are issued while it is active, then it is deactivated,
        as happens to a real account: that is the case DOT does not handle by itself.
        """
        active = self.user("active")
        inactive = self.user("inactive")
        for provisioned, role in ((active, "password"), (inactive, "inactive_password")):
            store.add(self.basic(provisioned, role))
        for scheme in self.schemes:
            if scheme.kind == "basic":  # the password roles above are its credentials
                continue
            for provisioned, state in ((active, "active"), (inactive, "inactive")):
                credential = self.credential(scheme, provisioned, state)
                if credential is not None:
                    store.add(credential)
        if self._oauth2_app:
            client_id, client_secret = self._oauth2_app
            store.add(Credential("oauth2_client", Scheme("oauth2-client", None, None), client_secret, client_id))
        self.deactivate(inactive)

    def credential(self, scheme: Scheme, provisioned: ProvisionedUser, state: str) -> Credential | None:
        """A credential of ``scheme`` for a user, or None for a scheme the suite cannot mint."""
        if scheme.kind == "token":
            return self.drf_token(provisioned, f"token.{state}", scheme)
        if scheme.kind == "bearer":
            return self.bearer(provisioned, f"bearer.{state}")
        if scheme.kind == "session":
            return self.session(provisioned, f"session.{state}")
        if scheme.kind == "basic":
            return self.basic(provisioned, f"basic.{state}")
        if scheme.kind in ("jwt", "knox"):
            return getattr(self, scheme.kind)(provisioned, f"{scheme.kind}.{state}", scheme)
        if scheme.kind == "allauth":
            return self.allauth_session_token(provisioned, f"allauth.{state}", scheme)
        return None

    def disposable(self, scheme: Scheme) -> Credential | None:
        """A fresh credential of a fresh user, for probes that consume it (logout, deactivation)."""
        return self.credential(scheme, self.user("disposable"), "disposable")

    def issued(self, scheme: Scheme) -> Credential | None:
        """A fresh user's credential issued now by the token library's own code (a DRF token row,
        JWT, knox), for kinds without a login endpoint the suite knows; None for the others."""
        if scheme.kind not in ("token", "jwt", "knox"):
            return None
        return self.credential(scheme, self.user("issued"), "expired")

    def deactivated(self, scheme: Scheme) -> Credential | None:
        """A credential issued to a fresh user while active, after which the user is deactivated.

        For probes that could consume the inactive user's credential (the logout endpoint): a
        flawed deployment that accepts it there would revoke the shared ``<scheme>.inactive`` one.
        """
        provisioned = self.user("deactivated")
        credential = self.credential(scheme, provisioned, "inactive")
        self.deactivate(provisioned)
        return credential


def _token_model():
    """The token model of the project's TokenAuthentication class, else DRF's authtoken model."""
    from rest_framework.authentication import TokenAuthentication
    from rest_framework.settings import api_settings

    for auth_class in api_settings.DEFAULT_AUTHENTICATION_CLASSES:
        if issubclass(auth_class, TokenAuthentication):
            return auth_class().get_model()
    from rest_framework.authtoken.models import Token

    return Token
