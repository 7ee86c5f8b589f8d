"""credentials-in-url: a valid credential in the query string or a form body is not accepted."""

from urllib.parse import urlencode

import pytest

from conformance.judges import credentials_in_url as judges

FORM = [("Content-Type", "application/x-www-form-urlencoded")]


def anonymous(probe, endpoint):
    return probe.send(endpoint, cache_key=("anonymous", endpoint.label))


def secret_of(probe, endpoint, scheme):
    # A fresh credential per request where the endpoint consumes it (logout).
    credential = probe.credential(scheme, endpoint=endpoint)
    return credential.basic_value() if credential.scheme.kind == "basic" else credential.secret


@pytest.mark.check("DRFC-601")
def test_credential_in_query_string_is_refused(endpoint, scheme, probe):
    probe.require_sendable(endpoint)
    control = probe.positive_control(endpoint, scheme)
    answers = {}
    for name in judges.PARAMETER_NAMES:
        query = urlencode({name: secret_of(probe, endpoint, scheme)})
        answers[name] = probe.send(endpoint, path=f"{endpoint.path}?{query}",
                                   cache_key=("credential-in-query", endpoint.label, scheme, name))
    probe.judge(judges.refused_outside_header(answers, control, anonymous(probe, endpoint), "query string"))


@pytest.mark.check("DRFC-602")
@pytest.mark.unsafe_methods_only
def test_credential_in_form_body_is_refused(endpoint, scheme, probe):
    probe.require_sendable(endpoint)
    control = probe.positive_control(endpoint, scheme)
    answers = {}
    for name in judges.PARAMETER_NAMES:
        body = urlencode({name: secret_of(probe, endpoint, scheme)}).encode()
        answers[name] = probe.send(endpoint, FORM, body=body,
                                   cache_key=("credential-in-form", endpoint.label, scheme, name))
    probe.judge(judges.refused_outside_header(answers, control, anonymous(probe, endpoint), "form body"))
