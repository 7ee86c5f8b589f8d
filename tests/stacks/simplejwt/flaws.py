"""
The flawed code of the simplejwt stack's flawed copies. NEVER DEPLOY ANY OF IT.
Each piece is a mistake seen in real projects, written the way they write it.
"""

import base64
import hashlib
import hmac

import jwt
from django.contrib.auth import get_user_model
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import AccessToken


class UnverifiedJWTAuthentication(JWTAuthentication):
    """'Tokens of the old auth service have another key': the signature is never checked."""

    def get_validated_token(self, raw_token):
        return AccessToken(raw_token, verify=False)


class LegacyHmacJWTAuthentication(JWTAuthentication):
    """RS256, but HS256 tokens of the old service are 'verified with the same key' (the public one)."""

    def get_validated_token(self, raw_token):
        token = raw_token.decode() if isinstance(raw_token, bytes) else raw_token
        if jwt.get_unverified_header(token).get("alg") != "HS256":
            return super().get_validated_token(raw_token)
        signing_input, _, signature = token.rpartition(".")
        key = api_settings.VERIFYING_KEY.encode()
        expected = hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
        given = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
        if not hmac.compare_digest(expected, given):
            raise InvalidToken("Token is invalid")
        return AccessToken(token, verify=False)


class DirectLookupJWTAuthentication(JWTAuthentication):
    """Looks the user up directly: a token of a deleted user raises DoesNotExist (a 500)."""

    def get_user(self, validated_token):
        user_id = validated_token[api_settings.USER_ID_CLAIM]
        return get_user_model().objects.get(**{api_settings.USER_ID_FIELD: user_id})


def any_user_may_refresh(user):
    """'Deactivated users are blocked at login anyway': every user passes."""
    return user is not None
