"""
Logging in and out: the token endpoint, the logout endpoint, the session login form,
and the "who am I" resource of the credential holder.
"""

from django.contrib.auth import logout as session_logout
from django.contrib.auth.views import LoginView
from django.db import transaction
from rest_framework import status
from rest_framework.authentication import SessionAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response
from rest_framework.views import APIView

from .authentication import ActiveUserOAuth2Authentication, ExpiringTokenAuthentication, token_expired


class ObtainExpiringAuthToken(ObtainAuthToken):
    """
    POST username and password, get `{"token": "..."}`.

    DRF's obtain_auth_token, plus what the seed leaves as homework: an expired
    token is replaced by a fresh one instead of being handed out again.
    """

    # Credentials in the request body are all this view looks at. A stale or bad
    # Authorization header must not stand between a user and a fresh token.
    authentication_classes = ()

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        # AuthTokenSerializer gives the same error for an unknown user, a wrong
        # password and an inactive user, so none can be told apart (CWE-204).
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        with transaction.atomic():
            token, created = Token.objects.select_for_update().get_or_create(user=user)
            if not created and token_expired(token):
                token.delete()
                token = Token.objects.create(user=user)
        return Response({"token": token.key})

    def finalize_response(self, request, response, *args, **kwargs):
        # A response carrying a credential must not be stored by any cache
        # (RFC 6749 §5.1, RFC 9111 §5.2.2.5); errors too, for uniformity.
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["Pragma"] = "no-cache"
        return response


class Logout(APIView):
    """
    POST to revoke the credential the request was authenticated with.

    A DRF token is deleted, an OAuth2 access token is revoked with its refresh
    token, and a session is flushed. Other credentials of the user stay valid.
    """

    def post(self, request, *args, **kwargs):
        credential = request.auth
        if isinstance(request.successful_authenticator, SessionAuthentication):
            session_logout(request._request)
        elif isinstance(credential, Token):
            credential.delete()
        elif credential is not None:
            # A django-oauth-toolkit AccessToken. Revoking its refresh token
            # revokes the access token too; without one, revoke it alone.
            refresh_token = getattr(credential, "refresh_token", None)
            if refresh_token is not None:
                refresh_token.revoke()
            else:
                credential.revoke()
        return Response(status=status.HTTP_204_NO_CONTENT)


class WhoAmI(APIView):
    """
    GET: who the credential belongs to, for clients checking a token they hold.

    An OAuth2 resource first: the bearer class comes first here, so every refusal
    is a 401 with an RFC 6750 `Bearer` challenge (`error="invalid_token"` for a
    refused token, no error code without one). DRF takes the challenge of the
    first class of authentication_classes, whichever class refused.
    """

    authentication_classes = (
        ActiveUserOAuth2Authentication,
        ExpiringTokenAuthentication,
        SessionAuthentication,
    )

    def get(self, request, *args, **kwargs):
        return Response({"username": request.user.get_username()})


class SessionLoginView(LoginView):
    """
    The HTML login form that starts a session; Django's LoginView is CSRF
    protected, never cached, and rotates the session key on login.
    """

    template_name = "accounts/login.html"


obtain_expiring_auth_token = ObtainExpiringAuthToken.as_view()
logout = Logout.as_view()
who_am_i = WhoAmI.as_view()
login = SessionLoginView.as_view()
