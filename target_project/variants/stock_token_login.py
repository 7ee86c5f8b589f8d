"""
Variant `stock_token_login`: DRF's stock obtain_auth_token as the login endpoint.

Mistake: /accounts/get_auth_token/ is rest_framework.authtoken.views.obtain_auth_token, as
the seed tutorial wires it, under the reference's expiring token class. Its
Token.objects.get_or_create(user=user) hands an expired token back forever (CWE-672), its
answer carries no Cache-Control: no-store (CWE-525), and it runs the default
authentication classes first, so a stale token in the header answers 401 to the right
password.
Habit: "the token endpoint is one line in urls.py", and expiry added later in the
authentication class only, as the seed leaves it ("create a new token for your users the
next time they login" is left to the reader).
Must trip: DRFC-901 (token-endpoint: fresh token after expiry), DRFC-902 (no-store) and
DRFC-905 (a stale Authorization header does not stop a login), for the token login only.
"""

from target_project.settings import *  # noqa: F401,F403

ROOT_URLCONF = "target_project.variants.flaws.urls_stock_token_login"

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-901", "DRFC-902", "DRFC-905"}
