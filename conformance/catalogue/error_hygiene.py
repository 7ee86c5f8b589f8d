"""Checks of the ``error-hygiene`` family: errors tell the client nothing about the server's insides.

A debug page or stack trace names files, settings, SQL and library versions (CWE-209, CWE-215);
Django's technical pages (DEBUG = True) also dump request headers and most settings. Two checks
are run-level: they judge every answer the run received, so they run after all other checks.
"""

from conformance.catalogue.registry import Check, register

UNKNOWN_URL_NO_DEBUG_PAGE = register(
    Check(
        check_id="DRFC-1101",
        family="error-hygiene",
        title="An unknown URL is answered without a debug page",
        severity="medium",
        cwe="CWE-215",
        description=(
            "A request to a path no route matches must get a plain 404. With DEBUG = True Django "
            "answers with its technical 404 page, which lists every URL pattern of the project "
            "('Using the URLconf defined in ...'): a map of the API for an attacker."
        ),
        remediation=(
            "Set DEBUG = False in production settings (read it from the environment, default "
            "False); keep handler404 free of request or resolver details."
        ),
        references=(
            "OWASP ASVS 5.0 V13.4.2",
            "CWE-215: Insertion of Sensitive Information Into Debugging Code",
            "https://docs.djangoproject.com/en/stable/ref/settings/#debug",
        ),
    )
)

FAILURE_NO_STACK_TRACE = register(
    Check(
        check_id="DRFC-1102",
        family="error-hygiene",
        title="A request that makes the application fail gets no stack trace or debug page",
        severity="medium",
        cwe="CWE-209",
        description=(
            "Requests meant to make the application fail: a malformed JSON body and an id far "
            "beyond any integer column on each endpoint (with valid credentials, so they reach "
            "the view), and in-process a route whose view raises on purpose (a black box cannot "
            "be made to raise for certain). No answer may carry a traceback, Django's technical "
            "500 page, a settings dump or 'DEBUG = True'."
        ),
        remediation=(
            "Set DEBUG = False; let REST_FRAMEWORK['EXCEPTION_HANDLER'] return only "
            "exc.detail (never traceback.format_exc() or str() of an unexpected exception); "
            "send details to logging (LOGGING, ADMINS or an error tracker) instead of the answer."
        ),
        references=(
            "OWASP ASVS 5.0 V16.5.1",
            "CWE-209: Generation of Error Message Containing Sensitive Information",
            "https://docs.djangoproject.com/en/stable/howto/error-reporting/",
        ),
    )
)

NO_DEBUG_OUTPUT_IN_RUN = register(
    Check(
        check_id="DRFC-1103",
        family="error-hygiene",
        title="No answer of the whole run shows a stack trace or debug page",
        severity="medium",
        cwe="CWE-209",
        description=(
            "Every answer the run received, from every check and from provisioning, is searched "
            "for tracebacks, Django's technical 404/500 pages and settings dumps; the result lists "
            "each request whose answer leaked. Under pytest-xdist the controller judges every "
            "worker's answers together, so the verdict is that of a serial run."
        ),
        remediation=(
            "Set DEBUG = False, and make REST_FRAMEWORK['EXCEPTION_HANDLER'] and handler404/"
            "handler500 answer with a fixed message; log the details server-side."
        ),
        references=(
            "OWASP ASVS 5.0 V16.5.1",
            "CWE-209: Generation of Error Message Containing Sensitive Information",
        ),
    )
)

NO_SERVER_ERROR_IN_RUN = register(
    Check(
        check_id="DRFC-1104",
        family="error-hygiene",
        title="No request of the whole run got a server error (5xx)",
        severity="medium",
        cwe="CWE-755",
        description=(
            "Every answer the run received is checked for a 5xx status, except the in-process "
            "route that raises on purpose; the result lists each request that got one. Hostile "
            "input (malformed credentials, odd bodies) is client error and must get a 4xx: a 5xx "
            "shows an unhandled exception, which fills error trackers and can hide a bypass. "
            "Under pytest-xdist the controller judges every worker's answers together, so the "
            "verdict is that of a serial run."
        ),
        remediation=(
            "Find the exception in the server log for each listed request and handle it: in "
            "authentication classes raise rest_framework.exceptions.AuthenticationFailed, in views "
            "raise ValidationError or NotFound, instead of letting ValueError, UnicodeError or "
            "database errors escape."
        ),
        references=(
            "CWE-755: Improper Handling of Exceptional Conditions",
            "OWASP ASVS 5.0 V16.5.3",
            "RFC 9110 section 15.6 (5xx server errors)",
        ),
    )
)

VALID_CREDENTIALS_ACCEPTED_SOMEWHERE = register(
    Check(
        check_id="DRFC-1105",
        family="error-hygiene",
        title="Valid credentials of every scheme in use are accepted on some endpoint",
        severity="medium",
        cwe="CWE-287",
        description=(
            "Run-level: for each credential scheme the deployment's endpoints declare (Token, "
            "Bearer, session...), the valid credential (in-process issued by the project's own "
            "login or token library, remotely the <scheme>.active role) must be accepted on at "
            "least one endpoint. When it is refused everywhere, every check of that scheme "
            "cannot be evaluated: each one stays `error`, naming this one cause, and this check "
            "reports it once as a finding instead of a wall of errors. In-process it shows an "
            "authentication class that refuses the tokens its own project issues (an expiry test "
            "written backwards, a crash); remotely it can also mean the role's value is stale."
        ),
        remediation=(
            "Send the credential to an endpoint yourself and read the refusal: fix the "
            "authentication class (an expiry comparison with its operands swapped refuses every "
            "fresh token; an exception in authenticate() is a 500 for everyone), or, in remote "
            "mode, supply a current value for the <scheme>.active role (conformance_provision "
            "writes one)."
        ),
        references=(
            "CWE-287: Improper Authentication",
            "RFC 9110 section 11.6.1 (WWW-Authenticate)",
        ),
    )
)
