"""``--exchange-deadline`` holds in-process too (issue 11): the audited project's own code may stall.

A copy of target_project whose one extra API view stalls in a middleware for far longer than the
deadline given: that endpoint's check ends as ``error`` naming the deadline, and the run ends.
"""

from __future__ import annotations

SETTINGS = '''
from target_project.settings import *  # noqa: F403
ROOT_URLCONF = "stalling_urls"
MIDDLEWARE = ["stalling_urls.StallOnSlowPath", *MIDDLEWARE]  # noqa: F405
'''

URLS = '''
import time

from django.urls import path
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from target_project.urls import urlpatterns as reference


class SlowView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response({})


class StallOnSlowPath:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/slow/":
            time.sleep(8)  # far beyond the 1 s deadline the audit is given
        return self.get_response(request)


urlpatterns = [*reference, path("slow/", SlowView.as_view())]
'''


def test_a_stalling_view_ends_at_the_exchange_deadline_in_process(audit, tmp_path):
    (tmp_path / "stalling_settings.py").write_text(SETTINGS)
    (tmp_path / "stalling_urls.py").write_text(URLS)
    run = audit("--ds", "stalling_settings", "--exchange-deadline", "1", "-k", "anonymous_request_is_refused", cwd=tmp_path)
    slow = [r for r in run.report["results"] if r["endpoint"] == "GET /slow/"]
    assert slow and {r["outcome"] for r in slow} == {"error"}, slow
    assert all("--exchange-deadline" in r["detail"] for r in slow), [r["detail"] for r in slow]
