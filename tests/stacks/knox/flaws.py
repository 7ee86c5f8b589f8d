"""
The flawed code of the knox stack's flawed copies. NEVER DEPLOY ANY OF IT.
Each piece is a mistake seen in real projects, written the way they write it.
"""

from django.contrib.auth.signals import user_logged_out
from knox.views import LogoutAllView, LogoutView
from rest_framework import status
from rest_framework.response import Response


class SignalOnlyLogoutView(LogoutView):
    """'Logout is the client's job': the signal is sent, the token is never deleted."""

    def post(self, request, format=None):
        user_logged_out.send(sender=request.user.__class__, request=request, user=request.user)
        return Response(None, status=status.HTTP_204_NO_CONTENT)


class MessageLogoutAllView(LogoutAllView):
    """'Say so to the user': post() rewritten from LogoutView's to answer a message, and so it
    deletes the token it was called with, not every token of the user."""

    def post(self, request, format=None):
        request._auth.delete()
        user_logged_out.send(sender=request.user.__class__, request=request, user=request.user)
        return Response({"detail": "Logged out of all devices."}, status=status.HTTP_200_OK)
