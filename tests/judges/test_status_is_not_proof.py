"""Issue 12: acceptance is judged by what proves authentication happened, never by equal status
codes, and a positive control guards passes only. Each test fails on the judges before issue 12."""

from django.conf import settings

from conformance.judges import csrf, error_hygiene, expired_token, inactive_user, malformed_credentials, revocation
from conformance.judges.common import authenticated
from conformance.scheme_acceptance import Acceptance
from tests.judges.answers import answer

JSON = {"Content-Type": "application/json"}
HTML = {"Content-Type": "text/html"}
FIELD_ERRORS = '{"question_text": ["This field is required."]}'
NOT_FOUND = '{"detail": "No Question matches the given query."}'
REFUSED = answer(401, {**JSON, "WWW-Authenticate": "Token"}, '{"detail": "Invalid token."}')
ANONYMOUS = answer(401, {**JSON, "WWW-Authenticate": "Token"}, '{"detail": "Authentication credentials were not provided."}')
GUNICORN_400 = answer(400, HTML, "<html><head><title>Bad Request</title></head><body><h1><p>Bad Request</p></h1>"
                                 "Invalid HTTP Header: 'AUTHORIZATION'</body></html>")


def test_a_front_servers_html_400_is_not_drfs_json_400():
    """DRFC-201 behind gunicorn: the valid token's POST {} got DRF's JSON 400 for a missing field."""
    control = answer(400, JSON, FIELD_ERRORS)
    verdict = malformed_credentials.never_authenticates(GUNICORN_400, control, ANONYMOUS)
    assert verdict.passed, verdict
    # The same JSON 400 as valid credentials get still means the malformed one got through.
    assert not malformed_credentials.never_authenticates(answer(400, JSON, FIELD_ERRORS), control, ANONYMOUS).passed


def test_a_dead_credential_accepted_while_valid_ones_are_refused_is_a_finding():
    """Inverted expiry: the aged token got 404 on DELETE /notes/1/ (authenticated), the fresh 401."""
    aged = answer(404, JSON, NOT_FOUND, method="DELETE")
    verdict = expired_token.old_token_refused(aged, REFUSED, "+30 d 1 s", ANONYMOUS)
    assert verdict is not None and not verdict.passed and "got through authentication" in verdict.detail
    for judge in (inactive_user.deactivated_user_refused, revocation.logged_out_refused):
        assert not judge(aged, REFUSED, ANONYMOUS).passed
    # A serializer's field errors prove it too; a 200 does where anonymous requests are refused.
    assert not expired_token.old_token_refused(answer(400, JSON, FIELD_ERRORS), REFUSED, "x", ANONYMOUS).passed
    assert not expired_token.old_token_refused(answer(200, JSON, "[]"), REFUSED, "x", ANONYMOUS).passed


def test_without_a_working_control_a_refusal_proves_nothing():
    assert expired_token.old_token_refused(REFUSED, REFUSED, "+30 d 1 s", ANONYMOUS) is None
    # An endpoint that serves anyone: the dead credential's 200 proves nothing either.
    assert expired_token.old_token_refused(answer(200, JSON, "[]"), REFUSED, "x", answer(200, JSON, "[]")) is None
    # A front server's answer is not the app's: no proof of authentication.
    assert expired_token.old_token_refused(GUNICORN_400, REFUSED, "x", ANONYMOUS) is None


def test_valid_credentials_that_crash_leave_the_expiry_checks_unjudged():
    """DRFC-302/303 where the positive control itself got 500: error, not a finding."""
    crash = answer(500, HTML, "<h1>Server Error (500)</h1>")
    assert expired_token.expired_refused_cleanly(crash, crash, "+30 d 1 s", None) is None
    assert expired_token.old_token_refused(crash, crash, "+30 d 1 s", None) is None


def test_a_404_for_another_users_object_is_not_a_wrong_expiry_test():
    """DRFC-302: the fresh user's token got 404 on the owner's object, valid credentials 200."""
    control = answer(200, JSON, '{"id": 1}')
    before = answer(404, JSON, NOT_FOUND)
    verdict = expired_token.lifetime_boundary(before, REFUSED, control, "30 d", ANONYMOUS)
    assert verdict.passed, verdict
    # Without the anonymous refusal to compare with, nothing shows the 404 came after authentication.
    assert not expired_token.lifetime_boundary(before, REFUSED, control, "30 d", None).passed


