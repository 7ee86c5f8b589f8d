"""``manage.py conformance_provision --output creds.json`` (and ``--cleanup``).

Writes the credentials file a remote audit reads (contract section 4), made through this
deployment's ORM by ``conformance.contrib.django.provisioning``. The file holds live secrets: it
is written readable by its owner only, and nothing secret is printed. What it made is recorded in
a ledger beside it (``creds.json.ledger``): ``--cleanup --output creds.json`` removes exactly that.
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from conformance.contrib.django import provisioning
from conformance.expectations import ConfigurationError, parse_duration, resolve


class Command(BaseCommand):
    help = ("Make drf-conformance's test users and credentials (active, inactive, expired) and write "
            "them to a credentials file; --cleanup removes exactly what it made.")

    def add_arguments(self, parser):
        parser.add_argument("--output", metavar="FILE", help="where to write the credentials file (JSON); - for standard output")
        parser.add_argument("--cleanup", action="store_true",
                            help="remove the users, clients and sessions recorded by the run that wrote --output "
                                 "(or --ledger), and nothing else")
        parser.add_argument("--ledger", metavar="FILE",
                            help="where the record of what was made goes (default: the --output file's name plus "
                                 f"{provisioning.LEDGER_SUFFIX!r}, or {provisioning.DEFAULT_LEDGER!r} for --output -)")
        parser.add_argument("--config", metavar="FILE", help="the --config TOML of the audit (for MAX_TOKEN_AGE)")
        parser.add_argument("--max-token-age", metavar="DURATION",
                            help="back-date the expired token past this age, like '30d' (default: the expectations')")

    def handle(self, *args, **options):
        ledger = Path(options["ledger"]) if options["ledger"] else provisioning.ledger_for(options["output"])
        if options["cleanup"]:
            if not ledger.exists():
                self.stdout.write(f"nothing to remove: no ledger at {ledger} (give the --output of the "
                                  "provisioning run, or --ledger)")
                return
            try:
                removed = provisioning.cleanup(ledger)
            except provisioning.ProvisioningRefused as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(f"removed {removed['users']} users, {removed['oauth2_applications']} "
                              f"OAuth2 applications and {removed['sessions']} of their sessions recorded in {ledger}")
            return
        if not options["output"]:
            raise CommandError("give --output FILE for the credentials, or --cleanup to remove them")
        try:
            expectations = resolve(getattr(settings, "CONFORMANCE", None), options["config"])
            if options["max_token_age"]:
                max_token_age = parse_duration(options["max_token_age"], "--max-token-age")
            else:
                max_token_age = expectations.MAX_TOKEN_AGE
            credentials = provisioning.provision(max_token_age, ledger, expectations.USER_FACTORY)
        except (ConfigurationError, provisioning.ProvisioningRefused) as exc:
            raise CommandError(str(exc)) from None
        self._cookie_name_hints(credentials)
        path = options["output"]
        roles = ", ".join(sorted(f"{group}.{key}" for group, values in credentials.items() for key in values))
        if path == "-":  # for a pipeline that captures it straight into its secret handling
            self.stdout.write(json.dumps(credentials, indent=2, default=_json_safe))
            self.stderr.write(f"wrote the credentials to standard output: {roles}")
            return
        # Owner-only from the first byte: the file is never briefly readable by others.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(credentials, handle, indent=2, default=_json_safe)
            handle.write("\n")
        self.stdout.write(f"wrote {path}: {roles}; what was made is recorded in {ledger}")

    def _cookie_name_hints(self, credentials: dict) -> None:
        if "session" in credentials and getattr(settings, "CSRF_USE_SESSIONS", False):
            self.stderr.write("note: CSRF_USE_SESSIONS is on: the CSRF secret lives in the session, not in a cookie, "
                              "so the session roles' minted CSRF cookie is not checked against anything; declare "
                              "SESSION_LOGIN_PATH in the audit's --config so its CSRF checks log in through the form")
        """The session roles go in cookies whose names a black box cannot see: say when the audit's
        --config must name them (docs/remote-mode.md)."""
        if "session" not in credentials:
            return
        for key, default in (("SESSION_COOKIE_NAME", "sessionid"), ("CSRF_COOKIE_NAME", "csrftoken")):
            name = getattr(settings, key)
            if name != default:
                self.stderr.write(f"note: this deployment's {key} is {name!r}: put {key} = {name!r} in the "
                                  "audit's --config so the session roles are sent in that cookie")


def _json_safe(value):
    """Dates and durations a library put in a credential (an expiry, Django 3.2's knox): as text."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return int(value.total_seconds())
    return str(value)
