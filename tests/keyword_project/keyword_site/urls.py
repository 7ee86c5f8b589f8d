from django.urls import path

from keyword_api import views

urlpatterns = [
    path("api/me/", views.Me.as_view()),
    path("api/notes/", views.Notes.as_view()),
]
