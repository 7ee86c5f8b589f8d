"""
Flawed login and logout views. NEVER USE ANY OF THEM.

Each is the reference view of target_project.accounts.views with one mistake, served at
the same path and name by the URLconfs of urls_accounts.py.
"""

from django.contrib.auth import get_user_model
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.response import Response

from rest_framework.authentication import SessionAuthentication

from target_project.accounts.authentication import ExpiringTokenAuthentication
from target_project.accounts.views import Logout, ObtainExpiringAuthToken


class CacheableLogin(ObtainExpiringAuthToken):
    """
    FLAW (CWE-525, RFC 6749 §5.1): the token answer carries no Cache-Control: no-store,
    so a browser or a shared cache may keep the page that holds the token.
    """

    def finalize_response(self, request, response, *args, **kwargs):
        return super(ObtainExpiringAuthToken, self).finalize_response(request, response, *args, **kwargs)


class ExplainingAuthTokenSerializer(AuthTokenSerializer):
    """Says why a login failed: "no such user" or "wrong password"."""

    def validate(self, attrs):
        model = get_user_model()
        if not model.objects.filter(**{model.USERNAME_FIELD: attrs.get("username")}).exists():
            raise serializers.ValidationError("No user with that username.", code="authorization")
        return super().validate(attrs)


class LeakyLogin(ObtainExpiringAuthToken):
    """
    FLAW (CWE-204): "helpful" errors. An unknown username gets "No user with that
    username.", a wrong password the usual message: anyone can list the accounts.
    """

    serializer_class = ExplainingAuthTokenSerializer


class IndexingLogin(ObtainExpiringAuthToken):
    """
    FLAW (CWE-20, CWE-755): the hand-written login of many tutorials, indexing request.data
    instead of validating it: a missing field raises KeyError, a JSON list TypeError, a
    number AttributeError, each a 500.
    """

    def post(self, request, *args, **kwargs):
        username = request.data["username"].strip()
        password = request.data["password"]
        serializer = self.get_serializer(data={"username": username, "password": password})
        serializer.is_valid(raise_exception=True)
        return super().post(request, *args, **kwargs)


class NoopLogout(Logout):
    """
    FLAW (CWE-613): logout answers 204 and revokes nothing, as in clients that "log out"
    by forgetting the token while the server keeps it valid.
    """

    def post(self, request, *args, **kwargs):
        return Response(status=status.HTTP_204_NO_CONTENT)


def _backwards_who_am_i():
    # Imported late: authentication classes must not be imported before DRF's settings are.
    from target_project.accounts.views import WhoAmI
    from target_project.variants.flaws.identity import BackwardsExpiringTokenAuthentication

    class BackwardsWhoAmI(WhoAmI):
        """The reference /accounts/me/ with the project's one (backwards) token class, as a
        project with a single authentication class has it everywhere."""

        authentication_classes = tuple(
            BackwardsExpiringTokenAuthentication if cls.__name__ == "ExpiringTokenAuthentication" else cls
            for cls in WhoAmI.authentication_classes)

    return BackwardsWhoAmI


class TokenAndSessionLogout(Logout):
    """
    Not a flaw: the logout view takes DRF tokens and sessions only, so a bearer client
    revokes at the OAuth2 revocation endpoint (RFC 7009) instead.
    """

    authentication_classes = (ExpiringTokenAuthentication, SessionAuthentication)
