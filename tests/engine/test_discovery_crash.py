"""A view discovery cannot read is left out with a warning naming it, never a lost run (issue 13).

This module is its own URLconf: ``discover(urlconf=__name__)``.
"""

import pytest
from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from conformance.discovery import discover


class _RaisesOnClassAccess:
    def __get__(self, instance, owner):
        raise RuntimeError("a library's attribute that raises")


class BrokenView(APIView):
    authentication_classes = _RaisesOnClassAccess()


class FineView(APIView):
    def get(self, request):
        return Response({})


urlpatterns = [path("broken/", BrokenView.as_view()), path("fine/", FineView.as_view())]


def test_a_view_that_raises_is_left_out_with_a_warning():
    problems: list[str] = []
    endpoints = discover(urlconf=__name__, problems=problems)
    assert [e.label for e in endpoints] == ["GET /fine/"]
    assert len(problems) == 1
    assert "/broken/" in problems[0] and "RuntimeError: a library's attribute that raises" in problems[0]


def test_without_a_list_for_problems_it_raises_as_before():
    with pytest.raises(RuntimeError):
        discover(urlconf=__name__)
