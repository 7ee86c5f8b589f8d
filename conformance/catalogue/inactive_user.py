"""Checks of the ``inactive-user`` family: a deactivated account stops working at once."""

from conformance.catalogue.registry import Check, register

DEACTIVATED_USER_REFUSED = register(
    Check(
        check_id="DRFC-401",
        family="inactive-user",
        title="Credentials issued before the user was deactivated are refused",
        severity="high",
        cwe="CWE-613",
        description=(
            "Credentials of every kind (DRF token, OAuth2 bearer token, session, Basic, JWT, "
            "knox) are issued while the user is active; the user is then deactivated "
            "(is_active = False). Each must be refused on every protected endpoint, while an "
            "active user's credential of the same kind is accepted there. django-oauth-toolkit's "
            "OAuth2Authentication keeps accepting bearer tokens of deactivated users: its "
            "validator loads access_token.user without looking at is_active."
        ),
        remediation=(
            "Use a subclass of oauth2_provider.contrib.rest_framework.OAuth2Authentication "
            "that raises AuthenticationFailed when request.user.is_active is False (as "
            "target_project.accounts.authentication.ActiveUserOAuth2Authentication does); keep "
            "the `if not token.user.is_active` test of DRF's TokenAuthentication in any subclass; "
            "keep django.contrib.auth.backends.ModelBackend, not AllowAllUsersModelBackend, in "
            "AUTHENTICATION_BACKENDS (allauth headless's XSessionTokenAuthentication loads the "
            "X-Session-Token's user through it); revoke a user's tokens when deactivating them."
        ),
        references=(
            "OWASP ASVS 5.0 V7.4.2 (terminate sessions when an account is disabled)",
            "CWE-613: Insufficient Session Expiration",
            "https://django-oauth-toolkit.readthedocs.io/en/latest/rest-framework/getting_started.html",
        ),
    )
)

INACTIVE_USER_CANNOT_LOG_IN = register(
    Check(
        check_id="DRFC-402",
        family="inactive-user",
        title="An inactive user cannot obtain a new token",
        severity="high",
        cwe="CWE-287",
        description=(
            "Every login the deployment has (TOKEN_LOGIN_PATH, OAUTH2_TOKEN_PATH, simplejwt's "
            "JWT_LOGIN_PATH, knox's KNOX_LOGIN_PATH, djoser's DJOSER_LOGIN_PATH) must refuse the "
            "right password of a deactivated user and issue nothing, while the same request for an "
            "active user gets a token (the positive control)."
        ),
        remediation=(
            "Authenticate logins with django.contrib.auth.authenticate() and the default "
            "ModelBackend (its user_can_authenticate() refuses inactive users), or test "
            "user.is_active in the login view or serializer; never use "
            "AllowAllUsersModelBackend on a login path: djoser's TokenCreateSerializer trusts "
            "authenticate() and never reads is_active itself."
        ),
        references=(
            "OWASP ASVS 5.0 V6.3 (authentication)",
            "CWE-287: Improper Authentication",
            "https://docs.djangoproject.com/en/5.2/ref/contrib/auth/#django.contrib.auth.backends.ModelBackend.user_can_authenticate",
        ),
    )
)
