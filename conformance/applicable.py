"""Whether a kind of login applies to the target at all (issue 12: skip noise).

A project without django-oauth-toolkit has no OAuth2 token endpoint to declare: its OAuth2 checks
are not applicable, said once per check ("not installed"), not a to-do per case asking to set
OAUTH2_TOKEN_PATH. Only in-process can the suite see what is installed; remotely, and wherever
the endpoint is declared or detected, the check applies.
"""

from __future__ import annotations

from conformance.auth.login import LoginKind

# The Django app a kind's login endpoint comes from, and its name for people.
LIBRARY_OF_KIND = {
    "token": ("rest_framework.authtoken", "DRF's authtoken app"),
    "bearer": ("oauth2_provider", "django-oauth-toolkit"),
    "jwt": ("rest_framework_simplejwt", "djangorestframework-simplejwt"),
    "knox": ("knox", "django-rest-knox"),
    "djoser": ("djoser", "djoser"),
    "allauth": ("allauth.headless", "django-allauth's headless API"),
}
NOT_APPLICABLE = "not applicable: "


def not_applicable(target, kind: LoginKind) -> str | None:
    """Why ``kind`` does not apply to ``target`` (its library is not installed), else None."""
    if target is None or target.mode != "in-process" or target.auth_endpoints.paths.get(kind.endpoint_key):
        return None
    if kind.name == "jwt":  # simplejwt needs no INSTALLED_APPS entry: it applies where a view uses it
        from conformance.auth.stacks import SIMPLEJWT

        used = any(s.kind == "jwt" for e in target.endpoints for s in e.schemes)
        return None if used else f"{NOT_APPLICABLE}{SIMPLEJWT.unused_reason()}"
    app, name = LIBRARY_OF_KIND.get(kind.name, (None, None))
    if app is None:
        return None
    from django.apps import apps

    if apps.is_installed(app):
        return None
    named = name if name == app else f"{name} ({app})"
    return f"{NOT_APPLICABLE}{named} is not installed, so there is no {kind.endpoint_key} to audit"


def build_target_or_none(config):
    """The run's target at collection time, or None where the run is stopping anyway."""
    from conformance.fixtures import RunStopped, build_target

    try:
        return build_target(config)
    except RunStopped:
        return None
