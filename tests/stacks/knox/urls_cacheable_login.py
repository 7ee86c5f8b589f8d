"""URLconf of the knox copy whose login answer carries no Cache-Control: no-store. NEVER DEPLOY IT."""

from django.urls import path
from knox import views as knox_views
from rest_framework.authentication import BasicAuthentication

from tests.stacks.knox.urls import urlpatterns as sound

urlpatterns = [path("api/auth/login/", knox_views.LoginView.as_view(authentication_classes=(BasicAuthentication,)),
                    name="knox_login") if getattr(route, "name", None) == "knox_login" else route for route in sound]
