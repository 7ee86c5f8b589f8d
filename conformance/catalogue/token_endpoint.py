"""Checks of the ``token-endpoint`` family: the login and OAuth2 token endpoints themselves.

Each check runs for the DRF token login (TOKEN_LOGIN_PATH), the OAuth2 token endpoint
(OAUTH2_TOKEN_PATH), simplejwt's obtain-pair view (JWT_LOGIN_PATH, djoser's /auth/jwt/create/ too),
knox's login (KNOX_LOGIN_PATH) and djoser's token login (DJOSER_LOGIN_PATH), whichever the
deployment has; the result's ``login`` parameter says which (issue 14).
"""

from conformance.catalogue.registry import Check, register

FRESH_TOKEN_AFTER_EXPIRY = register(
    Check(
        check_id="DRFC-901",
        family="token-endpoint",
        title="Logging in after a token expired yields a token that works",
        severity="medium",
        cwe="CWE-672",
        description=(
            "With the clock moved past the token's lifetime (or MAX_TOKEN_AGE), logging in "
            "again must issue a token that the API accepts. DRF's stock obtain_auth_token "
            "answers with Token.objects.get_or_create(user=user): under an expiring token class "
            "it hands the same expired key back forever, and the user can never log in again."
        ),
        remediation=(
            "In the login view (a subclass of rest_framework.authtoken.views.ObtainAuthToken), "
            "delete an expired token and create a new one before answering, in one transaction "
            "(select_for_update), as target_project.accounts.views.ObtainExpiringAuthToken does. "
            'dj-rest-auth: set REST_AUTH["TOKEN_CREATOR"] to a function that does the same (its '
            "default, default_create_token, hands an expired token back). "
            "djoser's TokenCreateView does the same get_or_create() (djoser.utils.login_user): "
            "subclass it and delete the user's expired DJOSER['TOKEN_MODEL'] row in _action() first."
        ),
        references=(
            "CWE-672: Operation on a Resource after Expiration or Release",
            "OWASP ASVS 5.0 V7.3.2",
            "https://www.django-rest-framework.org/api-guide/authentication/#tokenauthentication",
        ),
    )
)

NO_STORE = register(
    Check(
        check_id="DRFC-902",
        family="token-endpoint",
        title="Token responses carry Cache-Control: no-store",
        severity="medium",
        cwe="CWE-525",
        description=(
            "A response that carries a credential must not be stored by a browser or shared "
            "cache: Cache-Control: no-store (RFC 9111 section 5.2.2.5), and for the OAuth2 token "
            "endpoint also Pragma: no-cache (RFC 6749 section 5.1). DRF's obtain_auth_token sets "
            "neither."
        ),
        remediation=(
            "Set response['Cache-Control'] = 'no-store' (and response['Pragma'] = 'no-cache') in "
            "finalize_response() of the login view, or decorate it with "
            "django.views.decorators.cache.never_cache; django-oauth-toolkit's TokenView sets "
            "both already, so keep it undecorated. dj-rest-auth's LoginView, knox's LoginView, djoser's "
            "TokenCreateView and simplejwt's TokenObtainPairView (djoser's /auth/jwt/create/) set "
            "neither: route a subclass that does, or wrap each in never_cache in the URLconf "
            "(path('login/', never_cache(LoginView.as_view())))."
        ),
        references=(
            "RFC 6749 section 5.1 (Successful Response: Cache-Control no-store, Pragma no-cache)",
            "RFC 9111 section 5.2.2.5 (no-store)",
            "CWE-525: Use of Web Browser Cache Containing Sensitive Information",
        ),
    )
)

