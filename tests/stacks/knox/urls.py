"""
URLconf of the knox stack: the polls API and knox's three views at the paths of its
documentation (`api/auth/login/`, `logout/`, `logoutall/`). The login is knox's own view with
BasicAuthentication, wrapped in never_cache: its answer carries a token no cache may keep
(RFC 9111 §5.2.2.5).
"""

from django.urls import include, path
from django.views.decorators.cache import never_cache
from knox import views as knox_views
from rest_framework.authentication import BasicAuthentication

urlpatterns = [
    path("polls/", include("target_project.polls.urls")),
    path("api/auth/login/", never_cache(knox_views.LoginView.as_view(authentication_classes=(BasicAuthentication,))),
         name="knox_login"),
    path("api/auth/logout/", knox_views.LogoutView.as_view(), name="knox_logout"),
    path("api/auth/logoutall/", knox_views.LogoutAllView.as_view(), name="knox_logoutall"),
]
