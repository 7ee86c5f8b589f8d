"""
Routes of the accounts app, the paths of the seed tutorials.
"""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("get_auth_token/", views.obtain_expiring_auth_token, name="get_auth_token"),
    path("logout/", views.logout, name="logout"),
    path("login/", views.login, name="login"),
    path("me/", views.who_am_i, name="me"),
]
