"""
Flawed authentication classes about time and identity. NEVER USE ANY OF THEM.

Each changes one thing of the reference classes: whether a token expires, or whether a
deactivated user's bearer token is still accepted.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import TokenAuthentication

from target_project.accounts.authentication import ActiveUserOAuth2Authentication


class NeverExpiringTokenAuthentication(TokenAuthentication):
    """
    FLAW (CWE-613): DRF's own TokenAuthentication. A token works until someone deletes
    it; settings.TOKEN_EXPIRE_TIME is read by the login view only.
    """


class InactiveUserBearerAuthentication(ActiveUserOAuth2Authentication):
    """
    FLAW (CWE-613): the reference bearer class without its `is_active` test, which is
    what django-oauth-toolkit's OAuth2Authentication does: its validator loads
    `access_token.user` and never looks at `is_active`, so deactivating a user does not
    end their bearer sessions.
    """

    def fail(self, request, message, error):
        if str(message) == str(_("User inactive or deleted.")):
            return  # the one refusal DOT never makes: the reference then returns (user, token)
        super().fail(request, message, error)
