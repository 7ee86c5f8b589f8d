"""Checks of the ``transport-security`` family: credentials travel over TLS only.

Governed by the expectations ``HTTPS_REQUIRED`` (all checks skip when false), ``HTTP_POLICY`` and
``HSTS_MIN_SECONDS`` (contract section 3).
"""

from conformance.catalogue.registry import Check, register

PORT_NOTE = (
    "A redirect must name https:// with the same host, path and query; the port is not compared, "
    "because Django's SecurityMiddleware keeps the port of the Host header (a plain-HTTP port in "
    "tests, none behind a real :80/:443 front end) unless SECURE_SSL_HOST is set."
)

PLAIN_HTTP_NOT_SERVED = register(
    Check(
        check_id="DRFC-701",
        family="transport-security",
        title="Plain HTTP to an endpoint is redirected to HTTPS or refused, never served",
        severity="high",
        cwe="CWE-319",
        description=(
            "Each protected endpoint is requested over plain HTTP with valid credentials "
            "(in-process and on loopback; a canary credential on any other host, so no real one "
            "crosses the network in cleartext) and a query string; so is the session login form "
            "(SESSION_LOGIN_PATH), where a password would be typed into a cleartext page. "
            "HTTP_POLICY decides what is "
            "right: redirect-or-refuse (default), redirect (3xx to https://), or refuse (4xx or no "
            "plain-HTTP listener; OWASP ASVS 5.0 V4.1.2 for APIs, whose clients do not follow "
            "redirects safely). Serving the request means credentials are accepted in cleartext. "
            + PORT_NOTE
        ),
        remediation=(
            "Set SECURE_SSL_REDIRECT = True with django.middleware.security.SecurityMiddleware first "
            "in MIDDLEWARE (and do not list API paths in SECURE_REDIRECT_EXEMPT), or have the front "
            "end (nginx 'return 301 https://$host$request_uri;', or no listener on port 80) refuse "
            "plain HTTP."
        ),
        references=(
            "OWASP ASVS 5.0 V12.2.1 and V4.1.2",
            "RFC 6750 section 5.3 (TLS for bearer tokens)",
            "CWE-319: Cleartext Transmission of Sensitive Information",
            "https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect",
        ),
    )
)

TOKEN_ENDPOINT_NOT_OVER_HTTP = register(
    Check(
        check_id="DRFC-702",
        family="transport-security",
        title="A token endpoint issues no token over plain HTTP",
        severity="high",
        cwe="CWE-319",
        description=(
            "TOKEN_LOGIN_PATH and OAUTH2_TOKEN_PATH are posted a username and password (and the "
            "OAuth2 client) over plain HTTP: real ones in-process and on loopback, canaries on any "
            "other host. The answer must be the redirect or refusal HTTP_POLICY asks for, and "
            "never a token, while the same request over HTTPS issues one (the positive control). "
            "A redirect still means the password crossed the network once in cleartext: "
            "HTTP_POLICY = 'refuse' is the stricter policy. " + PORT_NOTE
        ),
        remediation=(
            "Set SECURE_SSL_REDIRECT = True and keep the token endpoints out of "
            "SECURE_REDIRECT_EXEMPT; better, refuse plain HTTP at the front end for API hosts."
        ),
        references=(
            "RFC 6749 section 3.2 (the token endpoint MUST use TLS)",
            "OWASP ASVS 5.0 V12.2.1",
            "CWE-319: Cleartext Transmission of Sensitive Information",
        ),
    )
)

FORGED_FORWARDED_PROTO = register(
    Check(
        check_id="DRFC-703",
        family="transport-security",
        title="A forged X-Forwarded-Proto: https over plain HTTP does not pass as HTTPS",
        severity="high",
        cwe="CWE-348",
        description=(
            "The plain-HTTP request of DRFC-701 again, with X-Forwarded-Proto: https, "
            "X-Forwarded-Ssl: on, X-Forwarded-Scheme: https and Forwarded: proto=https added by "
            "the client itself. Django believes SECURE_PROXY_SSL_HEADER whoever sent it, so unless "
            "a proxy in front always overwrites that header, a client can skip the HTTPS redirect "
            "and have its cleartext request served."
        ),
        remediation=(
            "Find the layer that believes the header (the result's detail names it where the "
            "answer shows it): Django's SECURE_PROXY_SSL_HEADER, set only when a TLS-terminating "
            "proxy in front strips and sets that header on every request; gunicorn, which honours "
            "X-Forwarded-Proto, X-Forwarded-Protocol and X-Forwarded-Ssl from forwarded_allow_ips "
            "(default 127.0.0.1: a proxy on the same host passes a client's header through) — set "
            "forwarded_allow_ips to the proxy's address and make the proxy overwrite the header; "
            "uvicorn --proxy-headers with --forwarded-allow-ips likewise; nginx must overwrite, not "
            "pass on, the client's value ('proxy_set_header X-Forwarded-Proto $scheme;')."
        ),
        references=(
            "https://docs.djangoproject.com/en/stable/ref/settings/#secure-proxy-ssl-header",
            "OWASP ASVS 5.0 V12.2.1",
            "CWE-348: Use of Less Trusted Source",
        ),
    )
)

