"""
Variant `cacheable_login`: the token answer may be cached.

Mistake: the reference login view without its `Cache-Control: no-store` and
`Pragma: no-cache` headers (RFC 6749 §5.1, RFC 9111 §5.2.2.5): a browser or shared cache
may store the answer that carries the token (CWE-525).
Habit: DRF's obtain_auth_token sets no caching headers, and nothing breaks without them.
Must trip: DRFC-902 (token-endpoint: token responses carry Cache-Control: no-store), for
the token login only.
"""

from target_project.settings import *  # noqa: F401,F403

ROOT_URLCONF = "target_project.variants.flaws.urls_cacheable_login"

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-902"}
