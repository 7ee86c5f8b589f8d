"""URLconf of the ``logout_keeps_token`` copy: allauth's app session routed to a view whose DELETE
ends nothing (``views.LogoutKeepsTokenSessionView``), ahead of allauth's own URLs."""

from django.urls import path

from tests.stacks.allauth_headless.urls import urlpatterns as sound
from tests.stacks.allauth_headless.views import LogoutKeepsTokenSessionView

urlpatterns = [
    path("_allauth/app/v1/auth/session", LogoutKeepsTokenSessionView.as_api_view(client="app")),
    *sound,
]
