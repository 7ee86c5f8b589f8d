"""
The seed tutorial's ExpiringTokenAuthentication, pasted as published. NEVER USE IT.

Only one line differs from the post: the tutorial imports pytz, which is not installed
here; `pytz.utc` is `datetime.timezone.utc`, so a stand-in with that one attribute keeps
the import working without fixing anything else. The faults are the post's own:

* `exceptions` is never imported (only `AuthenticationFailed` is), so an unknown key or
  an inactive user raises NameError: a 500 instead of a 401 (CWE-755);
* `datetime` is never imported (the settings module imports it, this module does not),
  so every request with a valid token raises NameError: a 500 (CWE-755). Fresh tokens
  never work, and expired ones are never refused cleanly.
"""

import datetime as _datetime_module  # for the pytz stand-in only; the name `datetime` stays unbound

from rest_framework.authentication import TokenAuthentication, get_authorization_header  # noqa: F401
from rest_framework.exceptions import AuthenticationFailed  # noqa: F401
from django.conf import settings


class pytz:  # noqa: N801  (stand-in for the tutorial's `import pytz`)
    utc = _datetime_module.timezone.utc


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        try:
            token = self.model.objects.get(key=key)
        except self.model.DoesNotExist:
            raise exceptions.AuthenticationFailed('Invalid token')  # noqa: F821

        if not token.user.is_active:
            raise exceptions.AuthenticationFailed('User inactive or deleted')  # noqa: F821

        utc_now = datetime.utcnow()  # noqa: F821
        utc_now = utc_now.replace(tzinfo=pytz.utc)

        if token.created < utc_now - settings.TOKEN_EXPIRE_TIME:
            raise exceptions.AuthenticationFailed('Token has expired')  # noqa: F821

        return token.user, token
