"""URLconf of the djoser copy whose logout deletes no token. NEVER DEPLOY IT."""

from django.urls import re_path

from tests.stacks.djoser.flaws import SessionOnlyLogoutView
from tests.stacks.djoser.urls import urlpatterns as sound

urlpatterns = [re_path(r"^auth/token/logout/?$", SessionOnlyLogoutView.as_view(), name="logout")
               if getattr(route, "name", None) == "logout" else route for route in sound]
