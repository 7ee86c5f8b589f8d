"""
URLconfs of the variants whose flaw is a login or logout view: the reference routes,
with one route of the accounts app served by another view at the same path and name.
"""

from django.urls import include, path

from target_project import urls as reference
from target_project.accounts import urls as accounts


def with_account_view(name, view):
    """The reference urlpatterns, with `view` serving the accounts route called `name`."""
    routes = [
        path(str(route.pattern), view, name=name) if route.name == name else route
        for route in accounts.urlpatterns
    ]
    assert any(route.name == name for route in accounts.urlpatterns), name
    return [
        path("accounts/", include((routes, accounts.app_name))) if str(route.pattern) == "accounts/" else route
        for route in reference.urlpatterns
    ]
