"""
The flawed code of the djoser stack's flawed copies. NEVER DEPLOY ANY OF IT.
Each piece is a mistake seen in real projects, written the way they write it.
"""

from django.contrib.auth import logout
from djoser.views import TokenDestroyView
from rest_framework import status
from rest_framework.response import Response


class SessionOnlyLogoutView(TokenDestroyView):
    """'logout() logs the user out': it ends a Django session; the DRF token is never deleted."""

    def post(self, request):
        logout(request)
        return Response(status=status.HTTP_204_NO_CONTENT)
