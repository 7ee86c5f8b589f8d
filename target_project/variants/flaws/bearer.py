"""
Flawed OAuth2 bearer authentication classes. NEVER USE ANY OF THEM.

Each subclasses the reference ActiveUserOAuth2Authentication and changes one thing:
its challenge (RFC 6750 §3), or where it looks for the token.
"""

from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework.authentication import get_authorization_header

from target_project.accounts.authentication import ActiveUserOAuth2Authentication


class StaticChallengeBearerAuthentication(ActiveUserOAuth2Authentication):
    """
    FLAW (RFC 6750 §3.1): a fixed `Bearer realm="api"` challenge, as in DRF's
    custom-authentication examples. A refused token gets no `error="invalid_token"`,
    so a client cannot tell "refresh your token" from "log in".
    """

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class AlwaysInvalidTokenBearerAuthentication(ActiveUserOAuth2Authentication):
    """
    FLAW (RFC 6750 §3.1): the challenge always says `error="invalid_token"`, even to
    a request that sent no token, copied from an error response seen once.
    """

    def authenticate_header(self, request):
        return 'Bearer realm="api", error="invalid_token"'


class DotTransportBearerAuthentication(ActiveUserOAuth2Authentication):
    """
    FLAW (RFC 6750 §5.3, CWE-598): without a Bearer header, the token is looked
    for where django-oauth-toolkit's stock OAuth2Authentication looks for it:
    oauthlib reads an `access_token` form field always, and `?access_token=` unless
    OAUTH2_PROVIDER['COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT'] is True. The
    inactive-user check of the reference stays.
    """

    def authenticate(self, request):
        if get_authorization_header(request):
            return super().authenticate(request)
        user_auth_tuple = OAuth2Authentication.authenticate(self, request)
        if user_auth_tuple is None or user_auth_tuple[0] is None or not user_auth_tuple[0].is_active:
            return None
        return user_auth_tuple
