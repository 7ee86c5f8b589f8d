"""Checks of the ``malformed-credentials`` family: garbage credentials are refused cleanly.

Each check runs over every probe of ``conformance.judges.malformed_credentials.PROBES`` and
every scheme the endpoint accepts; the probe is named in the result's parameters.
"""

from conformance.catalogue.registry import Check, register

MALFORMED_NEVER_AUTHENTICATES = register(
    Check(
        check_id="DRFC-201",
        family="malformed-credentials",
        title="A malformed or altered credential never authenticates",
        severity="high",
        cwe="CWE-287",
        description=(
            "Empty headers, a scheme word alone, several keys, a random key of the right length, "
            "the right key upper-cased, padded or truncated, binary and oversized values and "
            "duplicated headers must all be refused. Accepting an altered key means the lookup "
            "is case-insensitive, prefix-based or slices the key, which divides the search space "
            "an attacker must cover."
        ),
        remediation=(
            "Use rest_framework.authentication.TokenAuthentication.authenticate() unchanged (it "
            "splits the header with get_authorization_header() and refuses anything but exactly "
            "two words), look keys up with an exact, case-sensitive match "
            "(Token.objects.get(key=key)), and never slice or strip the key."
        ),
        references=(
            "RFC 9110 section 11.6.2 (Authorization)",
            "OWASP ASVS 5.0 V7.2.1",
            "CWE-287: Improper Authentication",
        ),
    )
)

MALFORMED_NO_SERVER_ERROR = register(
    Check(
        check_id="DRFC-202",
        family="malformed-credentials",
        title="A malformed credential is refused with 4xx, never a server error",
        severity="medium",
        cwe="CWE-755",
        description=(
            "Garbage in the Authorization header is client input: it must produce a 4xx answer. "
            "A 5xx shows an unhandled exception in the authentication path, which can leak "
            "details, fill error trackers and hide a bypass."
        ),
        remediation=(
            "Read the header with rest_framework.authentication.get_authorization_header() and "
            "catch UnicodeError, binascii.Error and ValueError in authenticate(), raising "
            "rest_framework.exceptions.AuthenticationFailed instead."
        ),
        references=(
            "CWE-755: Improper Handling of Exceptional Conditions",
            "OWASP ASVS 5.0 V16.5.3",
            "RFC 9110 section 15.5 (4xx client errors)",
        ),
    )
)
