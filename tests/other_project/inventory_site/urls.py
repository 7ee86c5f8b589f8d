"""Routes built with a router and a regex, unlike target_project's plain paths."""

from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from inventory import views

router = DefaultRouter(trailing_slash=True)
router.register("items", views.ItemViewSet, basename="item")

urlpatterns = [
    path("health/", views.health),
    re_path(r"^api/v2/stock/(?P<sku>[A-Z]{3}-\d{4})/$", views.StockLevel.as_view()),
    path("api/v2/", include(router.urls)),
]
