"""Checks of the ``token-integrity`` family: a signed token (JWT) is really verified.

Each forgery is sent to every endpoint that takes the deployment's JWTs, beside the untampered
token (the positive control); the playbook is jwt_tool's, judged per DRF endpoint. The suite
never fetches anything a token names: a ``jku`` points at a path of the target's own origin that
does not exist.
"""

from conformance.catalogue.registry import Check, register

RFC8725 = "RFC 8725 (JSON Web Token Best Current Practices) §3.1, §3.2"
CWE347 = "CWE-347: Improper Verification of Cryptographic Signature"
SIMPLEJWT_KEY = (
    "Keep djangorestframework-simplejwt's own verification (rest_framework_simplejwt.backends."
    "TokenBackend decodes with algorithms=[SIMPLE_JWT['ALGORITHM']]); never decode with "
    "options={'verify_signature': False} nor override SIMPLE_JWT['TOKEN_BACKEND_CLASS'] to skip it."
)

ALG_NONE_REFUSED = register(Check(
    check_id="DRFC-1201",
    family="token-integrity",
    title="A JWT with alg: none (any casing) is refused",
    severity="critical",
    cwe="CWE-347",
    description=(
        "The deployment's own access token is re-issued with the header alg set to none, None, "
        "NONE and nOnE and no signature; every one must be refused where the untampered token "
        "is accepted. Accepting one lets anybody write any claims."
    ),
    remediation=SIMPLEJWT_KEY + " Pass an explicit algorithms list to every jwt.decode() call.",
    references=(RFC8725, "RFC 7518 §3.6 (alg none is only for integrity-protected channels)", CWE347),
))

SIGNATURE_VERIFIED = register(Check(
    check_id="DRFC-1202",
    family="token-integrity",
    title="A JWT with an empty or foreign signature is refused",
    severity="critical",
    cwe="CWE-347",
    description=(
        "The access token with its signature removed, replaced by random bytes, or made with a "
        "key the deployment never had must be refused where the untampered token is accepted."
    ),
    remediation=SIMPLEJWT_KEY,
    references=(RFC8725, "RFC 7515 §5.2 (JWS validation)", CWE347),
))

CLAIMS_BOUND = register(Check(
    check_id="DRFC-1203",
    family="token-integrity",
    title="Claims changed under the original signature are refused",
    severity="critical",
    cwe="CWE-347",
    description=(
        "The user id (SIMPLE_JWT['USER_ID_CLAIM']), exp and token_type claims are changed while the "
        "original signature is kept: the signature no longer matches, so each must be refused."
    ),
    remediation=SIMPLEJWT_KEY,
    references=(RFC8725, "RFC 7519 §7.2 (validating a JWT)", CWE347),
))

KEY_CONFUSION_REFUSED = register(Check(
    check_id="DRFC-1204",
    family="token-integrity",
    title="HS256 signed with the RS256 public key is refused (HMAC/RSA key confusion)",
    severity="critical",
    cwe="CWE-327",
    description=(
        "Where the deployment signs with an asymmetric algorithm (SIMPLE_JWT['ALGORITHM'] RS*, ES*, "
        "PS*), a token whose header says HS256 and whose signature is an HMAC keyed with the "
        "public verifying key must be refused. Applies in-process, where the public key is known."
    ),
    remediation=(
        "Verify with the one configured algorithm (SIMPLE_JWT['ALGORITHM']) and never accept "
        "HS* when SIMPLE_JWT['VERIFYING_KEY'] is a public key; keep PyJWT >= 2, which refuses a "
        "PEM key as an HMAC secret."
    ),
    references=(RFC8725 + " (algorithm verification)", "CVE-2015-9235 / CVE-2022-29217 (key confusion)",
                "CWE-327: Use of a Broken or Risky Cryptographic Algorithm"),
))

HEADER_KEYS_IGNORED = register(Check(
    check_id="DRFC-1205",
    family="token-integrity",
    title="kid and jku headers pointing elsewhere do not choose the verification key",
    severity="high",
    cwe="CWE-347",
    description=(
        "A token signed with a key of the suite's own, whose kid names /dev/null (an empty HMAC "
        "key) or whose jku names a key set at a path of the target's own origin that does not "
        "exist, must be refused: a header must never choose the key that verifies it. The "
        "suite fetches nothing a token names."
    ),
    remediation=(
        "Verify with the configured key (SIMPLE_JWT['SIGNING_KEY'] / ['VERIFYING_KEY']) or a "
        "fixed SIMPLE_JWT['JWK_URL']; never look a key up from a token's kid as a path or query, "
        "never fetch a token's jku or x5u."
    ),
    references=("RFC 8725 §3.10 (do not trust received claims), §2.8", "RFC 7515 §4.1.2, §4.1.4",
                CWE347),
))

HMAC_KEY_STRONG = register(Check(
    check_id="DRFC-1206",
    family="token-integrity",
    title="The HMAC signing key is at least as long as the hash, not SECRET_KEY, not a known default",
    severity="high",
    cwe="CWE-326",
    description=(
        "In-process the HMAC key of SIMPLE_JWT['SIGNING_KEY'] is read from settings: it must have "
        "at least as many bytes as the hash (32 for HS256, RFC 7518 §3.2), differ from Django's "
        "SECRET_KEY (simplejwt's default, so a leak of one is a leak of both) and not be a "
        "well-known default. Remotely the short list of well-known keys is tried offline against "
        "an issued token: nothing is sent for it."
    ),
    remediation=(
        "Set SIMPLE_JWT['SIGNING_KEY'] to its own random key of at least 32 bytes for HS256 "
        "(48 for HS384, 64 for HS512), read from the environment, e.g. "
        "secrets.token_urlsafe(64); or sign with RS256 and a private key."
    ),
    references=("RFC 7518 §3.2 (a key of the same size as the hash output or larger)",
                "RFC 8725 §3.5 (ensure cryptographic keys have sufficient entropy)",
                "CWE-326: Inadequate Encryption Strength", "CWE-798: Use of Hard-coded Credentials"),
))

UNKNOWN_USER_LIKE_INVALID = register(Check(
    check_id="DRFC-1207",
    family="token-integrity",
    title="A validly signed token of a user that does not exist is answered like an invalid token",
    severity="medium",
    cwe="CWE-204",
    description=(
        "In-process the suite signs an access token with the project's own key for a user id no "
        "user has (a deleted account's token). It must be refused with the same status as a "
        "token with a bad signature: a 400 'user does not exist' or a 500 where the bad token "
        "gets 401 tells an attacker which accounts exist."
    ),
    remediation=(
        "Let JWTAuthentication.get_user() raise AuthenticationFailed (401) for a missing user, as "
        "simplejwt does; a custom get_user() must catch User.DoesNotExist the same way."
    ),
    references=("OWASP ASVS 5.0 V6.3.8 (no user enumeration)",
                "CWE-204: Observable Response Discrepancy", "CWE-209"),
))
