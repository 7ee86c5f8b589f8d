"""
URLconf of the OAuth2 stack: the reference routes, DOT's authorization endpoint (authorization
code with PKCE; the implicit grant refused by COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT) and the
scoped API views.
"""

from django.urls import include, path
from oauth2_provider import views as oauth2_views

from target_project.urls import oauth2_endpoints, urlpatterns as reference

from . import views

authorization = [path("authorize/", oauth2_views.AuthorizationView.as_view(), name="authorize")]

urlpatterns = [
    *[route for route in reference if str(route.pattern) != "auth/"],
    path("auth/", include((oauth2_endpoints + authorization, "oauth2_provider"))),
    path("api/notes/", views.Notes.as_view(), name="notes"),
    path("api/machine/status/", views.MachineStatus.as_view(), name="machine-status"),
]
