"""missing-credentials: protected endpoints refuse anonymous requests (contract section 2)."""

import pytest

from conformance.judges import missing_credentials as judges


def anonymous(probe, endpoint):
    # One anonymous request per endpoint, judged by all three checks.
    return probe.send(endpoint, cache_key=("anonymous", endpoint.label))


@pytest.mark.check("DRFC-101")
def test_anonymous_request_is_refused(endpoint, probe):
    probe.positive_control(endpoint)
    probe.judge(judges.refuses_anonymous(anonymous(probe, endpoint)))


@pytest.mark.check("DRFC-102")
def test_401_carries_a_challenge(endpoint, probe):
    probe.positive_control(endpoint)
    probe.judge(judges.challenge_on_401(anonymous(probe, endpoint)))


@pytest.mark.check("DRFC-103")
def test_refusal_leaks_no_data(endpoint, probe):
    control = probe.positive_control(endpoint)
    probe.judge(judges.refusal_leaks_nothing(anonymous(probe, endpoint), control))
