"""
The django-oauth-toolkit stack in its documented, sound configuration: the reference deployment
(bearer tokens through DOT, rotating refresh tokens with reuse protection, PKCE with S256 only,
the implicit grant refused, exact redirect URIs) plus DOT's authorization endpoint and API views
guarded by scopes. The password grant stays accepted as in the reference: its clients use it
(CONFORMANCE['OAUTH2_ACCEPTED_GRANTS']).
"""

from target_project.settings import *  # noqa: F401,F403

ROOT_URLCONF = "tests.stacks.oauth2.urls"
