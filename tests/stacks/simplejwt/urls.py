"""
URLconf of the simplejwt stack: the reference routes plus simplejwt's three views, at the paths
its documentation uses (obtain a pair, refresh, blacklist = logout of a refresh token). The
reference logout learns that a JWT access token is stateless: nothing can revoke it, and a 204
would claim otherwise, so it says so; the refresh token is ended at the blacklist view.
"""

from django.urls import include, path
from rest_framework import status
from rest_framework.response import Response
from rest_framework_simplejwt.tokens import Token as JWT
from rest_framework_simplejwt.views import TokenBlacklistView, TokenObtainPairView, TokenRefreshView

from target_project import urls as reference
from target_project.accounts import urls as accounts
from target_project.accounts.views import Logout


class LogoutAnyCredential(Logout):
    def post(self, request, *args, **kwargs):
        if isinstance(request.auth, JWT):
            return Response({"detail": "An access token cannot be revoked; blacklist the refresh token "
                                       "at /api/token/blacklist/ and discard the access token."},
                            status=status.HTTP_400_BAD_REQUEST)
        return super().post(request, *args, **kwargs)


account_routes = [
    path(str(route.pattern), LogoutAnyCredential.as_view(), name=route.name) if route.name == "logout" else route
    for route in accounts.urlpatterns
]

urlpatterns = [
    path("accounts/", include((account_routes, accounts.app_name))) if str(route.pattern) == "accounts/" else route
    for route in reference.urlpatterns
] + [
    path("api/token/", TokenObtainPairView.as_view(), name="token_obtain_pair"),
    path("api/token/refresh/", TokenRefreshView.as_view(), name="token_refresh"),
    path("api/token/blacklist/", TokenBlacklistView.as_view(), name="token_blacklist"),
]
