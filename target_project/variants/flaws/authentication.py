"""
Flawed DRF token authentication classes. NEVER USE ANY OF THEM.

Each subclasses the reference ExpiringTokenAuthentication and changes only how
the key is read or looked up, so expiry and inactive-user checks still apply.
Like any authentication module, this one must not import rest_framework.views:
DRF resolves DEFAULT_AUTHENTICATION_CLASSES while importing it.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authtoken.models import Token

from target_project.accounts.authentication import ExpiringTokenAuthentication


class CaseInsensitiveTokenAuthentication(ExpiringTokenAuthentication):
    """
    FLAW (CWE-178): the key is matched case-insensitively, "to be forgiving" or, just
    as often, because a MySQL *_ci collation does it silently to DRF's own `key=` lookup.
    """

    def authenticate_credentials(self, key):
        token = Token.objects.filter(key__iexact=key).first()
        return super().authenticate_credentials(token.key if token else key)


class PrefixTokenAuthentication(ExpiringTokenAuthentication):
    """
    FLAW (CWE-287): keys are matched by prefix, like abbreviated Git hashes, so any
    truncation of a key, down to one character, is accepted. On SQLite `startswith`
    is a LIKE, so it is case-insensitive as well.
    """

    def authenticate_credentials(self, key):
        token = Token.objects.filter(key__startswith=key).first()
        return super().authenticate_credentials(token.key if token else key)


class SlicedTokenAuthentication(ExpiringTokenAuthentication):
    """
    FLAW (CWE-20): "the key column is 40 characters", so the presented key is cut to
    40 to forgive trailing junk (a newline from `cat token.txt`): anything may follow it.
    """

    def authenticate_credentials(self, key):
        return super().authenticate_credentials(key[:40])


class LastWordTokenAuthentication(ExpiringTokenAuthentication):
    """
    FLAW (CWE-287): `header.split()[-1]`, the key is "whatever comes last". The scheme
    word and any words between are ignored, so `Token garbage <key>` and
    `Bearer <key>` authenticate; an unknown key is passed on to the next class.
    """

    def authenticate(self, request):
        words = request.META.get("HTTP_AUTHORIZATION", "").split()
        if not words:
            return None
        key = words[-1]
        if not Token.objects.filter(key=key).exists():
            return None
        return self.authenticate_credentials(key)


class AsciiTokenAuthentication(ExpiringTokenAuthentication):
    """
    FLAW (CWE-755): "headers are ASCII". The header is encoded with the ascii codec
    instead of DRF's get_authorization_header(), so any byte above 0x7f raises an
    unhandled UnicodeEncodeError: a 500 instead of a 401.
    """

    def authenticate(self, request):
        auth = request.META.get("HTTP_AUTHORIZATION", "").encode("ascii").split()
        if not auth or auth[0].lower() != b"token":
            return None
        if len(auth) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        return self.authenticate_credentials(auth[1].decode("ascii"))


class CaseSensitiveSchemeTokenAuthentication(ExpiringTokenAuthentication):
    """
    FLAW (RFC 9110 §11.1, CWE-178): the scheme word is compared with `==` against one
    spelling, so `token <key>` or `TOKEN <key>` from a standard client is refused.
    """

    def authenticate(self, request):
        auth = request.META.get("HTTP_AUTHORIZATION", "").split()
        if not auth or auth[0] != self.keyword:
            return None
        if len(auth) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        return self.authenticate_credentials(auth[1])


class BasicChallengeTokenAuthentication(ExpiringTokenAuthentication):
    """
    FLAW (RFC 9110 §11.6.1): "to get a 401 instead of a 403", authenticate_header()
    copied from BasicAuthentication. The challenge names a scheme this API does not
    accept, and browsers answer it with a password dialog.
    """

    def authenticate_header(self, request):
        return 'Basic realm="api"'


class QueryStringTokenAuthentication(ExpiringTokenAuthentication):
    """
    FLAW (CWE-598): `?token=<key>` works too, "for download links and websockets".
    Every URL with a key lands in access logs, browser history and Referer headers.
    """

    def authenticate(self, request):
        key = request.query_params.get("token")
        if key:
            return self.authenticate_credentials(key)
        return super().authenticate(request)


class AnySchemeWordTokenAuthentication(ExpiringTokenAuthentication):
    """
    FLAW (CWE-287): "so that both `Token` and `Bearer` clients work", the scheme word
    is never looked at: `<anything> <key>` is a DRF token, so an OAuth2 or JWT client
    library, a proxy or another service's credential reaches the token lookup.
    """

    def authenticate(self, request):
        auth = request.META.get("HTTP_AUTHORIZATION", "").split()
        if len(auth) != 2 or not Token.objects.filter(key=auth[1]).exists():
            return None
        return self.authenticate_credentials(auth[1])
