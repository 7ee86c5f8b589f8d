"""DRF tokens that expire after CLINIC_TOKEN_TTL."""

from django.conf import settings
from django.utils import timezone
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed


def expired(token) -> bool:
    return token.created <= timezone.now() - settings.CLINIC_TOKEN_TTL


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if expired(token):
            raise AuthenticationFailed("Token has expired.")
        return user, token
