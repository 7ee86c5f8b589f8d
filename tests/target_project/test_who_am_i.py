"""
GET /accounts/me/: the reference deployment's Bearer-first resource.

Its bearer class comes first, so DRF answers every refusal there with an RFC 6750
Bearer challenge (error="invalid_token" only when a token was presented); the
polls API, token class first, answers `WWW-Authenticate: Token`.
"""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

ME = "/accounts/me/"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user("alice", password="unused")


def get(authorization=None):
    headers = {} if authorization is None else {"HTTP_AUTHORIZATION": authorization}
    return APIClient().get(ME, secure=True, **headers)


def test_names_the_holder_of_a_drf_token(user):
    key = Token.objects.create(user=user).key

    response = get(f"Token {key}")

    assert response.status_code == 200
    assert response.json() == {"username": "alice"}


def test_anonymous_request_gets_a_bearer_challenge_without_error():
    response = get()

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'


def test_unknown_bearer_token_gets_invalid_token():
    response = get("Bearer not-a-token")

    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_refused_drf_token_gets_the_bearer_challenge_of_the_first_class():
    response = get("Token not-a-token")

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
