"""Checks of the ``refresh-token`` family: refresh tokens are not access tokens, and they end.

simplejwt issues a long-lived refresh token beside each short access token. These checks get
one from the deployment's own login (JWT_LOGIN_PATH) or, in-process, from simplejwt's code, and
use it at the refresh (JWT_REFRESH_PATH) and blacklist (JWT_BLACKLIST_PATH) endpoints.
"""

from conformance.catalogue.registry import Check, register

RFC9700_REFRESH = "RFC 9700 §4.14.2 (refresh token rotation and reuse detection)"

REFRESH_NOT_ACCESS = register(Check(
    check_id="DRFC-1301",
    family="refresh-token",
    title="A refresh token is not accepted as an access token",
    severity="high",
    cwe="CWE-287",
    description=(
        "A refresh token presented where the access token is accepted must be refused: it lives "
        "far longer (SIMPLE_JWT['REFRESH_TOKEN_LIFETIME']) and is sent to fewer places."
    ),
    remediation=(
        "Keep SIMPLE_JWT['AUTH_TOKEN_CLASSES'] to ('rest_framework_simplejwt.tokens.AccessToken',) "
        "and SIMPLE_JWT['TOKEN_TYPE_CLAIM'] set, so the token_type claim is verified."
    ),
    references=("RFC 8725 §3.11 (explicit typing)", "RFC 6749 §1.5 (refresh tokens go to the "
                "authorization server only)", "CWE-287"),
))

ROTATED_REFRESH_REFUSED = register(Check(
    check_id="DRFC-1302",
    family="refresh-token",
    title="After rotation the old refresh token is refused",
    severity="high",
    cwe="CWE-613",
    description=(
        "A refresh token is exchanged at JWT_REFRESH_PATH; the answer must carry a new refresh "
        "token (rotation) and the old one, used again, must be refused (blacklisted after "
        "rotation): a stolen refresh token then works once at most, and its reuse shows."
    ),
    remediation=(
        "Set SIMPLE_JWT['ROTATE_REFRESH_TOKENS'] = True and SIMPLE_JWT['BLACKLIST_AFTER_ROTATION'] "
        "= True with 'rest_framework_simplejwt.token_blacklist' in INSTALLED_APPS."
    ),
    references=(RFC9700_REFRESH, "OWASP ASVS 5.0 V7.2.4", "CWE-613: Insufficient Session Expiration"),
))

LOGOUT_BLACKLISTS_REFRESH = register(Check(
    check_id="DRFC-1303",
    family="refresh-token",
    title="Logging out (the blacklist view) ends the refresh token",
    severity="high",
    cwe="CWE-613",
    description=(
        "A refresh token posted to JWT_BLACKLIST_PATH must be accepted there and refused at "
        "JWT_REFRESH_PATH afterwards: a logout that leaves it working leaves the session open "
        "for SIMPLE_JWT['REFRESH_TOKEN_LIFETIME']."
    ),
    remediation=(
        "Route rest_framework_simplejwt.views.TokenBlacklistView (or call RefreshToken(token)."
        "blacklist() in your logout view) with 'rest_framework_simplejwt.token_blacklist' in "
        "INSTALLED_APPS."
    ),
    references=("OWASP ASVS 5.0 V7.4.1 (logout invalidates the session)", "RFC 7009",
                "CWE-613: Insufficient Session Expiration"),
))

INACTIVE_USER_REFRESH_REFUSED = register(Check(
    check_id="DRFC-1304",
    family="refresh-token",
    title="A deactivated user's refresh token yields no new access token",
    severity="high",
    cwe="CWE-613",
    description=(
        "A refresh token issued while the user was active is exchanged after the user is "
        "deactivated: JWT_REFRESH_PATH must refuse it, else a disabled account keeps minting "
        "access tokens until the refresh token expires."
    ),
    remediation=(
        "Keep SIMPLE_JWT['USER_AUTHENTICATION_RULE'] at simplejwt's default_user_authentication_rule "
        "(or one that checks user.is_active); TokenRefreshSerializer applies it."
    ),
    references=("OWASP ASVS 5.0 V7.4.2 (disabling an account ends its sessions)", "CWE-613"),
))

STATELESS_USER_AUTH = register(Check(
    check_id="DRFC-1305",
    family="refresh-token",
    title="No endpoint authenticates JWTs without loading the user (JWTStatelessUserAuthentication)",
    severity="medium",
    cwe="CWE-613",
    description=(
        "simplejwt's JWTStatelessUserAuthentication (and the older JWTTokenUserAuthentication) "
        "trusts the token's claims and never loads the user, so a deactivated or deleted user "
        "keeps access until each token expires. In-process, every view's authentication classes "
        "are read."
    ),
    remediation=(
        "Use rest_framework_simplejwt.authentication.JWTAuthentication (it loads the user and "
        "applies SIMPLE_JWT['CHECK_USER_IS_ACTIVE']); where stateless auth is needed, keep "
        "SIMPLE_JWT['ACCESS_TOKEN_LIFETIME'] to minutes."
    ),
    references=("OWASP ASVS 5.0 V7.4.2", "CWE-613: Insufficient Session Expiration"),
))
