"""
URLconfs of the variants whose flaw is a view: the reference routes, with the
questions list served by another view at the same path and name, so URL
discovery sees each path once.
"""

from django.urls import include, path

from target_project import urls as reference
from target_project.polls import urls as polls


def with_question_list(view):
    """The reference urlpatterns, with `view` serving /polls/api/questions/."""
    polls_routes = [
        path("api/questions/", view, name="question-list"),
        *(route for route in polls.urlpatterns if route.name != "question-list"),
    ]
    return [
        path("polls/", include((polls_routes, polls.app_name))),
        *(route for route in reference.urlpatterns if str(route.pattern) != "polls/"),
    ]
