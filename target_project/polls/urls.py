"""
Routes of the polls API, the paths of the seed tutorials.
"""

from django.urls import path

from . import views

app_name = "polls"

urlpatterns = [
    path("api/questions/", views.QuestionList.as_view(), name="question-list"),
    path("api/questions/<int:pk>/", views.QuestionDetail.as_view(), name="question-detail"),
    path("api/questions/<int:pk>/choices/", views.ChoiceList.as_view(), name="choice-list"),
]
