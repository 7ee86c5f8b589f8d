"""Checks of the ``revocation`` family: logging out really ends the credential (LOGOUT_PATH)."""

from conformance.catalogue.registry import Check, register

LOGGED_OUT_CREDENTIAL_REFUSED = register(
    Check(
        check_id="DRFC-1001",
        family="revocation",
        title="After logout the credential is refused on every protected endpoint",
        severity="high",
        cwe="CWE-613",
        description=(
            "A disposable credential that works is sent to LOGOUT_PATH, which must accept it; "
            "afterwards the same credential must be refused on every protected endpoint, "
            "while an active credential of the same kind is accepted there (the positive "
            "control). A logout that answers 204 and deletes nothing leaves a stolen token "
            "usable. Where knox's LogoutAllView is routed (LOGOUT_ALL_PATH), a fresh user logs in "
            "twice and logs out everywhere with one token: the other must be refused too."
        ),
        remediation=(
            "In the logout view delete request.auth for a DRF token (request.auth.delete()), "
            "revoke a django-oauth-toolkit access token with its refresh token "
            "(refresh_token.revoke()), and call django.contrib.auth.logout(request) for a session. "
            "With knox route knox.views.LogoutView (it deletes request._auth) and LogoutAllView; "
            "with djoser route its TokenDestroyView (it deletes the user's DJOSER['TOKEN_MODEL'] "
            "rows) and set DJOSER['LOGOUT_ON_PASSWORD_CHANGE'] = True; a subclass that overrides "
            "post() must still delete the token. An allauth headless app logs out with DELETE on "
            "/_allauth/app/v1/auth/session: keep allauth's SessionView there (its adapter's logout() "
            "ends the session the X-Session-Token names), or call get_adapter().logout(request) in an "
            "override."
        ),
        references=(
            "OWASP ASVS 5.0 V7.4.1 (logout invalidates the session)",
            "CWE-613: Insufficient Session Expiration",
            "RFC 7009 (OAuth 2.0 Token Revocation)",
        ),
    )
)

NEW_TOKEN_AFTER_LOGOUT = register(
    Check(
        check_id="DRFC-1002",
        family="revocation",
        title="The next login yields a different token and the logged-out one stays dead",
        severity="medium",
        cwe="CWE-613",
        description=(
            "After logging in, logging out and logging in again, the new token must differ from "
            "the old one and work, and the old one must still be refused: a logout that only "
            "hides the token until the next login revives it."
        ),
        remediation=(
            "Delete the token on logout (request.auth.delete()) so the login view's "
            "get_or_create() makes a new key; never restore or reuse a revoked key."
        ),
        references=(
            "OWASP ASVS 5.0 V7.4.1",
            "CWE-613: Insufficient Session Expiration",
        ),
    )
)
