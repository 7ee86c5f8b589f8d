"""The OAuth2 stack's routes with the notes view guarded by IsAuthenticated | TokenHasReadWriteScope."""

from django.urls import path

from tests.stacks.oauth2.flaws import EitherNotes
from tests.stacks.oauth2.urls import urlpatterns as sound

urlpatterns = [path("api/notes/", EitherNotes.as_view(), name="notes") if getattr(r, "name", None) == "notes" else r
               for r in sound]
