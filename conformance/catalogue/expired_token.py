"""Checks of the ``expired-token`` family: tokens stop working when their time is up.

In-process the clock is frozen and moved (freezegun reaches the server threads), with tokens
obtained from the deployment's own login and OAuth2 token endpoints; in remote mode the
``<scheme>.expired`` roles of the credentials file stand in for an aged token.
"""

from conformance.catalogue.registry import Check, register

OLDER_THAN_POLICY_REFUSED = register(
    Check(
        check_id="DRFC-301",
        family="expired-token",
        title="A token older than MAX_TOKEN_AGE is refused",
        severity="high",
        cwe="CWE-613",
        description=(
            "A token issued by the deployment's own login endpoint and presented after "
            "MAX_TOKEN_AGE (contract section 3, 30 days by default) plus one second must be "
            "refused on every protected endpoint, while a fresh token of the same kind is "
            "accepted there (the positive control). DRF's TokenAuthentication never expires a "
            "token: a stolen key works until someone deletes it by hand. In remote mode the "
            "token of role <scheme>.expired (back-dated by conformance_provision) must be refused."
        ),
        remediation=(
            "Replace rest_framework.authentication.TokenAuthentication in "
            "REST_FRAMEWORK['DEFAULT_AUTHENTICATION_CLASSES'] with a subclass whose "
            "authenticate_credentials() raises AuthenticationFailed when token.created <= "
            "timezone.now() - settings.TOKEN_EXPIRE_TIME; for django-oauth-toolkit keep "
            "OAUTH2_PROVIDER['ACCESS_TOKEN_EXPIRE_SECONDS'], for simplejwt "
            "SIMPLE_JWT['ACCESS_TOKEN_LIFETIME'] and for knox REST_KNOX['TOKEN_TTL'] at or below "
            "the policy (knox's None means never; with REST_KNOX['AUTO_REFRESH'] cap "
            "REST_KNOX['AUTO_REFRESH_MAX_TTL'] too). djoser's token login issues DRF tokens "
            "(DJOSER['TOKEN_MODEL']), which never expire by themselves: authenticate with the "
            "expiring subclass above."
        ),
        references=(
            "OWASP ASVS 5.0 V7.3.2 (absolute session lifetime)",
            "CWE-613: Insufficient Session Expiration",
            "RFC 6749 section 10.3 (access token lifetime)",
        ),
    )
)

LIFETIME_BOUNDARY = register(
    Check(
        check_id="DRFC-302",
        family="expired-token",
        title="A token works until its configured lifetime ends and is refused one second after",
        severity="medium",
        cwe="CWE-613",
        description=(
            "Where the lifetime is known (settings.TOKEN_EXPIRE_TIME, "
            "OAUTH2_PROVIDER['ACCESS_TOKEN_EXPIRE_SECONDS'], SIMPLE_JWT['ACCESS_TOKEN_LIFETIME'], "
            "REST_KNOX['TOKEN_TTL'] or CONFORMANCE['TOKEN_LIFETIME']), a token obtained at a "
            "frozen instant must be accepted one second before that lifetime ends and refused "
            "one second after. A class that refuses fresh tokens, or crashes on them, fails "
            "here: an expiry comparison written backwards or with naive datetimes shows up as "
            "a refused or 5xx answer within the lifetime."
        ),
        remediation=(
            "Compare aware datetimes in the authentication class: "
            "token.created <= django.utils.timezone.now() - settings.TOKEN_EXPIRE_TIME means "
            "expired (USE_TZ = True); do not use datetime.utcnow() (naive) or a comparison "
            "with the operands swapped, and read the lifetime from the same setting the login "
            "view uses."
        ),
        references=(
            "OWASP ASVS 5.0 V7.3.2",
            "CWE-613: Insufficient Session Expiration",
            "https://docs.djangoproject.com/en/5.2/topics/i18n/timezones/",
        ),
    )
)

EXPIRED_REFUSED_CLEANLY = register(
    Check(
        check_id="DRFC-303",
        family="expired-token",
        title="An expired token gets a 4xx with a challenge, never a server error",
        severity="medium",
        cwe="CWE-755",
        description=(
            "An expired token is client input the server recognises: the answer must be 401 "
            "with a WWW-Authenticate challenge (RFC 9110 section 11.6.1) or 403, never a 5xx. "
            "The seed tutorial's ExpiringTokenAuthentication, pasted as published, raises "
            "NameError (datetime and exceptions are never imported): every token request is a 500."
        ),
        remediation=(
            "Raise rest_framework.exceptions.AuthenticationFailed('Token has expired.') from "
            "authenticate_credentials(), import what the class uses (from django.utils import "
            "timezone; from rest_framework import exceptions), and keep the class first in "
            "REST_FRAMEWORK['DEFAULT_AUTHENTICATION_CLASSES'] so the 401 carries its challenge."
        ),
        references=(
            "RFC 9110 section 11.6.1 (WWW-Authenticate)",
            "RFC 6750 section 3.1 (invalid_token)",
            "CWE-755: Improper Handling of Exceptional Conditions",
        ),
    )
)

SESSION_OLDER_THAN_POLICY_REFUSED = register(
    Check(
        check_id="DRFC-304",
        family="expired-token",
        title="A session older than MAX_TOKEN_AGE is refused",
        severity="high",
        cwe="CWE-613",
        description=(
            "MAX_TOKEN_AGE is the policy maximum age of any token or session (contract section "
            "3). In-process a session opened at a frozen instant is sent, one second past "
            "MAX_TOKEN_AGE (or past SESSION_COOKIE_AGE where the deployment set that shorter), to "
            "every protected endpoint that accepts sessions, and must be refused there while a "
            "fresh session is accepted (the positive control). In remote mode the session cookie "
            "of role session.expired (back-dated by conformance_provision) must be refused."
        ),
        remediation=(
            "Set SESSION_COOKIE_AGE (seconds) at or below the policy: Django's default is two "
            "weeks, and the session engine refuses a session past its expiry server-side. "
            "SESSION_EXPIRE_AT_BROWSER_CLOSE does not help: it only drops the cookie's Expires, so "
            "a copied cookie still works until the server-side expiry. With "
            "SESSION_SAVE_EVERY_REQUEST, activity extends a session, so cap its absolute age too. "
            "allauth headless's X-Session-Token is a session key (HEADLESS_TOKEN_STRATEGY's default): "
            "SESSION_COOKIE_AGE bounds it too."
        ),
        references=(
            "OWASP ASVS 5.0 V7.3.2 (absolute session lifetime)",
            "CWE-613: Insufficient Session Expiration",
            "Django settings: SESSION_COOKIE_AGE",
        ),
    )
)
