"""
URLconf of target_project.jwt_knox.settings: the reference routes, a logout that also revokes
knox tokens, and the login endpoints of simplejwt (username and password in, `{"access": ...}`
out) and knox (Basic credentials in, `{"token": ...}` out), as their documentation wires them.
"""

from django.urls import include, path
from django.views.decorators.cache import never_cache
from knox.views import LoginView as KnoxLoginView
from rest_framework import status
from rest_framework.authentication import BasicAuthentication
from rest_framework.response import Response
from rest_framework_simplejwt.views import TokenObtainPairView

from target_project import urls as reference
from target_project.accounts import urls as accounts
from target_project.accounts.views import Logout


class LogoutAnyToken(Logout):
    """
    The reference logout, plus knox: a knox token is deleted. A simplejwt access token is
    stateless: nothing here can revoke it, and a 204 would claim otherwise, so the answer
    says so; its short lifetime bounds it.
    """

    def post(self, request, *args, **kwargs):
        from knox.models import get_token_model
        from rest_framework_simplejwt.tokens import Token as JWT

        if isinstance(request.auth, get_token_model()):
            request.auth.delete()
            return Response(status=status.HTTP_204_NO_CONTENT)
        if isinstance(request.auth, JWT):
            return Response({"detail": "An access token cannot be revoked; discard it."},
                            status=status.HTTP_400_BAD_REQUEST)
        return super().post(request, *args, **kwargs)


class KnoxLogin(KnoxLoginView):
    """knox's login, authenticated with the password as Basic credentials (knox's documented setup)."""

    authentication_classes = (BasicAuthentication,)

    def finalize_response(self, request, response, *args, **kwargs):
        # The answer carries a token: no cache may keep it (RFC 9111 §5.2.2.5).
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response


reference_account_routes = [
    path(str(route.pattern), LogoutAnyToken.as_view(), name=route.name) if route.name == "logout" else route
    for route in accounts.urlpatterns
]
login_routes = [
    # never_cache: the answer carries the token pair, which no cache may keep (RFC 9111 §5.2.2.5).
    path("jwt/", never_cache(TokenObtainPairView.as_view()), name="jwt_login"),
    path("knox/login/", KnoxLogin.as_view(), name="knox_login"),
]


def with_account_routes(routes):
    return [
        path("accounts/", include((routes, accounts.app_name))) if str(route.pattern) == "accounts/" else route
        for route in reference.urlpatterns
    ]


urlpatterns = with_account_routes(reference_account_routes + login_routes)
