"""
Routes of the polls API, the paths of the seed tutorials.
"""

from django.urls import path, register_converter
from django.urls.converters import IntConverter

from . import views


class RowIdConverter(IntConverter):
    """A primary key that fits a 64-bit integer column; a longer one is no route (404).

    Django before 5.0 passes an out-of-range integer on to the database, where SQLite raises
    OverflowError: a 500 for `/api/questions/<31 digits>/` (Django ticket #27397, fixed in 5.0;
    CWE-20). Bounding the route keeps every supported Django at 404.
    """

    regex = "[0-9]{1,18}"


register_converter(RowIdConverter, "row_id")

app_name = "polls"

urlpatterns = [
    path("api/questions/", views.QuestionList.as_view(), name="question-list"),
    path("api/questions/<row_id:pk>/", views.QuestionDetail.as_view(), name="question-detail"),
    path("api/questions/<row_id:pk>/choices/", views.ChoiceList.as_view(), name="choice-list"),
]
