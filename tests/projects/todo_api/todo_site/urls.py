"""The todo API's routes: a router for the todos, the token login, and a stats view."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from todos import views

router = DefaultRouter()
router.register("todos", views.TodoViewSet, basename="todo")

urlpatterns = [
    path("api/token/", views.Login.as_view()),
    path("api/stats/", views.Stats.as_view()),
    path("api/", include(router.urls)),
]
