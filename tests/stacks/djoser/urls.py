"""
URLconf of the djoser stack: the polls API and djoser's token and JWT routes under `auth/`, as its
documentation wires them (`path("auth/", include("djoser.urls.authtoken"))`,
`include("djoser.urls.jwt")`), the token login taken by the project's hardened subclass, both
logins wrapped in never_cache: their answers carry credentials no cache may keep (RFC 9111
§5.2.2.5).
"""

from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from djoser import views as djoser_views
from rest_framework_simplejwt import views as jwt_views

from tests.stacks.djoser.views import TokenCreateView

token_login = never_cache(TokenCreateView.as_view())
jwt_login = never_cache(jwt_views.TokenObtainPairView.as_view())

urlpatterns = [
    path("polls/", include("target_project.polls.urls")),
    re_path(r"^auth/token/login/?$", token_login, name="login"),
    re_path(r"^auth/token/logout/?$", djoser_views.TokenDestroyView.as_view(), name="logout"),
    re_path(r"^auth/jwt/create/?", jwt_login, name="jwt-create"),
    re_path(r"^auth/jwt/refresh/?", jwt_views.TokenRefreshView.as_view(), name="jwt-refresh"),
    re_path(r"^auth/jwt/verify/?", jwt_views.TokenVerifyView.as_view(), name="jwt-verify"),
]
