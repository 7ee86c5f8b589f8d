"""
Root URLconf of the reference deployment.

There is no admin: every route here either requires credentials or is one of
the login endpoints, which is what drf-conformance expects of a deployment.
"""

from django.urls import include, path
from oauth2_provider import views as oauth2_views

# Only the OAuth2 endpoints this deployment uses, under DOT's usual namespace: the
# token endpoint of the seed's password grant, and revocation (RFC 7009). The rest
# of oauth2_provider.urls (authorization and device flows, application management
# pages, OIDC, dynamic client registration, metadata) would add public or
# redirect-to-login routes that nothing here needs.
oauth2_endpoints = [
    path("token/", oauth2_views.TokenView.as_view(), name="token"),
    path("revoke_token/", oauth2_views.RevokeTokenView.as_view(), name="revoke-token"),
]

urlpatterns = [
    path("polls/", include("target_project.polls.urls")),
    path("accounts/", include("target_project.accounts.urls")),
    path("auth/", include((oauth2_endpoints, "oauth2_provider"))),
]
