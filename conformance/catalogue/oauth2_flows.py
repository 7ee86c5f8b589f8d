"""Checks of the ``oauth2-flows`` family: django-oauth-toolkit configured as RFC 9700 advises.

Scopes are proven over HTTP with tokens the suite issues through DOT's own models in-process;
the grant and redirect rules are read from ``OAUTH2_PROVIDER`` and DOT's application model, the
way the library itself applies them.
"""

from conformance.catalogue.registry import Check, register

RFC9700 = "RFC 9700 (OAuth 2.0 Security Best Current Practice)"

READ_SCOPE_CANNOT_WRITE = register(Check(
    check_id="DRFC-1401",
    family="oauth2-flows",
    title="A read-scope token cannot write where a scope permission guards the view",
    severity="high",
    cwe="CWE-285",
    description=(
        "On every unsafe-method endpoint whose permission classes include django-oauth-toolkit's "
        "TokenHasReadWriteScope, TokenHasScope or TokenMatchesOASRequirements, a token with "
        "scope 'read' only must be refused where a 'read write' token is accepted."
    ),
    remediation=(
        "Guard the view with oauth2_provider.contrib.rest_framework.TokenHasReadWriteScope (or "
        "TokenHasScope with required_scopes); do not combine it with IsAuthenticatedOrTokenHasScope "
        "or an OR of IsAuthenticated, which lets any token through."
    ),
    references=("RFC 6749 §3.3 (access token scope)", RFC9700 + " §2.3 (privilege restriction)",
                "CWE-285: Improper Authorization"),
))

PKCE_REQUIRED = register(Check(
    check_id="DRFC-1402",
    family="oauth2-flows",
    title="PKCE is required for authorization-code clients",
    severity="high",
    cwe="CWE-345",
    description=(
        "OAUTH2_PROVIDER['PKCE_REQUIRED'] must be true (or a callable that is true for public "
        "clients): without PKCE an intercepted authorization code of a public client is redeemed "
        "by whoever holds it."
    ),
    remediation=(
        "Set OAUTH2_PROVIDER['PKCE_REQUIRED'] = True (django-oauth-toolkit's default since 2.0) and "
        "OAUTH2_PROVIDER['COMPLIANT_BCP_RFC9700_PKCE_METHOD'] = True so only S256 is accepted."
    ),
    references=("RFC 7636 (PKCE)", RFC9700 + " §2.1.1", "CWE-345"),
))

REDIRECT_URI_EXACT = register(Check(
    check_id="DRFC-1403",
    family="oauth2-flows",
    title="redirect_uri is matched exactly",
    severity="high",
    cwe="CWE-601",
    description=(
        "The project's OAuth2 application model must allow only the registered redirect URI: "
        "another path, an added path segment, another port, host suffix or userinfo must be "
        "refused, and OAUTH2_PROVIDER['ALLOW_URI_WILDCARDS'] must stay off."
    ),
    remediation=(
        "Keep OAUTH2_PROVIDER['ALLOW_URI_WILDCARDS'] = False and "
        "OAUTH2_PROVIDER['ALLOWED_REDIRECT_URI_SCHEMES'] = ['https']; a custom application model "
        "must not override redirect_uri_allowed() with prefix or pattern matching."
    ),
    references=(RFC9700 + " §2.1 and §4.1.3 (exact string matching)", "CWE-601: Open Redirect"),
))

IMPLICIT_GRANT_OFF = register(Check(
    check_id="DRFC-1404",
    family="oauth2-flows",
    title="The implicit grant is refused unless accepted on purpose",
    severity="medium",
    cwe="CWE-522",
    description=(
        "The implicit grant puts access tokens in URLs (browser history, Referer, logs); RFC 9700 "
        "says not to use it. django-oauth-toolkit refuses it only with "
        "OAUTH2_PROVIDER['COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT'] = True. Listing 'implicit' in "
        "CONFORMANCE['OAUTH2_ACCEPTED_GRANTS'] accepts it on purpose."
    ),
    remediation=(
        "Set OAUTH2_PROVIDER['COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT'] = True and move clients to "
        "the authorization-code grant with PKCE."
    ),
    references=(RFC9700 + " §2.1.2", "CWE-522: Insufficiently Protected Credentials"),
))

PASSWORD_GRANT_OFF = register(Check(
    check_id="DRFC-1405",
    family="oauth2-flows",
    title="The password grant is refused unless accepted on purpose",
    severity="medium",
    cwe="CWE-522",
    description=(
        "The resource owner password credentials grant hands the user's password to the client; "
        "RFC 9700 says it must not be used. django-oauth-toolkit refuses it only with "
        "OAUTH2_PROVIDER['COMPLIANT_BCP_RFC9700_PASSWORD_GRANT'] = True; remotely, a password "
        "login at OAUTH2_TOKEN_PATH that issues a token shows it on. Listing 'password' in "
        "CONFORMANCE['OAUTH2_ACCEPTED_GRANTS'] accepts it on purpose."
    ),
    remediation=(
        "Set OAUTH2_PROVIDER['COMPLIANT_BCP_RFC9700_PASSWORD_GRANT'] = True and move clients to "
        "the authorization-code grant with PKCE (or client credentials for machines)."
    ),
    references=(RFC9700 + " §2.4", "CWE-522: Insufficiently Protected Credentials"),
))

REFRESH_REUSE_PROTECTED = register(Check(
    check_id="DRFC-1406",
    family="oauth2-flows",
    title="Refresh tokens rotate and a replayed one revokes its family",
    severity="high",
    cwe="CWE-613",
    description=(
        "A refresh token is exchanged at OAUTH2_TOKEN_PATH, then the old one is replayed: the "
        "replay must be refused and, with reuse protection, the refresh token issued by the first "
        "exchange must be refused too (the whole family is revoked)."
    ),
    remediation=(
        "Set OAUTH2_PROVIDER['ROTATE_REFRESH_TOKEN'] = True and "
        "OAUTH2_PROVIDER['REFRESH_TOKEN_REUSE_PROTECTION'] = True (and "
        "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN = True so check --deploy enforces them)."
    ),
    references=(RFC9700 + " §4.14.2", "CWE-613: Insufficient Session Expiration"),
))

CLIENT_TOKEN_REFUSED_CLEANLY = register(Check(
    check_id="DRFC-1407",
    family="oauth2-flows",
    title="A client-credentials token (no user) is refused cleanly on user endpoints",
    severity="medium",
    cwe="CWE-755",
    description=(
        "An access token issued to a client with no user (client_credentials grant) is sent to "
        "each endpoint that takes bearer tokens: it must be refused with 401/403, never a 500 "
        "(an authentication class that reads token.user.is_active crashes on None), and never "
        "accepted unless the view is guarded by DOT's scope permissions alone (a machine endpoint)."
    ),
    remediation=(
        "In a custom OAuth2Authentication, treat a token whose user is None as a client token: "
        "refuse it (return None or raise AuthenticationFailed) on user endpoints, and guard "
        "machine endpoints with TokenHasScope."
    ),
    references=("RFC 6749 §4.4 (client credentials grant)", "CWE-755: Improper Handling of "
                "Exceptional Conditions", "CWE-285"),
))
