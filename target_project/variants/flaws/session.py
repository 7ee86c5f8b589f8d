"""
Flawed session authentication classes. NEVER USE ANY OF THEM.

Each subclasses DRF's SessionAuthentication and weakens only its CSRF check.
"""

from django.middleware.csrf import CsrfViewMiddleware
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication


class CsrfExemptSessionAuthentication(SessionAuthentication):
    """
    FLAW (CWE-352): the tutorials' answer to "CSRF Failed: CSRF token missing":
    enforce_csrf() does nothing, so any site a logged-in user visits can post,
    change and delete through their session.
    """

    def enforce_csrf(self, request):
        return  # To not perform the csrf check previously happening


class AnyOriginCSRFCheck(CsrfViewMiddleware):
    """Django's CSRF check with the Origin and Referer checks switched off."""

    def _origin_verified(self, request):
        return True

    def _check_referer(self, request):
        return None

    def _reject(self, request, reason):
        return reason


class AnyOriginSessionAuthentication(SessionAuthentication):
    """
    FLAW (CWE-352): "the front end is on another domain", so the Origin and Referer
    checks are switched off instead of listing it in CSRF_TRUSTED_ORIGINS; only the
    token is compared, and a token that leaks once works from any site.
    """

    def enforce_csrf(self, request):
        def dummy_get_response(request):  # pragma: no cover
            return None

        check = AnyOriginCSRFCheck(dummy_get_response)
        check.process_request(request)
        reason = check.process_view(request, None, (), {})
        if reason:
            raise exceptions.PermissionDenied(f"CSRF Failed: {reason}")
