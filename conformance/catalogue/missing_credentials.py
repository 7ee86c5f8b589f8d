"""Checks of the ``missing-credentials`` family: protected endpoints refuse anonymous requests."""

from conformance.catalogue.registry import Check, register

ANONYMOUS_REFUSED = register(
    Check(
        check_id="DRFC-101",
        family="missing-credentials",
        title="Protected endpoint refuses anonymous requests",
        severity="high",
        cwe="CWE-306",
        description=(
            "A request without any credentials to an endpoint that is not listed in PUBLIC_PATHS "
            "must be refused with 401 or 403, while the same request with valid credentials "
            "is accepted (the positive control)."
        ),
        remediation=(
            "Set REST_FRAMEWORK['DEFAULT_PERMISSION_CLASSES'] to "
            "['rest_framework.permissions.IsAuthenticated'] and remove AllowAny from the view's "
            "permission_classes, or add the path to CONFORMANCE['PUBLIC_PATHS'] if it is public "
            "by design."
        ),
        references=(
            "OWASP ASVS 5.0 V8.2.1",
            "CWE-306: Missing Authentication for Critical Function",
            "https://www.django-rest-framework.org/api-guide/permissions/",
        ),
    )
)

CHALLENGE_ON_401 = register(
    Check(
        check_id="DRFC-102",
        family="missing-credentials",
        title="A 401 answer carries a WWW-Authenticate challenge",
        severity="low",
        cwe="CWE-287",
        description=(
            "RFC 9110 section 11.6.1: a server generating a 401 MUST send a WWW-Authenticate "
            "header with at least one challenge naming an authentication scheme. DRF sends it "
            "when the first authentication class defines authenticate_header(); otherwise it "
            "answers 403 instead."
        ),
        remediation=(
            "Keep authenticate_header() on the first class of "
            "REST_FRAMEWORK['DEFAULT_AUTHENTICATION_CLASSES'] (TokenAuthentication returns its "
            "keyword) and make sure REST_FRAMEWORK['EXCEPTION_HANDLER'] copies "
            "exc.auth_header into the WWW-Authenticate header as "
            "rest_framework.views.exception_handler does."
        ),
        references=(
            "RFC 9110 section 11.6.1 (WWW-Authenticate)",
            "RFC 9110 section 15.5.2 (401 Unauthorized)",
            "https://www.django-rest-framework.org/api-guide/authentication/#unauthorized-and-forbidden-responses",
        ),
    )
)

REFUSAL_LEAKS_NO_DATA = register(
    Check(
        check_id="DRFC-103",
        family="missing-credentials",
        title="The refusal of an anonymous request leaks no protected data",
        severity="high",
        cwe="CWE-200",
        description=(
            "The body of a 401/403 answer to an anonymous request must not contain the data the "
            "endpoint returns to an authenticated client: no distinctive value of the positive "
            "control's answer may appear in the refusal."
        ),
        remediation=(
            "Do not render serializer data in permission_denied(), handle_exception() or a custom "
            "REST_FRAMEWORK['EXCEPTION_HANDLER']; answer refusals with the error detail only."
        ),
        references=(
            "CWE-200: Exposure of Sensitive Information to an Unauthorized Actor",
            "OWASP ASVS 5.0 V8.2.1",
        ),
    )
)
