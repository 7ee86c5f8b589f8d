"""A flawed session authentication class for the remote flawed deployment. NEVER USE IT.

FLAW (CWE-352, CWE-613): written from scratch to get rid of "CSRF Failed: CSRF token missing",
it returns ``request.user`` without DRF's ``enforce_csrf`` and without DRF's ``user.is_active``
test; with ``AllowAllUsersModelBackend`` (added to tell disabled accounts apart on the login
page), a deactivated user's session still opens the API.
"""

from rest_framework.authentication import SessionAuthentication


class PlainSessionAuthentication(SessionAuthentication):
    def authenticate(self, request):
        user = getattr(request._request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return (user, None)
