"""
The reference deployment's own behaviour, tested through Django's test client.

These tests pin down what drf-conformance relies on when it audits
`target_project.settings` by default: which requests are refused, with which
status and challenge, and which credentials stop working when. Run with
`python -m pytest tests/target_project --ds target_project.settings`.
"""

from datetime import timedelta

import pytest
from django.core import checks
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time
from oauth2_provider.models import AccessToken, Application
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.test import APIClient, APIRequestFactory
from rest_framework.views import APIView

from target_project.accounts.authentication import ActiveUserOAuth2Authentication
from target_project.polls.models import Choice, Question

pytestmark = [
    pytest.mark.django_db,
    # The seed's client uses the password grant on purpose; DOT warns on every use.
    pytest.mark.filterwarnings("ignore:The OAuth 2.0 resource owner password:DeprecationWarning"),
]

QUESTIONS = "/polls/api/questions/"
TOKEN_LOGIN = "/accounts/get_auth_token/"
LOGOUT = "/accounts/logout/"
SESSION_LOGIN = "/accounts/login/"
OAUTH2_TOKEN = "/auth/token/"
PASSWORD = "correct horse battery staple"
CLIENT_SECRET = "client-secret-kept-in-plaintext-before-save"
# DRF's own messages, which the reference classes reuse.
SPACES = "Invalid token header. Token string should not contain spaces."
INVALID_CHARACTERS = "Invalid token header. Token string should not contain invalid characters."


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user("alice", password=PASSWORD)


@pytest.fixture
def question():
    question = Question.objects.create(question_text="What's new?")
    Choice.objects.create(question=question, choice_text="Not much")
    return question


@pytest.fixture
def token_key(api, user):
    response = api.post(TOKEN_LOGIN, {"username": "alice", "password": PASSWORD}, format="json", secure=True)
    assert response.status_code == 200, response.content
    return response.json()["token"]


@pytest.fixture
def oauth2_application(user):
    # DOT hashes client secrets on save: the plaintext exists only before it.
    application = Application(
        name="seed tutorial client",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_PASSWORD,
        user=user,
        client_secret=CLIENT_SECRET,
    )
    application.save()
    return application


def password_grant(api, application, username="alice", password=PASSWORD):
    return api.post(
        OAUTH2_TOKEN,
        {
            "grant_type": "password",
            "username": username,
            "password": password,
            "client_id": application.client_id,
            "client_secret": CLIENT_SECRET,
        },
        secure=True,
    )


@pytest.fixture
def bearer(api, oauth2_application):
    response = password_grant(api, oauth2_application)
    assert response.status_code == 200, response.content
    return response.json()["access_token"]


def get(api, path, authorization=None, **extra):
    if authorization is not None:
        extra["HTTP_AUTHORIZATION"] = authorization
    return api.get(path, secure=True, **extra)


def deactivate(user):
    user.is_active = False
    user.save(update_fields=["is_active"])


# --- Anonymous requests -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", QUESTIONS),
        ("post", QUESTIONS),
        ("get", QUESTIONS + "1/"),
        ("put", QUESTIONS + "1/"),
        ("patch", QUESTIONS + "1/"),
        ("delete", QUESTIONS + "1/"),
        ("get", QUESTIONS + "1/choices/"),
        ("post", QUESTIONS + "1/choices/"),
        ("post", LOGOUT),
    ],
)
def test_anonymous_request_is_refused_with_token_challenge(api, question, method, path):
    response = getattr(api, method)(path, secure=True)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_anonymous_request_for_missing_question_does_not_reveal_it_is_missing(api):
    assert get(api, QUESTIONS + "999/choices/").status_code == 401


# --- Transport security ------------------------------------------------------------------------


def test_plain_http_is_redirected_to_https_before_authentication(api, token_key):
    response = api.get(QUESTIONS, HTTP_AUTHORIZATION=f"Token {token_key}")

    assert response.status_code == 301
    assert response.headers["Location"] == "https://testserver" + QUESTIONS


