"""Checks of the ``credentials-in-url`` family: credentials count only in the header meant for them.

A credential in a URL is written to access logs, proxy logs, browser history and ``Referer``
headers (RFC 6750 section 5.3, CWE-598); one in a form body can be submitted by any page that
knows it. Each check sends a valid credential in the other place, alone, and expects the refusal an
anonymous request gets, while the same credential in its header is accepted (the positive control).
"""

from conformance.catalogue.registry import Check, register

QUERY_PARAMETER_NAMES = ("access_token", "token", "auth_token", "api_key", "key", "jwt")

NOT_IN_QUERY_STRING = register(
    Check(
        check_id="DRFC-601",
        family="credentials-in-url",
        title="A credential in the query string does not authenticate",
        severity="medium",
        cwe="CWE-598",
        description=(
            "A valid credential sent as ?" + "=, ?".join(QUERY_PARAMETER_NAMES) + "= with no "
            "Authorization header must be refused. django-oauth-toolkit reads ?access_token= "
            "unless OAUTH2_PROVIDER['COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT'] is True, and "
            "hand-written classes often read request.query_params 'for download links'."
        ),
        remediation=(
            "Read credentials only with rest_framework.authentication.get_authorization_header(); "
            "set OAUTH2_PROVIDER['COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT'] = True and use an "
            "OAuth2Authentication subclass whose authenticate() returns None unless the "
            "Authorization header carries the Bearer scheme (target_project's "
            "ActiveUserOAuth2Authentication); never read request.query_params or request.GET in "
            "an authentication class."
        ),
        references=(
            "RFC 6750 section 2.3 (URI Query Parameter) and 5.3 (Summary of Recommendations)",
            "RFC 9700 section 4.3.2 (Access Token Leakage in Browser History)",
            "OWASP ASVS 5.0 V14.2.1",
            "CWE-598: Use of GET Request Method With Sensitive Query Strings",
        ),
    )
)

NOT_IN_FORM_BODY = register(
    Check(
        check_id="DRFC-602",
        family="credentials-in-url",
        title="A credential in a form body does not authenticate",
        severity="low",
        cwe="CWE-287",
        description=(
            "A valid credential sent as a form field (application/x-www-form-urlencoded: "
            + ", ".join(QUERY_PARAMETER_NAMES) + ") of an unsafe request with no Authorization "
            "header must be refused. oauthlib, under django-oauth-toolkit, reads an access_token "
            "form field (RFC 6750 section 2.2) even with COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT "
            "set, which only closes the query string; an API that documents header "
            "authentication should accept nothing else."
        ),
        remediation=(
            "Let the bearer class return None unless get_authorization_header(request) starts "
            "with its keyword, before calling OAuth2Authentication.authenticate() (as "
            "target_project's ActiveUserOAuth2Authentication does); never read request.data or "
            "request.POST in an authentication class."
        ),
        references=(
            "RFC 6750 section 2.2 (Form-Encoded Body Parameter) and 5.3",
            "OWASP ASVS 5.0 V14.2.1",
            "CWE-287: Improper Authentication",
        ),
    )
)
