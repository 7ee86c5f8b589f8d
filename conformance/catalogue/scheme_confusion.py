"""Checks of the ``scheme-confusion`` family: a credential counts only under its own scheme word.

Also the challenges of 401 answers (RFC 9110 section 11.6.1, RFC 6750 section 3.1): what a client
is told when its credential is refused is part of how the scheme is spoken.
"""

from conformance.catalogue.registry import Check, register

DRF_401_RULE = (
    "DRF decides between 401 and 403 by the FIRST class of the view's authentication_classes "
    "(REST_FRAMEWORK['DEFAULT_AUTHENTICATION_CLASSES'] by default): when that class defines "
    "authenticate_header(), a refusal is a 401 carrying that class's challenge, whichever class "
    "refused the credential; when it does not (SessionAuthentication), the refusal is a 403 "
    "without a challenge."
)

ONLY_OWN_SCHEME = register(
    Check(
        check_id="DRFC-501",
        family="scheme-confusion",
        title="A credential is accepted only under its own scheme word",
        severity="high",
        cwe="CWE-287",
        description=(
            "Every credential kind the deployment accepts (DRF token, OAuth2 bearer, JWT, Basic, "
            "the session cookie's value) is sent under every other scheme word (Token, Bearer, "
            "Basic, JWT, Api-Key, in lower, upper and mixed case) and with no scheme word at all; "
            "each must be refused, while the same credential under its own scheme is accepted "
            "(the positive control). A class that ignores the scheme word takes whatever comes "
            "last in the header, so any class's credential, or a credential meant for another "
            "service, reaches its lookup."
        ),
        remediation=(
            "Subclass rest_framework.authentication.TokenAuthentication (or "
            "oauth2_provider.contrib.rest_framework.OAuth2Authentication, "
            "rest_framework_simplejwt.authentication.JWTAuthentication) and keep its authenticate(): "
            "it splits get_authorization_header(request) and returns None unless the first word "
            "equals the class's keyword; never read request.META['HTTP_AUTHORIZATION'].split()[-1]."
        ),
        references=(
            "RFC 9110 section 11.4 (Credentials) and 11.6.2 (Authorization)",
            "RFC 6750 section 2.1 (Authorization Request Header Field)",
            "OWASP ASVS 5.0 V7.2.1",
            "CWE-287: Improper Authentication",
        ),
    )
)

SCHEME_WORD_CASE_INSENSITIVE = register(
    Check(
        check_id="DRFC-502",
        family="scheme-confusion",
        title="The scheme word is matched case-insensitively",
        severity="low",
        cwe="CWE-178",
        description=(
            "RFC 9110 section 11.1: authentication scheme names are case-insensitive, so "
            "'token', 'TOKEN' and 'ToKeN' name the same scheme as 'Token'. A valid credential "
            "refused only because of the case of its scheme word is a conformance defect that "
            "breaks standard clients, not a vulnerability."
        ),
        remediation=(
            "Compare the scheme word as DRF's TokenAuthentication.authenticate() does: "
            "auth[0].lower() != self.keyword.lower().encode(); never compare it with '==' "
            "against one spelling."
        ),
        references=(
            "RFC 9110 section 11.1 (Authentication Scheme)",
            "CWE-178: Improper Handling of Case Sensitivity",
        ),
    )
)

CHALLENGE_NAMES_SCHEME = register(
    Check(
        check_id="DRFC-503",
        family="scheme-confusion",
        title="A 401 for a refused credential names a scheme the endpoint accepts",
        severity="low",
        cwe="CWE-287",
        description=(
            "An invalid credential under each scheme the endpoint accepts, and no credential at "
            "all: every 401 answer must carry WWW-Authenticate whose challenge names a scheme the "
            "endpoint really accepts, so a client knows how to authenticate (RFC 9110 section "
            "11.6.1). " + DRF_401_RULE
        ),
        remediation=(
            "Let the first class of REST_FRAMEWORK['DEFAULT_AUTHENTICATION_CLASSES'] (or of the "
            "view's authentication_classes) be one the endpoint accepts and keep its "
            "authenticate_header() (TokenAuthentication returns its keyword); a custom "
            "REST_FRAMEWORK['EXCEPTION_HANDLER'] must copy exc.auth_header into WWW-Authenticate "
            "as rest_framework.views.exception_handler does."
        ),
        references=(
            "RFC 9110 section 11.6.1 (WWW-Authenticate)",
            "RFC 9110 section 15.5.2 (401 Unauthorized)",
            "https://www.django-rest-framework.org/api-guide/authentication/#unauthorized-and-forbidden-responses",
        ),
    )
)

BEARER_INVALID_TOKEN_ERROR = register(
    Check(
        check_id="DRFC-504",
        family="scheme-confusion",
        title='A Bearer challenge for a refused token carries error="invalid_token"',
        severity="low",
        cwe="CWE-287",
        description=(
            "RFC 6750 section 3.1: when a request carried an access token that is expired, "
            "revoked or unknown, the Bearer challenge SHOULD carry error=\"invalid_token\", so the "
            "client refreshes the token instead of retrying it. Judged wherever a 401 carries a "
            "Bearer challenge, which in DRF means the bearer class is first in line. "
            + DRF_401_RULE
        ),
        remediation=(
            "Build the challenge with oauth2_provider.www_authenticate.build_bearer_challenge "
            "from request.oauth2_error, as OAuth2Authentication.authenticate_header() does; when "
            "a subclass refuses a token itself, set request.oauth2_error = {'error': "
            "'invalid_token', ...} before raising AuthenticationFailed."
        ),
        references=(
            "RFC 6750 section 3.1 (Error Codes)",
            "RFC 6750 section 3 (The WWW-Authenticate Response Header Field)",
        ),
    )
)

BEARER_NO_ERROR_WITHOUT_CREDENTIALS = register(
    Check(
        check_id="DRFC-505",
        family="scheme-confusion",
        title="A Bearer challenge to a request without credentials carries no error code",
        severity="low",
        cwe="CWE-287",
        description=(
            "RFC 6750 section 3.1: if the request lacks any authentication information, the "
            "resource server SHOULD NOT include an error code in the Bearer challenge; "
            "error=\"invalid_token\" there tells the client a token it never sent was bad. Judged "
            "wherever an anonymous 401 carries a Bearer challenge. " + DRF_401_RULE
        ),
        remediation=(
            "Do not hard-code error=\"invalid_token\" in authenticate_header(): add the error only "
            "from request.oauth2_error, which OAuth2Authentication sets only when a token was "
            "presented (oauth2_provider.www_authenticate.build_bearer_challenge)."
        ),
        references=(
            "RFC 6750 section 3.1 (Error Codes)",
            "RFC 6750 section 3 (The WWW-Authenticate Response Header Field)",
        ),
    )
)
