"""
NEVER DEPLOY THIS. Settings for poking at the reference deployment by hand over
plain HTTP with `python target_project/manage.py runserver`.

Everything that keeps credentials off the wire is switched off here: no redirect to
HTTPS, no HSTS, cookies sent over plain HTTP. Tokens, passwords and session cookies
travel in cleartext (CWE-319). The audited deployment is `target_project.settings`.
"""

from .settings import *  # noqa: F401,F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
