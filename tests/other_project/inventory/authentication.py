"""DRF tokens under the ``Bearer`` keyword, as many projects configure them, that expire.

The expiry is this project's own (``INVENTORY_TOKEN_TTL``), unlike target_project's: the audit
learns the lifetime from ``CONFORMANCE["TOKEN_LIFETIME"]``, not from a setting it knows.
"""

from django.conf import settings
from django.utils import timezone
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed


class BearerTokenAuthentication(TokenAuthentication):
    keyword = "Bearer"

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token.created <= timezone.now() - settings.INVENTORY_TOKEN_TTL:
            raise AuthenticationFailed("Token has expired.")
        return user, token
