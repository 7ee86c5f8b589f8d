"""djoser: its token login and logout, its JWT routes, its settings, what each finding's fix is.

djoser's ``/auth/token/login/`` (``TokenCreateView``) authenticates the ``LOGIN_FIELD`` and password
of its ``TokenCreateSerializer`` and answers ``{"auth_token": ...}``: a key of ``DJOSER['TOKEN_MODEL']``
(DRF's ``Token`` by default, presented as ``Authorization: Token``), made with ``get_or_create``.
``/auth/token/logout/`` (``TokenDestroyView``) deletes the user's token. ``/auth/jwt/create/`` is
simplejwt's own ``TokenObtainPairView``, judged as simplejwt's login (``JWT_LOGIN_PATH``).

Nothing here imports djoser at module level: a project without it never needs it.
"""

from __future__ import annotations

from conformance.auth.stacks import Stack

# djoser brings no authentication class of its own: its token login feeds DRF's TokenAuthentication.
DJOSER = Stack("djoser", "djoser", "djoser", "rest_framework.authentication.TokenAuthentication")

LOGIN_VIEW = "djoser.views.TokenCreateView"
LOGOUT_VIEW = "djoser.views.TokenDestroyView"
ANSWER_FIELD = "auth_token"

# What to change, in djoser's own settings and views, for each kind of finding.
REMEDIATION = {
    "inactive": "keep django.contrib.auth.backends.ModelBackend in AUTHENTICATION_BACKENDS: djoser's "
                "TokenCreateSerializer trusts authenticate() and never reads is_active itself",
    "logout": "route djoser's TokenDestroyView (it deletes DJOSER['TOKEN_MODEL'] rows of the user) and keep "
              "DJOSER['TOKEN_MODEL'] set; DJOSER['LOGOUT_ON_PASSWORD_CHANGE'] = True ends tokens on a password change",
    "lifetime": "DRF's Token never expires: authenticate with a subclass of TokenAuthentication that refuses "
                "old keys, and replace an expired key at login (djoser's login_user() get_or_create()s it)",
    "no-store": "wrap djoser's TokenCreateView (and /auth/jwt/create/) with "
                "django.views.decorators.cache.never_cache",
}


def token_model():
    """``DJOSER['TOKEN_MODEL']`` as djoser reads it (a model class, or None: no token login)."""
    from djoser.conf import settings

    return settings.TOKEN_MODEL


def login_field() -> str:
    """The field djoser's login takes the account name in (``DJOSER['LOGIN_FIELD']``)."""
    from djoser.conf import settings

    return settings.LOGIN_FIELD
