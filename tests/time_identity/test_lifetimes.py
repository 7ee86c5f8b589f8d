"""Token lifetimes are read from each library's own settings."""

from datetime import timedelta

from conformance.inprocess.lifetimes import known_lifetime


def test_the_seed_tutorials_setting_gives_the_drf_token_lifetime():
    assert known_lifetime("token") == (timedelta(days=30), "settings.TOKEN_EXPIRE_TIME")


def test_a_plain_number_of_seconds_counts_too(settings):
    del settings.TOKEN_EXPIRE_TIME
    settings.EXPIRING_TOKEN_LIFESPAN = 3600
    assert known_lifetime("token") == (timedelta(hours=1), "settings.EXPIRING_TOKEN_LIFESPAN")


def test_no_setting_means_no_known_lifetime(settings):
    del settings.TOKEN_EXPIRE_TIME
    assert known_lifetime("token") is None


def test_django_oauth_toolkit_access_token_lifetime():
    assert known_lifetime("bearer") == (timedelta(hours=1), "OAUTH2_PROVIDER['ACCESS_TOKEN_EXPIRE_SECONDS']")


def test_kinds_without_a_lifetime():
    assert known_lifetime("session") is None
    assert known_lifetime("basic") is None