NO_USER_ENUMERATION = register(
    Check(
        check_id="DRFC-903",
        family="token-endpoint",
        title="Unknown user, wrong password and inactive user get identical answers",
        severity="medium",
        cwe="CWE-204",
        description=(
            "A failed login must not say why it failed: an unknown username, a known username "
            "with a wrong password and an inactive user's right password must get the same "
            "status and the same body. A different message for each lets anyone list the "
            "accounts of the deployment."
        ),
        remediation=(
            "Validate logins with rest_framework.authtoken.serializers.AuthTokenSerializer (one "
            "message, 'Unable to log in with provided credentials.', for every failure) and do "
            "not look the user up before authenticate(); answer every failure with the same "
            "serializers.ValidationError. dj-rest-auth answers 'User account is disabled.' "
            "once the backend lets inactive users through: keep Django's ModelBackend, not "
            "AllowAllUsersModelBackend, in AUTHENTICATION_BACKENDS. allauth headless answers an inactive "
            "account's right password with 401 (account inactive) where a wrong one gets 400 whenever "
            "allauth.account.auth_backends.AuthenticationBackend is in AUTHENTICATION_BACKENDS: with "
            "ACCOUNT_LOGIN_METHODS = {\"username\"} keep ModelBackend alone."
        ),
        references=(
            "CWE-204: Observable Response Discrepancy",
            "OWASP ASVS 5.0 V6.3.8",
            "RFC 6749 section 5.2 (invalid_grant)",
        ),
    )
)

BAD_INPUT_REFUSED_CLEANLY = register(
    Check(
        check_id="DRFC-904",
        family="token-endpoint",
        title="Malformed login input gets a 4xx, never a server error",
        severity="medium",
        cwe="CWE-20",
        description=(
            "Missing fields, fields of the wrong type, a JSON list, a body that is not the JSON "
            "it claims to be, a body larger than DATA_UPLOAD_MAX_MEMORY_SIZE and a NUL byte in "
            "the username are client errors: each must get a 4xx. A 5xx shows a login view "
            "that indexes request.data without validating it."
        ),
        remediation=(
            "Read login input through a serializer (AuthTokenSerializer or a "
            "serializers.Serializer with CharField fields) and serializer.is_valid("
            "raise_exception=True); never request.data['username'] or .strip() on raw input."
        ),
        references=(
            "CWE-20: Improper Input Validation",
            "CWE-755: Improper Handling of Exceptional Conditions",
            "OWASP ASVS 5.0 V16.5.3",
        ),
    )
)

STALE_HEADER_DOES_NOT_BLOCK_LOGIN = register(
    Check(
        check_id="DRFC-905",
        family="token-endpoint",
        title="A stale Authorization header does not stop a user logging in",
        severity="low",
        cwe="CWE-672",
        description=(
            "Clients keep sending the token they have, and after expiry or logout the server "
            "no longer knows it. A login request carrying such a header with the right "
            "password must still issue a token. DRF's ObtainAuthToken runs the default "
            "authentication classes first, so an unknown token in the header answers 401 and "
            "the user is locked out until the client forgets it."
        ),
        remediation=(
            "Set authentication_classes = () on the login view (a subclass of "
            "rest_framework.authtoken.views.ObtainAuthToken): it reads credentials from the "
            "body only. dj-rest-auth's LoginView keeps the API's authentication classes: route a "
            "subclass with authentication_classes = ()."
        ),
        references=(
            "CWE-672: Operation on a Resource after Expiration or Release",
            "https://www.django-rest-framework.org/api-guide/authentication/#by-exposing-an-api-endpoint",
        ),
    )
)

NO_DEFAULT_CREDENTIALS = register(
    Check(
        check_id="DRFC-906",
        family="token-endpoint",
        title="No well-known default credentials log in",
        severity="critical",
        cwe="CWE-1392",
        description=(
            "Demo data, fixtures and installers leave accounts such as admin/admin or "
            "admin/adminadmin behind, and the login endpoint hands anyone who tries them a token. "
            "A short list of well-known pairs is tried at each login endpoint (in-process always; "
            "remotely only with --try-default-credentials or TRY_DEFAULT_CREDENTIALS, since each "
            "is a real failed login), stopping at the first sign of throttling or lockout."
        ),
        remediation=(
            "Remove the account or give it a strong, unique password (manage.py changepassword), "
            "take fixture users out of the fixtures loaded in production, and enforce "
            "AUTH_PASSWORD_VALIDATORS (CommonPasswordValidator, UserAttributeSimilarityValidator) "
            "on every way a password is set."
        ),
        references=(
            "CWE-1392: Use of Default Credentials",
            "CWE-1393: Use of Default Password",
            "OWASP ASVS 5.0 V6.2.1",
            "https://docs.djangoproject.com/en/stable/topics/auth/passwords/#password-validation",
        ),
    )
)
