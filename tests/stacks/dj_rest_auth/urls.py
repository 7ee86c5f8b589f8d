"""
URLconf of the dj-rest-auth stack: the reference's polls API and session login form, and
dj-rest-auth's login, logout and user views at the paths of its documentation (``auth/``), with
the refresh view where ``USE_JWT`` (as ``dj_rest_auth.urls`` routes them). Password reset is left
out: it sends mail and needs no credential.
"""

from dj_rest_auth.app_settings import api_settings
from dj_rest_auth.views import LogoutView, UserDetailsView
from django.urls import include, path

from target_project.accounts import urls as accounts
from tests.stacks.dj_rest_auth.views import LoginView

auth = [
    path("login/", LoginView.as_view(), name="rest_login"),
    path("logout/", LogoutView.as_view(), name="rest_logout"),
    path("user/", UserDetailsView.as_view(), name="rest_user_details"),
]
if api_settings.USE_JWT:
    from dj_rest_auth.jwt_auth import get_refresh_view

    auth.append(path("token/refresh/", get_refresh_view().as_view(), name="token_refresh"))

session_login = [route for route in accounts.urlpatterns if route.name == "login"]

urlpatterns = [
    path("polls/", include("target_project.polls.urls")),
    path("accounts/", include((session_login, accounts.app_name))),
    path("auth/", include(auth)),
]
