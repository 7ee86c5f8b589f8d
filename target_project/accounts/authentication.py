"""
Authentication classes of the reference deployment.

`ExpiringTokenAuthentication` is the seed tutorial's expiring DRF token done right;
`ActiveUserOAuth2Authentication` is django-oauth-toolkit's bearer authentication
with the two checks stock DOT leaves out. Both refuse a credential they recognise
but cannot accept, instead of passing the request on as anonymous, the way DRF's
own `TokenAuthentication` does.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from oauth2_provider.www_authenticate import build_bearer_challenge
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication, get_authorization_header


def token_expired(token):
    """
    Whether a DRF token is older than settings.TOKEN_EXPIRE_TIME.

    Inclusive at the boundary: a token exactly TOKEN_EXPIRE_TIME old has expired.
    """
    return token.created <= timezone.now() - settings.TOKEN_EXPIRE_TIME


class ExpiringTokenAuthentication(TokenAuthentication):
    """
    DRF token authentication with an absolute token lifetime.

    Clients authenticate exactly as with TokenAuthentication:

        Authorization: Token 401f7ac837da42b97f613d789819ff93537bee6a

    A token older than settings.TOKEN_EXPIRE_TIME is refused; logging in again
    through `obtain_expiring_auth_token` replaces it with a fresh one.
    """

    def authenticate_credentials(self, key):
        model = self.get_model()
        try:
            # An exact, case-sensitive match on the whole key: no normalising,
            # trimming or prefix matching of a secret (CWE-287).
            token = model.objects.select_related("user").get(key=key)
        except model.DoesNotExist:
            raise exceptions.AuthenticationFailed(_("Invalid token."))

        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))

        if token_expired(token):
            raise exceptions.AuthenticationFailed(_("Token has expired."))

        return (token.user, token)


class ActiveUserOAuth2Authentication(OAuth2Authentication):
    """
    OAuth2 bearer token authentication (RFC 6750) through django-oauth-toolkit.

    Three differences from DOT's OAuth2Authentication:

    * Only the Authorization header is read (RFC 6750 §2.1). oauthlib falls back
      to an `access_token` query parameter or form field when the header is
      absent; tokens in URLs end up in logs, browser history and Referer
      headers (RFC 6750 §5.3, RFC 9700 §4.3.2, CWE-598).
    * Tokens of inactive users are refused. DOT's validator loads
      `access_token.user` without looking at `is_active`, so deactivating a
      user would not end their bearer sessions (CWE-613).
    * A bearer token that was presented but is not valid fails authentication,
      as a bad DRF token does, instead of leaving the request anonymous; the
      challenge then names the error (RFC 6750 §3.1).
    """

    keyword = "Bearer"

    def authenticate(self, request):
        auth = get_authorization_header(request).split()

        if not auth or auth[0].lower() != self.keyword.lower().encode():
            # Not ours; and never look for a token anywhere but this header.
            return None

        if len(auth) == 1:
            self.fail(request, _("Invalid token header. No credentials provided."), "invalid_request")
        elif len(auth) > 2:
            self.fail(request, _("Invalid token header. Token string should not contain spaces."), "invalid_request")

        try:
            auth[1].decode()
        except UnicodeError:
            self.fail(
                request,
                _("Invalid token header. Token string should not contain invalid characters."),
                "invalid_request",
            )

        if "access_token" in request.query_params:
            # More than one method of sending the token is an invalid request
            # (RFC 6750 §3.1); refusing it also keeps the URL form out of use.
            self.fail(request, _("Access tokens are accepted in the Authorization header only."), "invalid_request")

        user_auth_tuple = super().authenticate(request)
        if user_auth_tuple is None:
            # DOT leaves oauthlib's verdict (expired, revoked, unknown) on
            # request.oauth2_error for the challenge.
            error = getattr(request, "oauth2_error", None) or {}
            self.fail(
                request,
                error.get("error_description", _("Invalid token.")),
                error.get("error", "invalid_token"),
            )

        user, access_token = user_auth_tuple
        if user is None:
            # A client-credentials token acts for no user; this API serves only
            # resource owners, and a None user would reach views as if authenticated.
            self.fail(request, _("Invalid token."), "invalid_token")
        if not user.is_active:
            self.fail(request, _("User inactive or deleted."), "invalid_token")

        return user_auth_tuple

    def authenticate_header(self, request):
        # `Bearer realm="api"`, plus the error once a token was presented and refused.
        # DOT's builder escapes the quoted strings; no RFC 9728 metadata is published.
        return build_bearer_challenge(
            request,
            oauth2_error=getattr(request, "oauth2_error", None),
            realm=self.www_authenticate_realm,
            resource_metadata_url=None,
        )

    def fail(self, request, message, error):
        """
        Refuse the request, keeping the RFC 6750 §3.1 error for authenticate_header.
        """
        request.oauth2_error = {"error": error, "error_description": message}
        raise exceptions.AuthenticationFailed(message)