def test_forged_forwarded_proto_does_not_pass_as_https(api):
    response = api.get(QUESTIONS, HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 301


def test_https_answers_carry_one_year_hsts(api):
    response = get(api, QUESTIONS)

    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_login_form_cookies_are_secure_httponly_and_samesite(api, user):
    api.get(SESSION_LOGIN, secure=True)
    response = api.post(
        SESSION_LOGIN,
        {"username": "alice", "password": PASSWORD, "csrfmiddlewaretoken": api.cookies["csrftoken"].value},
        secure=True,
        HTTP_REFERER="https://testserver" + SESSION_LOGIN,
    )

    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = response.cookies[name]
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
        assert 0 < cookie["max-age"] <= timedelta(days=30).total_seconds()


def test_deploy_checks_report_only_the_password_grant_and_the_preload_list(settings):
    settings.SECRET_KEY = "a-long-random-secret-key-set-from-the-environment-" * 2

    ids = {message.id for message in checks.run_checks(include_deployment_checks=True)}

    assert ids <= {"oauth2_provider.W002", "security.W021"}


def test_conformance_fixtures_load_a_question_with_choices(settings):
    call_command("loaddata", *settings.CONFORMANCE["FIXTURES"], verbosity=0)

    assert Question.objects.get(pk=1).choices.count() == 2


# --- DRF tokens ----------------------------------------------------------------------------------


def test_token_login_answers_a_token_that_must_not_be_cached(api, user):
    response = api.post(TOKEN_LOGIN, {"username": "alice", "password": PASSWORD}, format="json", secure=True)

    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=user).key}
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Pragma"] == "no-cache"


def test_token_login_also_accepts_a_form_body(api, user):
    response = api.post(TOKEN_LOGIN, {"username": "alice", "password": PASSWORD}, secure=True)

    assert response.status_code == 200


def test_token_authenticates_under_its_scheme_word_in_any_case(api, token_key, question):
    assert get(api, QUESTIONS, f"Token {token_key}").status_code == 200
    assert get(api, QUESTIONS, f"token {token_key}").status_code == 200
    assert get(api, QUESTIONS, f"TOKEN {token_key}").status_code == 200


def test_questions_are_served_with_their_choices(api, token_key, question):
    response = get(api, QUESTIONS + f"{question.pk}/", f"Token {token_key}")

    choice = question.choices.get()
    assert response.json()["choices"] == [{"id": choice.pk, "choice_text": "Not much", "votes": 0}]


def test_polls_api_creates_updates_and_deletes(api, token_key):
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_key}")

    created = api.post(QUESTIONS, {"question_text": "Tea or coffee?"}, format="json", secure=True)
    detail = f"{QUESTIONS}{created.json()['id']}/"
    choice = api.post(detail + "choices/", {"choice_text": "Tea"}, format="json", secure=True)
    patched = api.patch(detail, {"question_text": "Coffee or tea?"}, format="json", secure=True)
    deleted = api.delete(detail, secure=True)

    assert (created.status_code, choice.status_code, patched.status_code) == (201, 201, 200)
    assert patched.json()["choices"][0]["choice_text"] == "Tea"
    assert deleted.status_code == 204
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("probe", "make_header", "detail"),
    [
        ("re-cased", lambda key: f"Token {key.upper()}", "Invalid token."),
        ("truncated", lambda key: f"Token {key[:-1]}", "Invalid token."),
        ("padded", lambda key: f"Token {key}x", "Invalid token."),
        ("several keys", lambda key: f"Token garbage {key}", SPACES),
        ("scheme word alone", lambda key: "Token", "Invalid token header. No credentials provided."),
        ("under Bearer", lambda key: f"Bearer {key}", "The access token is invalid."),
        ("under Basic", lambda key: f"Basic {key}", "Authentication credentials were not provided."),
    ],
)
def test_altered_token_is_refused(api, token_key, probe, make_header, detail):
    response = get(api, QUESTIONS, make_header(token_key))

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": detail}


@pytest.mark.parametrize("raw", ["Token caf\xe9", "Bearer caf\xe9", "Token \xe9\xe8\xff\xfe"])
def test_latin1_bytes_in_the_header_are_refused_not_crashed_on(api, raw):
    response = get(api, QUESTIONS, raw)

    assert response.status_code == 401
    assert response.json() == {"detail": INVALID_CHARACTERS}


def test_token_just_before_its_lifetime_still_works(api, token_key, settings):
    created = Token.objects.get(key=token_key).created

    with freeze_time(created + settings.TOKEN_EXPIRE_TIME - timedelta(seconds=1)):
        assert get(api, QUESTIONS, f"Token {token_key}").status_code == 200


def test_token_at_the_end_of_its_lifetime_is_refused(api, token_key, settings):
    created = Token.objects.get(key=token_key).created

    with freeze_time(created + settings.TOKEN_EXPIRE_TIME):
        response = get(api, QUESTIONS, f"Token {token_key}")

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "Token has expired."}


def test_login_after_expiry_replaces_the_token(api, user, token_key, settings):
    with freeze_time(timezone.now() + settings.TOKEN_EXPIRE_TIME + timedelta(minutes=1)):
        response = api.post(TOKEN_LOGIN, {"username": "alice", "password": PASSWORD}, secure=True)
        fresh_key = response.json()["token"]

        assert fresh_key != token_key
        assert get(api, QUESTIONS, f"Token {fresh_key}").status_code == 200
        assert get(api, QUESTIONS, f"Token {token_key}").status_code == 401
    assert Token.objects.filter(user=user).count() == 1


