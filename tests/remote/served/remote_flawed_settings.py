"""A deployment with four flaws at once, for the remote-mode test that each one is reported.

* an endpoint left open: the questions list answers anonymous reads (the ``open_endpoint`` variant);
* a token that never expires: stock ``rest_framework.authentication.TokenAuthentication`` has no
  lifetime, so a token back-dated past ``MAX_TOKEN_AGE`` still works (CWE-613);
* a deactivated user's token that still works: stock django-oauth-toolkit
  ``OAuth2Authentication`` does not look at ``user.is_active`` (CWE-613);
* a session class without CSRF protection or ``is_active`` test, behind
  ``AllowAllUsersModelBackend`` (``remote_flawed_auth``): the ``session.*`` roles and throwaway
  sessions from the login form catch both (CWE-352, CWE-613).

NEVER DEPLOY IT.
"""

from target_project.variants.open_endpoint import *

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "rest_framework.authentication.TokenAuthentication",
        "oauth2_provider.contrib.rest_framework.OAuth2Authentication",
        "remote_flawed_auth.PlainSessionAuthentication",
    ),
}
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.AllowAllUsersModelBackend"]
