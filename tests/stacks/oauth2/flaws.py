"""The flawed code of the OAuth2 stack's flawed copies. NEVER DEPLOY ANY OF IT."""

from oauth2_provider.contrib.rest_framework import TokenHasReadWriteScope
from rest_framework.permissions import IsAuthenticated

from tests.stacks.oauth2 import views


class EitherNotes(views.Notes):
    """'Either a login or the right scope': IsAuthenticated | TokenHasReadWriteScope lets any token write."""

    permission_classes = [IsAuthenticated | TokenHasReadWriteScope]