HSTS_LONG_ENOUGH = register(
    Check(
        check_id="DRFC-704",
        family="transport-security",
        title="HTTPS answers carry Strict-Transport-Security long enough, with includeSubDomains",
        severity="medium",
        cwe="CWE-319",
        description=(
            "The answer an endpoint gives valid credentials over HTTPS must carry "
            "Strict-Transport-Security with max-age at least HSTS_MIN_SECONDS (default one year, "
            "OWASP ASVS 5.0 V3.4.1) and includeSubDomains, so a browser never tries plain HTTP "
            "to the host or its subdomains again (RFC 6797)."
        ),
        remediation=(
            "Set SECURE_HSTS_SECONDS = 31536000 (or more) and SECURE_HSTS_INCLUDE_SUBDOMAINS = True "
            "(django.middleware.security.SecurityMiddleware), or set the header at the front end."
        ),
        references=(
            "RFC 6797 section 6.1 (Strict-Transport-Security)",
            "OWASP ASVS 5.0 V3.4.1",
            "https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security",
        ),
    )
)

SESSION_COOKIE_FLAGS = register(
    Check(
        check_id="DRFC-705",
        family="transport-security",
        title="The session cookie is Secure, HttpOnly and SameSite=Lax or Strict",
        severity="medium",
        cwe="CWE-614",
        description=(
            "Read from the real Set-Cookie of a login through SESSION_LOGIN_PATH: without Secure "
            "the session travels over any plain-HTTP request the browser makes to the host; "
            "without HttpOnly any injected script reads it (CWE-1004); without SameSite Lax or "
            "Strict it rides along on cross-site requests."
        ),
        remediation=(
            "Set SESSION_COOKIE_SECURE = True, SESSION_COOKIE_HTTPONLY = True and "
            "SESSION_COOKIE_SAMESITE = 'Lax' (or 'Strict')."
        ),
        references=(
            "RFC 6265 sections 4.1.2.5 and 4.1.2.6; RFC 6265bis (SameSite)",
            "OWASP ASVS 5.0 V3.3.1 and V3.3.2",
            "CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute",
            "CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag",
        ),
    )
)

CSRF_COOKIE_FLAGS = register(
    Check(
        check_id="DRFC-706",
        family="transport-security",
        title="The CSRF cookie is Secure and SameSite=Lax or Strict",
        severity="low",
        cwe="CWE-614",
        description=(
            "Read from the real Set-Cookie of the session login form and login: the CSRF cookie "
            "must be Secure (a network attacker who can read or plant it over plain HTTP defeats "
            "the double-submit check) and SameSite Lax or Strict. HttpOnly is not required: "
            "Django's documentation explains it protects nothing here, and single-page clients "
            "read the cookie to send X-CSRFToken."
        ),
        remediation="Set CSRF_COOKIE_SECURE = True and CSRF_COOKIE_SAMESITE = 'Lax' (or 'Strict').",
        references=(
            "RFC 6265 section 4.1.2.5",
            "OWASP ASVS 5.0 V3.3.1",
            "https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-secure",
        ),
    )
)

TOKEN_COOKIE_FLAGS = register(
    Check(
        check_id="DRFC-707",
        family="transport-security",
        title="A token the login sets as a cookie (dj-rest-auth's JWT cookies) is Secure, HttpOnly and SameSite",
        severity="medium",
        cwe="CWE-1004",
        description=(
            "Read from the real Set-Cookie lines of the token login (JWT_LOGIN_PATH, TOKEN_LOGIN_PATH): "
            "every cookie whose value is a token the login issued (dj-rest-auth's JWT_AUTH_COOKIE and "
            "JWT_AUTH_REFRESH_COOKIE) must be Secure (never sent over plain HTTP), HttpOnly (no script "
            "can read and exfiltrate it, CWE-1004) and SameSite Lax or Strict. A login that sets no "
            "token cookie is one skip."
        ),
        remediation=(
            'dj-rest-auth: REST_AUTH["JWT_AUTH_SECURE"] = True (its default is False), '
            'REST_AUTH["JWT_AUTH_HTTPONLY"] = True (the default; False also puts the refresh token in '
            'the login\'s JSON) and REST_AUTH["JWT_AUTH_SAMESITE"] = "Lax" or "Strict". Elsewhere: '
            "response.set_cookie(..., secure=True, httponly=True, samesite='Lax')."
        ),
        references=(
            "RFC 6265 sections 4.1.2.5 and 4.1.2.6",
            "OWASP ASVS 5.0 V3.3.1, V3.3.4",
            "CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag",
            "https://dj-rest-auth.readthedocs.io/en/latest/configuration.html",
        ),
    )
)
