"""Checks of the ``csrf`` family: a session cannot be ridden by another site's request.

DRF's SessionAuthentication enforces Django's CSRF check itself (its APIView is csrf_exempt for
CsrfViewMiddleware), and only once the session authenticated the request; a subclass that skips
``enforce_csrf()`` turns every logged-in browser into a confused deputy (CWE-352).
"""

from conformance.catalogue.registry import Check, register

CSRF_TOKEN_REQUIRED = register(
    Check(
        check_id="DRFC-801",
        family="csrf",
        title="A session-authenticated unsafe request without a valid CSRF token is refused",
        severity="high",
        cwe="CWE-352",
        description=(
            "With a real session (logged in through SESSION_LOGIN_PATH), each unsafe request to a "
            "protected endpoint that accepts sessions is sent with a same-origin Origin but no "
            "CSRF token, and with a wrong one: each must get 403, while the same request with the "
            "valid token passes (the positive control). Requests that consume the session "
            "(logout) use a fresh session each."
        ),
        remediation=(
            "Use rest_framework.authentication.SessionAuthentication unchanged; remove "
            "CsrfExemptSessionAuthentication-style subclasses whose enforce_csrf() does nothing, "
            "and @csrf_exempt on views that accept sessions. A client without cookies should use "
            "token authentication instead."
        ),
        references=(
            "OWASP ASVS 5.0 V3.5.1",
            "CWE-352: Cross-Site Request Forgery (CSRF)",
            "https://www.django-rest-framework.org/topics/ajax-csrf-cors/",
            "https://docs.djangoproject.com/en/stable/ref/csrf/",
        ),
    )
)

CSRF_ORIGIN_CHECKED = register(
    Check(
        check_id="DRFC-802",
        family="csrf",
        title="A session-authenticated unsafe request from a foreign Origin or Referer is refused",
        severity="high",
        cwe="CWE-352",
        description=(
            "The positive control's request (valid session, valid CSRF token) again, from a "
            "foreign Origin, and with a foreign Referer and no Origin: each must get 403. Django "
            "checks Origin against the host and CSRF_TRUSTED_ORIGINS, and on HTTPS requires a "
            "same-origin Referer when Origin is absent, so a token leaked to another site is not "
            "enough to forge a request."
        ),
        remediation=(
            "Keep Django's CsrfViewMiddleware checks as DRF's SessionAuthentication.enforce_csrf() "
            "runs them (do not override _origin_verified or _check_referer), list only your own "
            "front ends in CSRF_TRUSTED_ORIGINS, and never a wildcard like 'https://*'."
        ),
        references=(
            "OWASP ASVS 5.0 V3.5.2",
            "CWE-352: Cross-Site Request Forgery (CSRF)",
            "https://docs.djangoproject.com/en/stable/ref/settings/#csrf-trusted-origins",
        ),
    )
)

COOKIE_TOKEN_CSRF = register(
    Check(
        check_id="DRFC-803",
        family="csrf",
        title="An unsafe request authenticated by a token cookie (dj-rest-auth's JWT cookie) needs a valid CSRF token",
        severity="high",
        cwe="CWE-352",
        description=(
            "A browser sends a token cookie by itself, as it sends a session cookie. On each unsafe "
            "method of a protected endpoint whose authentication reads the token from a cookie "
            "(dj-rest-auth's JWTCookieAuthentication with JWT_AUTH_COOKIE set), the cookie from a real "
            "login is sent with a same-origin Origin and no CSRF token, and with a wrong one: each "
            "must get 403, while the same request with a valid CSRF cookie and X-CSRFToken passes "
            "(the positive control)."
        ),
        remediation=(
            'dj-rest-auth: REST_AUTH["JWT_AUTH_COOKIE_USE_CSRF"] = True (its default is False), so '
            "JWTCookieAuthentication runs Django's CSRF check on every request its cookie "
            "authenticates; clients send the csrftoken cookie's value as X-CSRFToken. Or keep the "
            "token out of cookies and send it in the Authorization header."
        ),
        references=(
            "OWASP ASVS 5.0 V3.5.1",
            "CWE-352: Cross-Site Request Forgery (CSRF)",
            "https://dj-rest-auth.readthedocs.io/en/latest/configuration.html",
            "https://docs.djangoproject.com/en/stable/ref/csrf/",
        ),
    )
)
