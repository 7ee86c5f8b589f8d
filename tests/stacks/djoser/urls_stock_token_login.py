"""URLconf of the djoser copy with djoser's stock token login. NEVER DEPLOY IT."""

from django.urls import include, path

from tests.stacks.djoser.urls import urlpatterns as sound

urlpatterns = [route for route in sound if getattr(route, "name", None) not in ("login", "logout")] + [
    path("auth/", include("djoser.urls.authtoken")),
]
