"""A route whose view raises on purpose, installed in the audited project's URLconf (in-process).

A black box can only hope a hostile input makes the application raise; in-process the suite can
make it raise for certain, and so see what the deployment answers to an unhandled exception: the
project's ``handler500`` when ``DEBUG`` is off, Django's technical 500 page (traceback, settings)
when it is on (CWE-209, CWE-215). The route is added after endpoint discovery, so it is never an
audited endpoint, and its path carries a random part no real route can shadow.
"""

from __future__ import annotations

import secrets


class DeliberateError(RuntimeError):
    """Raised by the deliberate-error view; its message names the suite, never a secret."""


def _raise(request, *args, **kwargs):
    raise DeliberateError("drf-conformance: deliberate error to see how the deployment answers a crash")


def install() -> str:
    """Add the raising route to ``settings.ROOT_URLCONF`` and return its path."""
    import importlib

    from django.conf import settings
    from django.urls import clear_url_caches, path

    route = f"drf-conformance-deliberate-error-{secrets.token_hex(4)}/"
    module = settings.ROOT_URLCONF
    module = importlib.import_module(module) if isinstance(module, str) else module
    module.urlpatterns = [*module.urlpatterns, path(route, _raise)]
    clear_url_caches()
    return "/" + route
