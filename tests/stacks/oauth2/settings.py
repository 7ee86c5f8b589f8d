"""
The django-oauth-toolkit stack in its documented, sound configuration: the reference deployment
(bearer tokens through DOT, rotating refresh tokens with reuse protection, PKCE with S256 only,
the implicit grant refused, exact redirect URIs) plus DOT's authorization endpoint and API views
guarded by scopes. The password grant stays accepted as in the reference: its clients use it
(CONFORMANCE['OAUTH2_ACCEPTED_GRANTS']).
"""

from target_project.settings import *  # noqa: F401,F403

ROOT_URLCONF = "tests.stacks.oauth2.urls"

# How a black box audits this stack (tools/detection_table.py, issue 12): the reference's paths and
# the grants its team accepts (a copy that accepts none says so), the polls API its tokens guard.
REMOTE_CONFIG_BASE = """\
PUBLIC_PATHS = []
MAX_TOKEN_AGE = "30d"
TOKEN_LOGIN_PATH = "/accounts/get_auth_token/"
LOGOUT_PATH = "/accounts/logout/"
SESSION_LOGIN_PATH = "/accounts/login/"
OAUTH2_TOKEN_PATH = "/auth/token/"
"""
REMOTE = {
    "config": REMOTE_CONFIG_BASE + 'OAUTH2_ACCEPTED_GRANTS = ["password"]\n',
    "endpoints": "GET /polls/api/questions/\nGET /polls/api/questions/1/\n",
}
