"""Judges of credentials-in-url, csrf and error-hygiene."""

from conformance.judges import credentials_in_url, csrf, error_hygiene
from tests.judges.answers import answer

CONTROL = answer(200)
ANONYMOUS = answer(401)


def test_credential_outside_the_header_must_be_refused():
    refused = {"access_token": answer(401), "token": answer(401)}
    assert credentials_in_url.refused_outside_header(refused, CONTROL, ANONYMOUS, "query string").passed
    accepted = {"access_token": answer(200), "token": answer(401)}
    verdict = credentials_in_url.refused_outside_header(accepted, CONTROL, ANONYMOUS, "query string")
    assert not verdict.passed and "access_token" in verdict.actual


def test_csrf_refusal_is_403_and_a_write_that_went_through_fails():
    created = answer(201)
    assert csrf.refused_without_csrf_proof(answer(403), created, "no CSRF token").passed
    assert not csrf.refused_without_csrf_proof(answer(201), created, "no CSRF token").passed
    # POST {} with a valid token is a validation error: the same 400 without one means it got through.
    assert not csrf.refused_without_csrf_proof(answer(400), answer(400), "no CSRF token").passed
    assert not csrf.refused_without_csrf_proof(answer(500), created, "no CSRF token").passed


DJANGO_404 = ("<h1>Page not found <span>(404)</span></h1> Using the URLconf defined in "
              "<code>target_project.urls</code> ... You're seeing this error because you have "
              "<code>DEBUG = True</code> in your Django settings file.")
TRACEBACK = 'Traceback (most recent call last):\n  File "/srv/app/views.py", line 12, in get\n'


def test_debug_pages_and_tracebacks_are_recognised():
    assert set(error_hygiene.debug_output(answer(404, body=DJANGO_404))) >= {
        "Django's technical 404 page", "Django's DEBUG notice"}
    assert set(error_hygiene.debug_output(answer(500, body=TRACEBACK))) == {"a Python traceback", "a Python stack frame"}
    assert error_hygiene.debug_output(answer(404, body='{"detail": "Not found."}')) == []
    assert error_hygiene.debug_output(answer(500, body="<h1>Server Error (500)</h1>")) == []


def test_run_level_verdicts_list_the_offending_requests():
    answers = [answer(200), answer(500, url="https://api.example.test/a/"), answer(404, body=DJANGO_404)]
    server_errors = error_hygiene.run_without_server_errors(answers)
    assert not server_errors.passed and "https://api.example.test/a/ -> HTTP 500" in server_errors.detail
    debug = error_hygiene.run_without_debug_output(answers)
    assert not debug.passed and "1 of 3" in debug.actual
    assert error_hygiene.run_without_server_errors([answer(200), answer(401)]).passed
