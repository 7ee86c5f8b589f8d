"""
Flawed authentication classes about time and identity. NEVER USE ANY OF THEM.

Each changes one thing of the reference classes: whether and when a token expires, or
whether a deactivated user's token or bearer token is still accepted.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from target_project.accounts.authentication import (
    ActiveUserOAuth2Authentication,
    ExpiringTokenAuthentication,
    token_expired,
)


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


class BackwardsExpiringTokenAuthentication(ExpiringTokenAuthentication):
    """
    FLAW (CWE-613): the expiry comparison written backwards, `>=` for `<=`: a token is
    "expired" while it is young and valid once it is old, so fresh tokens are refused and
    every token older than the lifetime works forever.
    """

    def authenticate_credentials(self, key):
        user, token = TokenAuthentication.authenticate_credentials(self, key)
        if token.created >= timezone.now() - settings.TOKEN_EXPIRE_TIME:
            raise exceptions.AuthenticationFailed(_("Token has expired."))
        return user, token


class InactiveUserTokenAuthentication(ExpiringTokenAuthentication):
    """
    FLAW (CWE-613): the reference token class without its `is_active` test, as hand-written
    classes that look the token up themselves often are: a deactivated user's token works.
    """

    def authenticate_credentials(self, key):
        try:
            token = self.get_model().objects.select_related("user").get(key=key)
        except self.get_model().DoesNotExist:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if token_expired(token):
            raise exceptions.AuthenticationFailed(_("Token has expired."))
        return token.user, token
