"""
The flawed variants show their flaw, and only it: the positive control still works.

drf-conformance uses the variants as negative controls, so a variant that stopped
being flawed (or stopped accepting valid credentials) would make a check look
better than it is. Each variant's differing settings are applied to the running
reference deployment; the authentication classes, which DRF binds to APIView
when it is imported, are passed to the view instead.
"""

import importlib

import pytest
from django.conf import settings as reference_settings
from django.utils.module_loading import import_string
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient, APIRequestFactory

from target_project.polls.models import Question
from target_project.polls.views import QuestionList
from target_project.variants import VARIANTS

pytestmark = pytest.mark.django_db

QUESTIONS = "/polls/api/questions/"

# Module-level names of a variant that describe it rather than configure Django.
METADATA = {"EXPECTED_FAILURES", "CONTROL_FAILS_FOR"}


def variant_settings(name):
    """The settings of variant `name` that differ from the reference deployment's."""
    module = importlib.import_module(f"target_project.variants.{name}")
    reference = importlib.import_module("target_project.settings")
    return {
        setting: getattr(module, setting)
        for setting in dir(module)
        if setting.isupper() and setting not in METADATA and getattr(module, setting) != getattr(reference, setting, object())
    }


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def variant(settings):
    """Apply a variant's differing settings for the duration of one test."""

    def apply(name):
        for setting, value in variant_settings(name).items():
            setattr(settings, setting, value)

    return apply


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user("alice", password="unused")


@pytest.fixture
def token_key(user):
    return Token.objects.create(user=user).key


@pytest.fixture
def question():
    return Question.objects.create(question_text="Secret question 7f3a")


@pytest.mark.parametrize("name", VARIANTS)
def test_variant_differs_from_the_reference_and_names_what_it_must_fail(name):
    module = importlib.import_module(f"target_project.variants.{name}")
    # A variant's flaw is in its settings, or in the front server it is served behind remotely.
    assert variant_settings(name) or getattr(module, "REMOTE_SERVER_ARGS", None), \
        f"{name} configures nothing the reference does not"
    expected = set(module.EXPECTED_FAILURES) | set(getattr(module, "REMOTE_ONLY_FAILURES", ()))
    assert all(c.startswith("DRFC-") for c in expected | set(getattr(module, "EXPECTED_SKIPS", ())))
    if not module.EXPECTED_FAILURES:
        # A variant that must fail nothing guards against a false finding (issue 12): its
        # docstring says what the suite must not misjudge there.
        assert module.__doc__ and ("nothing" in module.__doc__ or "REMOTE_ONLY_FAILURES" in module.__doc__), name


# --- Variants whose flaw is a view or the exception handler ----------------------------------------


def test_open_endpoint_answers_anonymous_reads(variant, question, token_key):
    variant("open_endpoint")
    api = APIClient()

    assert api.get(QUESTIONS, secure=True).status_code == 200
    assert api.get(f"{QUESTIONS}{question.pk}/", secure=True).status_code == 401
    assert api.get(QUESTIONS, secure=True, HTTP_AUTHORIZATION=f"Token {token_key}").status_code == 200


def test_no_challenge_answers_401_without_www_authenticate(variant, token_key):
    variant("no_challenge")
    api = APIClient()

    refusal = api.get(QUESTIONS, secure=True)

    assert refusal.status_code == 401
    assert "WWW-Authenticate" not in refusal.headers
    assert api.get(QUESTIONS, secure=True, HTTP_AUTHORIZATION=f"Token {token_key}").status_code == 200


def test_leaky_refusal_puts_the_data_in_the_refusal(variant, question, token_key):
    variant("leaky_refusal")
    api = APIClient()

    refusal = api.get(QUESTIONS, secure=True)

    assert refusal.status_code == 401
    assert refusal.headers["WWW-Authenticate"] == "Token"
    assert question.question_text in refusal.content.decode()
    assert api.get(QUESTIONS, secure=True, HTTP_AUTHORIZATION=f"Token {token_key}").status_code == 200


# --- Variants whose flaw is the token class ----------------------------------------------------------


def question_list_of(name):
    """The questions list view with variant `name`'s authentication classes."""
    rest_framework = variant_settings(name)["REST_FRAMEWORK"]
    classes = [import_string(path) for path in rest_framework["DEFAULT_AUTHENTICATION_CLASSES"]]
    return QuestionList.as_view(authentication_classes=classes)


def answer(name, authorization):
    request = APIRequestFactory().get(QUESTIONS, secure=True, HTTP_AUTHORIZATION=authorization)
    return question_list_of(name)(request)


@pytest.mark.parametrize(
    ("name", "flawed_header"),
    [
        ("case_insensitive_token", lambda key: f"Token {key.upper()}"),
        ("prefix_token", lambda key: f"Token {key[:8]}"),
        ("sliced_token", lambda key: f"Token {key}{key[:7]}x"),
        ("last_word_token", lambda key: f"Token garbage {key}"),
        ("last_word_token", lambda key: f"Bearer {key}"),
    ],
)
def test_flawed_token_class_accepts_an_altered_credential(name, flawed_header, token_key):
    assert answer(name, f"Token {token_key}").status_code == 200
    assert answer(name, flawed_header(token_key)).status_code == 200
    assert answer(name, "Token not-a-token").status_code == 401


def test_ascii_crash_token_raises_on_latin1_bytes(token_key):
    assert answer("ascii_crash_token", f"Token {token_key}").status_code == 200
    with pytest.raises(UnicodeEncodeError):
        answer("ascii_crash_token", f"Token caf\xe9{token_key}")


@pytest.mark.parametrize("name", [n for n in VARIANTS if n.endswith("_token")])
def test_flawed_token_class_keeps_the_expiry_and_inactive_user_checks(name, user, token_key):
    expired = Token.objects.get(key=token_key).created - reference_settings.TOKEN_EXPIRE_TIME
    Token.objects.filter(key=token_key).update(created=expired)
    assert answer(name, f"Token {token_key}").status_code == 401

    Token.objects.filter(key=token_key).delete()
    fresh_key = Token.objects.create(user=user).key
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert answer(name, f"Token {fresh_key}").status_code == 401
