"""
Flawed OAuth2 bearer authentication classes. NEVER USE ANY OF THEM.

Each subclasses the reference ActiveUserOAuth2Authentication and changes only its
challenge (RFC 6750 §3), so the tokens it accepts and refuses are the reference's.
"""

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
