"""djangorestframework-simplejwt: its settings, its tokens, its views (in-process only).

Everything here reads the audited project's own ``SIMPLE_JWT`` through simplejwt's
``api_settings`` and issues tokens through simplejwt's own classes, so the library decides the
claims, lifetimes and key, as it does for the deployment.
"""

from __future__ import annotations

# Keys that tutorials, generators and framework defaults hand out: a key among them is public.
# Tried in-process against SIMPLE_JWT['SIGNING_KEY'], remotely offline against an issued token.
WELL_KNOWN_HMAC_KEYS = (
    "secret", "Secret", "SECRET", "secret-key", "secret_key", "secretkey", "SECRET_KEY", "your-256-bit-secret",
    "your-384-bit-secret", "your-512-bit-secret", "your-secret-key", "your_secret_key", "my-secret", "mysecret",
    "my_secret_key", "supersecret", "super-secret", "super_secret_key", "changeme", "change-me", "change_me",
    "changethis", "jwt-secret", "jwt_secret", "jwtsecret", "jwt-secret-key", "token-secret", "shhhhh", "s3cr3t",
    "password", "key", "private", "default", "development", "dev", "test", "testing", "example", "django",
    "django-insecure", "django-insecure-change-me", "insecure", "notsecret", "not-so-secret", "123456",
    "1234567890", "qwerty", "", "\n",
)
HASH_BYTES = {"HS256": 32, "HS384": 48, "HS512": 64}
STATELESS_CLASSES = ("rest_framework_simplejwt.authentication.JWTStatelessUserAuthentication",
                     "rest_framework_simplejwt.authentication.JWTTokenUserAuthentication")


def api_settings():
    from rest_framework_simplejwt.settings import api_settings as settings

    return settings


def _key_bytes(key) -> bytes:
    return key.encode() if isinstance(key, str) else bytes(key or b"")


def hmac_key_findings() -> tuple[str, list[str]]:
    """(what was examined, the weaknesses of SIMPLE_JWT's HMAC key); no weakness: an empty list."""
    from django.conf import settings as django_settings

    settings = api_settings()
    algorithm = settings.ALGORITHM
    if algorithm not in HASH_BYTES:
        return f"SIMPLE_JWT['ALGORITHM'] is {algorithm}", []
    key = settings.SIGNING_KEY
    key_bytes = _key_bytes(key)
    findings = []
    if len(key_bytes) < HASH_BYTES[algorithm]:
        findings.append(f"SIMPLE_JWT['SIGNING_KEY'] has {len(key_bytes)} bytes, fewer than the "
                        f"{HASH_BYTES[algorithm]} of {algorithm}'s hash (RFC 7518 §3.2)")
    if key_bytes and key_bytes == _key_bytes(getattr(django_settings, "SECRET_KEY", "")):
        findings.append("SIMPLE_JWT['SIGNING_KEY'] is Django's SECRET_KEY (simplejwt's default)")
    if key_bytes.decode(errors="replace") in WELL_KNOWN_HMAC_KEYS:
        findings.append("SIMPLE_JWT['SIGNING_KEY'] is a well-known default key")
    return f"SIMPLE_JWT['SIGNING_KEY'] for {algorithm}", findings


def public_key() -> str | None:
    """The PEM verifying key where the project signs asymmetrically, else None."""
    settings = api_settings()
    if settings.ALGORITHM in HASH_BYTES:
        return None
    key = settings.VERIFYING_KEY
    if isinstance(key, bytes):
        key = key.decode(errors="replace")
    return key or None


def user_id_claim() -> str:
    return api_settings().USER_ID_CLAIM


def user_id_of(username: str):
    """The USER_ID_FIELD value of the user named ``username`` (what the user id claim carries)."""
    from django.contrib.auth import get_user_model

    model = get_user_model()
    user = model._default_manager.get(**{model.USERNAME_FIELD: username})
    return getattr(user, api_settings().USER_ID_FIELD)