def test_login_before_expiry_keeps_the_token(api, token_key):
    response = api.post(TOKEN_LOGIN, {"username": "alice", "password": PASSWORD}, format="json", secure=True)

    assert response.json() == {"token": token_key}


def test_token_of_inactive_user_is_refused(api, user, token_key):
    deactivate(user)

    response = get(api, QUESTIONS, f"Token {token_key}")

    assert response.status_code == 401
    assert response.json() == {"detail": "User inactive or deleted."}


def test_token_login_refuses_unknown_user_wrong_password_and_inactive_user_alike(api, django_user_model):
    inactive = django_user_model.objects.create_user("mallory", password=PASSWORD)
    deactivate(inactive)
    django_user_model.objects.create_user("bob", password=PASSWORD)

    answers = [
        api.post(TOKEN_LOGIN, {"username": username, "password": password}, format="json", secure=True)
        for username, password in [("nobody", PASSWORD), ("bob", "wrong"), ("mallory", PASSWORD)]
    ]

    assert {(answer.status_code, answer.content) for answer in answers} == {
        (400, b'{"non_field_errors":["Unable to log in with provided credentials."]}')
    }
    assert all(answer.headers["Cache-Control"] == "no-store" for answer in answers)
    assert not Token.objects.exists()


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"{not json", "application/json"),
        (b"[1, 2]", "application/json"),
        (b'{"username": {"a": 1}, "password": []}', "application/json"),
        (b'{"username": "a\\u0000", "password": "b"}', "application/json"),
        (b"", "application/json"),
        (b"\xff\xfe\x00", "application/octet-stream"),
    ],
)
def test_token_login_answers_bad_input_with_a_clean_400(api, body, content_type):
    response = api.post(TOKEN_LOGIN, body, content_type=content_type, secure=True)

    assert response.status_code in (400, 415)
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Cache-Control"] == "no-store"


def test_stale_authorization_header_does_not_block_token_login(api, user):
    response = api.post(
        TOKEN_LOGIN,
        {"username": "alice", "password": PASSWORD},
        format="json",
        secure=True,
        HTTP_AUTHORIZATION="Token expired-or-garbage",
    )

    assert response.status_code == 200


# --- OAuth2 bearer tokens ----------------------------------------------------------------------


def test_bearer_token_from_password_grant_authenticates(api, bearer, question):
    assert get(api, QUESTIONS, f"Bearer {bearer}").status_code == 200
    assert get(api, QUESTIONS, f"bearer {bearer}").status_code == 200


def test_token_endpoint_answers_must_not_be_cached(api, oauth2_application):
    response = password_grant(api, oauth2_application)

    assert response.headers["Cache-Control"] == "no-store"
    assert response.json()["expires_in"] == 3600


def test_bearer_token_is_stored_only_as_a_checksum(bearer):
    assert AccessToken.objects.get().token == ""


def test_bearer_token_under_token_scheme_is_refused(api, bearer):
    response = get(api, QUESTIONS, f"Token {bearer}")

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


def test_bearer_token_in_query_string_is_not_accepted(api, bearer):
    response = get(api, f"{QUESTIONS}?access_token={bearer}")

    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_bearer_token_in_form_body_is_not_accepted(api, bearer):
    response = api.post(QUESTIONS, {"access_token": bearer, "question_text": "Sneaky?"}, secure=True)

    assert response.status_code == 401
    assert not Question.objects.exists()


def test_bearer_header_with_token_in_query_string_too_is_refused(api, bearer):
    response = get(api, f"{QUESTIONS}?access_token={bearer}", f"Bearer {bearer}")

    assert response.status_code == 401


def test_unknown_bearer_token_is_refused(api):
    response = get(api, QUESTIONS, "Bearer not-a-token")

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"


def test_expired_bearer_token_is_refused(api, bearer):
    with freeze_time(timezone.now() + timedelta(seconds=3601)):
        response = get(api, QUESTIONS, f"Bearer {bearer}")

    assert response.status_code == 401
    assert response.json() == {"detail": "The access token has expired."}


def test_bearer_token_of_inactive_user_is_refused(api, user, bearer):
    deactivate(user)

    response = get(api, QUESTIONS, f"Bearer {bearer}")

    assert response.status_code == 401
    assert response.json() == {"detail": "User inactive or deleted."}


