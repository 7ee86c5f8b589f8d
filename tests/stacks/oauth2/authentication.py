"""The flawed authentication class of the OAuth2 stack's client_token_crash copy. NEVER DEPLOY IT.

Apart from flaws.py: DRF imports authentication classes while rest_framework.views loads.
"""

from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework import exceptions


class InactiveCheckingOAuth2Authentication(OAuth2Authentication):
    """Refuses inactive users, but reads token.user.is_active on a client token too (user None): a 500."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and not result[0].is_active:
            raise exceptions.AuthenticationFailed("User inactive.")
        return result
