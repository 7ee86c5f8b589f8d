"""
URLconf of the allauth headless stack: the reference's polls API and allauth's headless URLs at the
path of its documentation (``_allauth/``; only the app client is enabled in the settings).
"""

from django.urls import include, path

urlpatterns = [
    path("polls/", include("target_project.polls.urls")),
    path("_allauth/", include("allauth.headless.urls")),
]
