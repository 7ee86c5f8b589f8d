"""malformed-credentials: garbage credentials are refused cleanly, for every scheme in use."""

import pytest

from conformance.judges import malformed_credentials as judges

probes = pytest.mark.parametrize("malformation", judges.PROBES, ids=str)


def malformed_answer(probe, endpoint, scheme, malformation):
    cache_key = ("malformed", endpoint.label, scheme, malformation.name)
    if (answer := probe.cached(cache_key)) is not None:
        return answer  # the sibling check sent it: no second (possibly disposable) credential
    credential = probe.credential(scheme, endpoint=endpoint)
    headers, derived = malformation.build(scheme.word, credential.secret or credential.basic_value())
    for value in derived:  # an altered key is still a secret: keep it out of the evidence
        probe.client.redactor.add(value, f"{credential.role} ({malformation.name})")
    return probe.send(endpoint, headers, cache_key=cache_key)


@pytest.mark.check("DRFC-201")
@probes
def test_malformed_credential_never_authenticates(endpoint, scheme, malformation, probe):
    control = probe.positive_control(endpoint, scheme)
    answer = malformed_answer(probe, endpoint, scheme, malformation)
    anonymous = probe.send(endpoint, cache_key=("anonymous", endpoint.label))
    probe.judge(judges.never_authenticates(answer, control, anonymous))


@pytest.mark.check("DRFC-202")
@probes
def test_malformed_credential_gets_no_server_error(endpoint, scheme, malformation, probe):
    probe.positive_control(endpoint, scheme)
    probe.judge(judges.refused_without_server_error(malformed_answer(probe, endpoint, scheme, malformation)))