def access_token_for_missing_user() -> str:
    """An access token signed with the project's own key for a user id no user has."""
    import uuid

    from django.contrib.auth import get_user_model
    from rest_framework_simplejwt.tokens import AccessToken

    model = get_user_model()
    field = model._meta.get_field(api_settings().USER_ID_FIELD)
    if field.get_internal_type() in ("UUIDField",):
        missing = str(uuid.uuid4())
    elif field.get_internal_type() in ("AutoField", "BigAutoField", "IntegerField", "BigIntegerField",
                                       "PositiveIntegerField", "SmallAutoField"):
        highest = model._default_manager.order_by("-pk").values_list(field.attname, flat=True).first() or 0
        missing = int(highest) + 10_000
    else:
        missing = f"drf-conformance-missing-{uuid.uuid4().hex[:8]}"
    token = AccessToken()
    token[api_settings().USER_ID_CLAIM] = missing
    return str(token)


def refresh_token_for(username: str) -> str:
    """A refresh token for the user named ``username``, made by simplejwt (outstanding if blacklisting)."""
    from django.contrib.auth import get_user_model
    from rest_framework_simplejwt.tokens import RefreshToken

    model = get_user_model()
    user = model._default_manager.get(**{model.USERNAME_FIELD: username})
    return str(RefreshToken.for_user(user))


def stateless_auth_views(endpoints) -> list[tuple[object, str]]:
    """(endpoint, class name) where a view's authentication classes skip the user lookup."""
    from django.utils.module_loading import import_string

    found = []
    for endpoint in endpoints:
        try:
            view = import_string(endpoint.view)
        except (ImportError, ValueError):
            continue
        for auth_class in getattr(view, "authentication_classes", ()) or ():
            names = {f"{b.__module__}.{b.__qualname__}" for b in getattr(auth_class, "__mro__", ())}
            hit = names & set(STATELESS_CLASSES)
            if hit:
                found.append((endpoint, f"{auth_class.__module__}.{auth_class.__qualname__}"))
                break
    return found


# Over HTTP: the refresh and blacklist endpoints (both modes) -------------------------------------
def post_refresh(target, path: str, refresh: str, step: str):
    """POST ``{"refresh": ...}`` to ``path``; whatever the answer issues is registered as secret."""
    from conformance.auth.login import register_issued

    target.client.redactor.add(refresh, "refresh token")
    answer = target.client.request("POST", path, data={"refresh": refresh}, role=step)
    issued = issued_pair(answer)
    for field, value in issued.items():
        register_issued(target, answer, value, f"{field} token issued by {step}")
    return answer


def issued_pair(answer) -> dict[str, str]:
    """The ``access``/``refresh`` strings an answer of simplejwt's views carries (success only)."""
    data = answer.issued()
    pair = {k: data[k] for k in ("access", "refresh") if isinstance(data.get(k), str) and data[k]}
    if answer.status >= 300:
        return pair
    from conformance.auth.stacks.dj_rest_auth import cookie_pair

    for kind, value in cookie_pair(answer).items():  # dj-rest-auth's JWT_AUTH_HTTPONLY refresh cookie
        pair.setdefault(kind, value)
    return pair


def username_field(target) -> str:
    """The login form's name field: TokenObtainSerializer uses the user model's USERNAME_FIELD
    (``email`` for email-login projects); a black box gets the usual ``username``."""
    if target.mode != "in-process":
        return "username"
    from django.contrib.auth import get_user_model

    return get_user_model().USERNAME_FIELD


def log_in_pair(target, path: str, username: str, password: str):
    """POST the obtain-pair view (TokenObtainPairView) as a client does; the issued pair is registered."""
    from conformance.auth.login import register_issued

    target.client.redactor.add(password, f"password of {username}")
    answer = target.client.request("POST", path, role="login",
                                   data={username_field(target): username, "password": password})
    pair = issued_pair(answer)
    for field, value in pair.items():
        register_issued(target, answer, value, f"{field} token of the login")
    from conformance.auth.stacks.dj_rest_auth import remember_refresh_cookie

    remember_refresh_cookie(target, answer)
    return answer, pair
