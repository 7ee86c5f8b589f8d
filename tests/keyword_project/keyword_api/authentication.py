"""Two authentication classes whose ``keyword`` is a ``@property``, as real projects write them.

The first is DRF's token scheme with its word read from a setting; the second is an unrelated
header scheme (like allauth's app session tokens) that DRF does not know. DRF reads ``keyword``
from an instance; reading it from the class gives the ``property`` object itself.
"""

from django.conf import settings
from django.utils import timezone
from rest_framework.authentication import BaseAuthentication, TokenAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed


class SettingsKeywordTokenAuthentication(TokenAuthentication):
    @property
    def keyword(self):
        return settings.API_TOKEN_KEYWORD

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token.created <= timezone.now() - settings.API_TOKEN_TTL:
            raise AuthenticationFailed("Token has expired.")
        return user, token


class AppSessionTokenAuthentication(BaseAuthentication):
    """``Authorization: AppSession <key>``; no key of this kind is ever valid here."""

    @property
    def keyword(self):
        return "AppSession"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        return None

    def authenticate_header(self, request):
        return self.keyword
