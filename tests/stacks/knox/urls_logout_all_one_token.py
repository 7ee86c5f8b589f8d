"""URLconf of the knox copy whose logout-all ends one token only. NEVER DEPLOY IT."""

from django.urls import path

from tests.stacks.knox.flaws import MessageLogoutAllView
from tests.stacks.knox.urls import urlpatterns as sound

urlpatterns = [path("api/auth/logoutall/", MessageLogoutAllView.as_view(), name="knox_logoutall")
               if getattr(route, "name", None) == "knox_logoutall" else route for route in sound]
