"""The in-process target: the project's settings, test database, server threads and ORM.

Endpoints are discovered when the run is configured (before collection, so scenarios can be
parametrized over them); the database, the servers and the credentials come up once per session,
when the first check needs them.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from conformance.auth.credentials import Credential, CredentialStore
from conformance.discovery import detect_auth_endpoints, discover
from conformance.evidence import Redactor
from conformance.expectations import Expectations
from conformance.http import ConformanceClient
from conformance.auth.schemes import Scheme
from conformance.exchange_deadline import DEFAULT_EXCHANGE_DEADLINE_S
from conformance.targets.base import AuthEndpoints, Target, TargetError

LOOPBACK = "127.0.0.1"
FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"


class InProcessTarget(Target):
    mode = "in-process"

    def __init__(self, settings_module: str, expectations: Expectations, redactor: Redactor,
                 exchange_deadline: float = DEFAULT_EXCHANGE_DEADLINE_S):
        self.settings_module = settings_module
        # --exchange-deadline holds in-process too: the project's own view may stall (issue 11).
        self.exchange_deadline = exchange_deadline
        self.expectations = expectations
        self.redactor = redactor
        self.notes: list[str] = []  # the run's warnings: views discovery had to leave out
        self.endpoints = discover(problems=self.notes)
        self.auth_endpoints = AuthEndpoints()
        self.auth_endpoints.resolve(expectations, detect_auth_endpoints())
        self.credentials = CredentialStore(hint="the in-process provisioning could not make it")
        self.notes = self._setting_notes()
        self._threads = []
        self._provisioner = None
        self.phase_times: dict[str, float] = {}  # seconds of start(): "servers", "provisioning"
        self._server_error_path: str | None = None

    def start(self) -> None:
        from django.conf import settings

        from conformance.inprocess import server
        from conformance.inprocess.provision import Provisioner, ProvisioningError
        from conformance.inprocess.tls import make_loopback_tls

        # Loopback must be an allowed host, as LiveServerTestCase arranges for its own server.
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, LOOPBACK, "localhost"]
        # A fast hasher first, as Django's testing docs advise: provisioning hashes a password per
        # user and DOT hashes client secrets, at ~0.5 s each with PBKDF2. Hashes made by the
        # project's own hashers still verify; no check depends on the hashing algorithm.
        settings.PASSWORD_HASHERS = [FAST_HASHER, *settings.PASSWORD_HASHERS]
        started = time.monotonic()
        from conformance.run import scratch

        self._tmp = tempfile.TemporaryDirectory(prefix="drf-conformance-", dir=scratch.directory())
        tls = make_loopback_tls(Path(self._tmp.name))
        override = server.shared_connections()
        try:
            https = server.start(LOOPBACK, tls.server_context, override)
            self._threads.append(https)
            http = server.start(LOOPBACK, None, override)
            self._threads.append(http)
        except server.ServerStartError as exc:
            raise TargetError(str(exc)) from exc
        self.base_url = f"https://{LOOPBACK}:{https.port}"
        self.http_url = f"http://{LOOPBACK}:{http.port}"
        self.client = ConformanceClient(self.base_url, verify=str(tls.ca_bundle), redactor=self.redactor,
                                        plain_http_url=self.http_url,  # the egress gate allows both
                                        exchange_deadline=self.exchange_deadline)
        servers_up = time.monotonic()
        self.phase_times["servers"] = round(servers_up - started, 3)
        self._load_fixtures()
        self._provisioner = Provisioner(
            self.client, self.redactor, self.schemes(), self.auth_endpoints.paths["OAUTH2_TOKEN_PATH"],
            user_factory=self.expectations.USER_FACTORY,
        )
        try:
            self._provisioner.provision(self.credentials)
        except ProvisioningError as exc:
            raise TargetError(f"provisioning failed: {exc}") from exc
        self.phase_times["provisioning"] = round(time.monotonic() - servers_up, 3)

    def _setting_notes(self) -> list[str]:
        """What the project's settings change about the audit, said once in the reports' warnings."""
        from django.conf import settings

        notes = []
        if getattr(settings, "CSRF_USE_SESSIONS", False):
            notes.append("CSRF_USE_SESSIONS is on: the CSRF secret lives in the session, not in a cookie; the suite "
                         "stores it in its own sessions here, but a remote audit's minted CSRF cookie is ignored, so "
                         "declare SESSION_LOGIN_PATH there (the csrf checks then log in through the form)")
        return notes

    def view_schemes(self, path: str) -> tuple[Scheme, ...]:
        """A plain Django view (no DRF authentication classes) knows only the session cookie."""
        from django.urls import Resolver404, resolve

        from conformance.auth.schemes import SESSION
        from conformance.contrib.django import sessions

        try:
            callback = resolve(path).func
        except Resolver404:
            return ()
        if getattr(callback, "cls", None) is not None:  # a DRF view: discovery knows its schemes
            return ()
        return (SESSION,) if sessions.in_use() else ()

    def restore_data(self) -> None:
        self._load_fixtures()

    def _load_fixtures(self) -> None:
        fixtures = self.expectations.values.get("FIXTURES") or []
        if fixtures:
            from django.core.management import call_command

            call_command("loaddata", *fixtures, verbosity=0)

    def disposable(self, scheme: Scheme) -> Credential | None:
        return self._provisioner.disposable(scheme) if self._provisioner else None

    def deactivated(self, scheme: Scheme) -> Credential | None:
        return self._provisioner.deactivated(scheme) if self._provisioner else None

    def issued(self, scheme: Scheme) -> Credential | None:
        return self._provisioner.issued(scheme) if self._provisioner else None

    def clock(self):
        from conformance.inprocess.clock import FrozenClock

        return FrozenClock()

    def token_lifetime(self, scheme: Scheme):
        from conformance.inprocess.lifetimes import known_lifetime

        return known_lifetime(scheme.kind) or super().token_lifetime(scheme)

    # The suite's own loopback servers and test database: nothing real can be harmed here.
    def unsafe_methods_allowed(self) -> bool:
        return True

    def real_credentials_over_plain_http(self) -> bool:
        return True  # loopback only: the plain-HTTP server listens on 127.0.0.1

    def server_error_path(self) -> str | None:
        if self._server_error_path is None:
            from conformance.inprocess import crash

            self._server_error_path = crash.install()
        return self._server_error_path

    def stop(self) -> None:
        for thread in reversed(self._threads):
            thread.terminate()
        self._threads.clear()
        if getattr(self, "client", None):
            self.client.close()
        if getattr(self, "_tmp", None) is not None:  # the CA's files: gone even after SIGTERM
            self._tmp.cleanup()
            self._tmp = None