def test_inactive_user_cannot_obtain_a_bearer_token(api, user, oauth2_application):
    deactivate(user)

    response = password_grant(api, oauth2_application)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_client_credentials_token_acting_for_no_user_is_refused(api, user):
    application = Application(
        name="machine client",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        user=user,
        client_secret=CLIENT_SECRET,
    )
    application.save()
    issued = api.post(
        OAUTH2_TOKEN,
        {"grant_type": "client_credentials", "client_id": application.client_id, "client_secret": CLIENT_SECRET},
        secure=True,
    )

    response = get(api, QUESTIONS, f"Bearer {issued.json()['access_token']}")

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


class BearerOnlyView(APIView):
    authentication_classes = [ActiveUserOAuth2Authentication]

    def get(self, request):
        return Response({"user": request.user.get_username()})


@pytest.mark.parametrize(
    ("authorization", "challenge"),
    [
        (None, 'Bearer realm="api"'),
        (
            "Bearer not-a-token",
            'Bearer realm="api",error="invalid_token",error_description="The access token is invalid."',
        ),
        (
            "Bearer",
            'Bearer realm="api",error="invalid_request",'
            'error_description="Invalid token header. No credentials provided."',
        ),
    ],
)
def test_bearer_class_first_in_line_answers_an_rfc6750_challenge(authorization, challenge):
    headers = {} if authorization is None else {"HTTP_AUTHORIZATION": authorization}
    request = APIRequestFactory().get(QUESTIONS, secure=True, **headers)

    response = BearerOnlyView.as_view()(request)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == challenge


# --- Sessions and CSRF ---------------------------------------------------------------------------


@pytest.fixture
def session_api(user):
    api = APIClient(enforce_csrf_checks=True)
    api.get(SESSION_LOGIN, secure=True)
    response = api.post(
        SESSION_LOGIN,
        {"username": "alice", "password": PASSWORD, "csrfmiddlewaretoken": api.cookies["csrftoken"].value},
        secure=True,
        HTTP_REFERER="https://testserver" + SESSION_LOGIN,
    )
    assert response.headers["Location"] == QUESTIONS
    return api


def csrf_headers(api):
    return {"HTTP_X_CSRFTOKEN": api.cookies["csrftoken"].value, "HTTP_REFERER": "https://testserver/"}


def test_login_form_refuses_a_post_without_csrf_token(user):
    api = APIClient(enforce_csrf_checks=True)

    response = api.post(SESSION_LOGIN, {"username": "alice", "password": PASSWORD}, secure=True)

    assert response.status_code == 403
    assert "sessionid" not in response.cookies


def test_session_authenticates_reads(session_api, question):
    assert get(session_api, QUESTIONS).status_code == 200


def test_session_write_without_csrf_token_is_refused(session_api):
    response = session_api.post(QUESTIONS, {"question_text": "Forged?"}, format="json", secure=True)

    assert response.status_code == 403
    assert response.json()["detail"].startswith("CSRF Failed")
    assert not Question.objects.exists()


def test_session_write_with_csrf_token_is_accepted(session_api):
    response = session_api.post(
        QUESTIONS, {"question_text": "Genuine?"}, format="json", secure=True, **csrf_headers(session_api)
    )

    assert response.status_code == 201


# --- Logout ----------------------------------------------------------------------------------------


def test_logout_deletes_the_token_it_was_called_with(api, token_key):
    response = api.post(LOGOUT, secure=True, HTTP_AUTHORIZATION=f"Token {token_key}")

    assert response.status_code == 204
    assert get(api, QUESTIONS, f"Token {token_key}").status_code == 401


def test_logout_revokes_the_bearer_token_and_its_refresh_token(api, bearer):
    response = api.post(LOGOUT, secure=True, HTTP_AUTHORIZATION=f"Bearer {bearer}")

    assert response.status_code == 204
    assert get(api, QUESTIONS, f"Bearer {bearer}").status_code == 401
    assert not AccessToken.objects.exists()


def test_logout_flushes_the_session(session_api):
    response = session_api.post(LOGOUT, secure=True, **csrf_headers(session_api))

    assert response.status_code == 204
    assert get(session_api, QUESTIONS).status_code == 401


def test_session_logout_without_csrf_token_is_refused(session_api):
    response = session_api.post(LOGOUT, secure=True)

    assert response.status_code == 403
    assert get(session_api, QUESTIONS).status_code == 200


def test_logout_leaves_other_credentials_of_the_user_alone(api, token_key, bearer):
    api.post(LOGOUT, secure=True, HTTP_AUTHORIZATION=f"Bearer {bearer}")

    assert get(api, QUESTIONS, f"Token {token_key}").status_code == 200
