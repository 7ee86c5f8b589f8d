"""A flawed override of allauth headless's session view, for the ``logout_keeps_token`` copy only.

NEVER DEPLOY IT: its ``DELETE`` answers what allauth's logout answers (401, ``is_authenticated``
false) without ending the session, so the app forgets its token while the token keeps working.
"""

from allauth.headless.account.views import SessionView
from django.http import JsonResponse


class LogoutKeepsTokenSessionView(SessionView):
    def delete(self, request, *args, **kwargs):
        # The mistake: the "logout" tells the client it is over, and never calls adapter.logout().
        return JsonResponse({"status": 401, "data": {"flows": []}, "meta": {"is_authenticated": False}},
                            status=401)
