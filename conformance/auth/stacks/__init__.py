"""One adapter per auth stack a DRF project really uses: detect it, log in, provision, read settings.

Each module here knows one library (``simplejwt``, ``oauth2`` for django-oauth-toolkit,
``dj_rest_auth``, ``knox``, ``djoser``) and answers what the families need of it: is it installed
and used by the audited project, which of its views are routed, how it issues and verifies its
credentials, which of its settings say how. A family whose library the audited project does not
use is not applicable: one skip per check, saying so (``Stack.unused_reason``), never an error and
never a skip per endpoint.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass


@dataclass(frozen=True)
class Stack:
    name: str  # what reports call it
    distribution: str  # the PyPI name to install
    module: str  # the import name
    auth_class: str  # the DRF authentication class that marks a project as using it

    def installed(self) -> bool:
        try:
            return importlib.util.find_spec(self.module) is not None
        except (ImportError, ValueError):
            return False

    def unused_reason(self) -> str:
        """Why a family of this stack does not apply (the one skip of each check)."""
        if not self.installed():
            return f"{self.distribution} is not installed: {self.name} checks do not apply"
        return (f"{self.name} is not used here: no endpoint authenticates with {self.auth_class}, "
                f"so {self.name} checks do not apply")


SIMPLEJWT = Stack("simplejwt", "djangorestframework-simplejwt", "rest_framework_simplejwt",
                  "rest_framework_simplejwt.authentication.JWTAuthentication")
DOT = Stack("django-oauth-toolkit", "django-oauth-toolkit", "oauth2_provider",
            "oauth2_provider.contrib.rest_framework.OAuth2Authentication")
