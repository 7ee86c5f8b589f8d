from django.urls import include, path
from rest_framework.routers import SimpleRouter

from snippets import views

router = SimpleRouter()
router.register("snippets", views.SnippetViewSet, basename="snippet")

urlpatterns = [
    path("api-token-auth/", views.RotatingObtainAuthToken.as_view()),
    path("api-auth/", include("rest_framework.urls")),
    path("", include(router.urls)),
]
