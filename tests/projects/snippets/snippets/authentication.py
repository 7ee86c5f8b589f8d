"""DRF tokens that expire after SNIPPETS_TOKEN_TTL."""

from django.conf import settings
from django.utils import timezone
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token.created <= timezone.now() - settings.SNIPPETS_TOKEN_TTL:
            raise AuthenticationFailed("Token has expired.")
        return user, token