def test_backwards_expiry_needs_no_control_and_reads_a_404_as_served():
    after = answer(404, JSON, NOT_FOUND)
    assert expired_token.backwards(REFUSED, after, "30 d", ANONYMOUS) is not None
    assert expired_token.backwards(REFUSED, after, "30 d", None) is None


def test_the_stock_csrf_failure_page_is_not_a_debug_leak():
    """DRFC-1103: Django's CSRF failure page with DEBUG = False says "available with DEBUG=True"."""
    from django.test import RequestFactory
    from django.views.csrf import csrf_failure

    if not settings.configured:
        settings.configure(TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}])
        import django

        django.setup()
    with _debug(False):
        page = csrf_failure(RequestFactory().post("/"), reason="CSRF token missing.")
    assert "More information is available with DEBUG=True." in page.content.decode()
    assert error_hygiene.debug_output(answer(403, HTML, page.content.decode())) == []
    with _debug(True):
        debug_page = csrf_failure(RequestFactory().post("/"), reason="CSRF token missing.")
    assert "Django's DEBUG notice" in error_hygiene.debug_output(answer(403, HTML, debug_page.content.decode()))


def _debug(value):
    from django.test.utils import override_settings

    return override_settings(DEBUG=value)


def test_a_parsers_415_is_not_a_write_that_went_through():
    """DRFC-801: the CSRF check reads request.POST, so a body the view does not parse gets 415."""
    unsupported = answer(415, JSON, '{"detail": "Unsupported media type \\"application/json\\" in request."}')
    assert csrf.refused_without_csrf_proof(unsupported, unsupported, "no CSRF token") is None
    assert csrf.refused_without_csrf_proof(answer(403, JSON, '{"detail": "CSRF Failed"}'),
                                           answer(400, JSON, FIELD_ERRORS), "no CSRF token").passed


def test_a_parsers_415_proves_no_authentication_nor_a_working_control():
    """A JSON body to a form-only view with DOT's OAuth2Authentication: DOT reads request.POST while
    authenticating, so a dead token and a valid one both get 415 (variant form_only_writes). The
    old judgement compared the two 415s and reported the dead token accepted (DRFC-301, 401, 1001)."""
    from conformance.judges.common import control_accepted

    unsupported = answer(415, JSON, '{"detail": "Unsupported media type \\"application/json\\" in request."}')
    assert not authenticated(unsupported, unsupported, ANONYMOUS)
    assert not control_accepted(unsupported)
    assert malformed_credentials.never_authenticates(unsupported, unsupported, ANONYMOUS).passed
    assert expired_token.old_token_refused(unsupported, unsupported, "+30 d 1 s", ANONYMOUS) is None


def test_the_answer_given_before_authentication_never_proves_it():
    control = answer(406, JSON, '{"detail": "Could not satisfy the request Accept header."}')
    assert not authenticated(answer(406, JSON, control.text), control, ANONYMOUS)
    assert not authenticated(answer(431, HTML, "too large"), None, ANONYMOUS)


def test_a_credential_refused_everywhere_is_one_finding():
    found = Acceptance("token.active", "Token", tried=[("GET /a/", REFUSED), ("GET /b/", REFUSED)])
    verdict = error_hygiene.accepted_somewhere(found)
    assert not verdict.passed and "refused on every endpoint" in verdict.actual and "DRFC-1105" in verdict.actual
    found.accepted_on = "GET /b/"
    assert error_hygiene.accepted_somewhere(found).passed


def test_the_forged_proto_fix_names_the_layer_responsible():
    """DRFC-703 behind gunicorn: gunicorn's forwarded_allow_ips, not only SECURE_PROXY_SSL_HEADER."""
    from conformance.judges.transport_security import forged_header_layer

    served = answer(200, {**JSON, "Server": "gunicorn"}, "[]")
    text = forged_header_layer(served, in_process=False)
    assert "gunicorn" in text and "forwarded_allow_ips" in text
    assert "--forwarded-allow-ips" in forged_header_layer(answer(200, {"Server": "uvicorn"}), in_process=False)
    unknown = forged_header_layer(answer(200, JSON, "[]"), in_process=False)
    assert all(word in unknown for word in ("SECURE_PROXY_SSL_HEADER", "forwarded_allow_ips", "nginx"))
    local = forged_header_layer(served, in_process=True, proxy_ssl_header=("HTTP_X_FORWARDED_PROTO", "https"))
    assert "SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')" in local and "not a proxy" in local
    assert "gunicorn" not in local
