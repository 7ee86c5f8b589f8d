"""``manage.py conformance_provision --output creds.json`` (and ``--cleanup``).

Writes the credentials file a remote audit reads (contract section 4), made through this
deployment's ORM by ``conformance.contrib.django.provisioning``. The file holds live secrets: it
is written readable by its owner only, and nothing secret is printed.
"""

from __future__ import annotations

import json
import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from conformance.contrib.django import provisioning
from conformance.expectations import ConfigurationError, parse_duration, resolve


class Command(BaseCommand):
    help = ("Make drf-conformance's test users and credentials (active, inactive, expired) and write "
            "them to a credentials file; --cleanup removes exactly what it made.")

    def add_arguments(self, parser):
        parser.add_argument("--output", metavar="FILE", help="where to write the credentials file (JSON); - for standard output")
        parser.add_argument("--cleanup", action="store_true", help="remove every user and client this command made")
        parser.add_argument("--config", metavar="FILE", help="the --config TOML of the audit (for MAX_TOKEN_AGE)")
        parser.add_argument("--max-token-age", metavar="DURATION",
                            help="back-date the expired token past this age, like '30d' (default: the expectations')")

    def handle(self, *args, **options):
        if options["cleanup"]:
            removed = provisioning.cleanup()
            self.stdout.write(f"removed {removed['users']} users, {removed['oauth2_applications']} "
                              f"OAuth2 applications marked {provisioning.MARKER!r} and {removed['sessions']} "
                              "of their sessions")
            return
        if not options["output"]:
            raise CommandError("give --output FILE for the credentials, or --cleanup to remove them")
        try:
            if options["max_token_age"]:
                max_token_age = parse_duration(options["max_token_age"], "--max-token-age")
            else:
                max_token_age = resolve(getattr(settings, "CONFORMANCE", None), options["config"]).MAX_TOKEN_AGE
        except ConfigurationError as exc:
            raise CommandError(str(exc)) from None
        credentials = provisioning.provision(max_token_age)
        self._cookie_name_hints(credentials)
        path = options["output"]
        roles = ", ".join(sorted(f"{group}.{key}" for group, values in credentials.items() for key in values))
        if path == "-":  # for a pipeline that captures it straight into its secret handling
            self.stdout.write(json.dumps(credentials, indent=2))
            self.stderr.write(f"wrote the credentials to standard output: {roles}")
            return
        # Owner-only from the first byte: the file is never briefly readable by others.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(credentials, handle, indent=2)
            handle.write("\n")
        self.stdout.write(f"wrote {path}: {roles}")

    def _cookie_name_hints(self, credentials: dict) -> None:
        """The session roles go in cookies whose names a black box cannot see: say when the audit's
        --config must name them (docs/remote-mode.md)."""
        if "session" not in credentials:
            return
        for key, default in (("SESSION_COOKIE_NAME", "sessionid"), ("CSRF_COOKIE_NAME", "csrftoken")):
            name = getattr(settings, key)
            if name != default:
                self.stderr.write(f"note: this deployment's {key} is {name!r}: put {key} = {name!r} in the "
                                  "audit's --config so the session roles are sent in that cookie")
