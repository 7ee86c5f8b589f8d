"""URLconf of the knox copy whose logout deletes nothing. NEVER DEPLOY IT."""

from django.urls import path

from tests.stacks.knox.flaws import SignalOnlyLogoutView
from tests.stacks.knox.urls import urlpatterns as sound

urlpatterns = [path("api/auth/logout/", SignalOnlyLogoutView.as_view(), name="knox_logout") if getattr(route, "name", None) == "knox_logout"
               else route for route in sound]
