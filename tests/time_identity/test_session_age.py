"""DRFC-304 ages a session past the stricter of MAX_TOKEN_AGE and SESSION_COOKIE_AGE."""

from datetime import timedelta

from conformance.auth.session_expiry import session_age_limit

POLICY = timedelta(days=30)


def test_a_session_cookie_age_at_the_policy_leaves_the_policy(settings):
    settings.SESSION_COOKIE_AGE = int(POLICY.total_seconds())
    assert session_age_limit(POLICY) == (POLICY, "MAX_TOKEN_AGE (30 d)")


def test_a_longer_session_cookie_age_is_still_held_to_the_policy(settings):
    settings.SESSION_COOKIE_AGE = int(timedelta(days=365).total_seconds())
    assert session_age_limit(POLICY)[0] == POLICY


def test_a_shorter_session_cookie_age_is_the_deployments_own_stricter_promise(settings):
    settings.SESSION_COOKIE_AGE = int(timedelta(days=14).total_seconds())
    limit, what = session_age_limit(POLICY)
    assert limit == timedelta(days=14) and what.startswith("SESSION_COOKIE_AGE (14 d")
