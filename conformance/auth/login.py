"""Logging in the way clients do: the deployment's token login and OAuth2 token endpoints.

The time, identity, token-endpoint and revocation families obtain their tokens here rather than
through the ORM, so the server, not the suite, decides what it issues and for how long. Works in
both modes: it needs only a path (declared or detected), a username and password, and for OAuth2
the client of role ``oauth2_client``. Every issued secret is registered with the redactor before
anything else is sent.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from conformance.auth.credentials import Credential, MissingRole
from conformance.http import Answer
from conformance.auth.schemes import ALLAUTH_SESSION_TOKEN, BASIC, BEARER, TOKEN, Scheme


@dataclass(frozen=True)
class LoginKind:
    """One way a client obtains a credential: the endpoint key and the scheme it feeds."""

    name: str  # "token", "bearer", "jwt", "knox": also the scheme kind the credential is for
    endpoint_key: str  # contract section 3 key of the endpoint
    scheme: Scheme
    secret_field: str = "token"  # the JSON field of the answer that carries the credential
    basic: bool = False  # the password goes as Basic credentials (knox), not as form fields
    json_body: bool = False  # the login takes a JSON body, not a form (allauth headless)

    def __str__(self) -> str:
        return self.name


TOKEN_LOGIN = LoginKind("token", "TOKEN_LOGIN_PATH", TOKEN)
OAUTH2_LOGIN = LoginKind("bearer", "OAUTH2_TOKEN_PATH", BEARER, "access_token")
JWT_LOGIN = LoginKind("jwt", "JWT_LOGIN_PATH", Scheme("jwt", "Bearer", "jwt"), "access")
KNOX_LOGIN = LoginKind("knox", "KNOX_LOGIN_PATH", Scheme("knox", "Token", "knox"), "token", basic=True)
# djoser's TokenCreateView (/auth/token/login/): a DRF token (its TOKEN_MODEL) as {"auth_token": ...}.
DJOSER_LOGIN = LoginKind("djoser", "DJOSER_LOGIN_PATH", TOKEN, "auth_token")
# The expired-token family obtains every kind it can through its login endpoint...
LOGIN_BY_SCHEME_KIND = {kind.name: kind for kind in (TOKEN_LOGIN, OAUTH2_LOGIN, JWT_LOGIN, KNOX_LOGIN)}
# ...and the token-endpoint family judges every login (contract section 3 keys), the stacks' own
# included (issue 14): simplejwt's obtain-pair view (also djoser's /auth/jwt/create/ and
# dj-rest-auth's LoginView with USE_JWT), knox's LoginView, djoser's token login.
LOGIN_KINDS = (TOKEN_LOGIN, OAUTH2_LOGIN, JWT_LOGIN, KNOX_LOGIN, DJOSER_LOGIN)
# allauth headless's app client login: JSON in, meta.session_token out, sent as X-Session-Token.
ALLAUTH_LOGIN = LoginKind("allauth", "ALLAUTH_LOGIN_PATH", ALLAUTH_SESSION_TOKEN, "session_token", json_body=True)
LOGIN_KINDS += (ALLAUTH_LOGIN,)


def scheme_kind(kind: LoginKind) -> str:
    """The scheme kind ``kind``'s credential is presented under (djoser's login issues DRF tokens)."""
    return kind.scheme.kind


def login_for_scheme(target, kind_of_scheme: str) -> LoginKind | None:
    """The login that issues credentials of scheme kind ``kind_of_scheme`` on ``target``: the first
    kind whose endpoint is declared or detected (a djoser project's DRF tokens come from djoser's
    login, not TOKEN_LOGIN_PATH), else the scheme's usual login, else None."""
    kinds = [k for k in LOGIN_KINDS if scheme_kind(k) == kind_of_scheme]
    known = next((k for k in kinds if target.auth_endpoints.paths.get(k.endpoint_key)), None)
    return known or LOGIN_BY_SCHEME_KIND.get(kind_of_scheme)


class LoginUnavailable(Exception):
    """This target offers no way to log in for that kind; the message says what to declare."""


LOGIN_ACCOUNT_KEY = ("login-account",)
LOGIN_ROLE = "login_password"


def login_account(target, cache: dict) -> Credential:
    """The account the suite's own login checks log in as (username and password).

    In-process, a user of its own made once per run: a login that rotates its user's token
    (deletes the old key, issues a new one) then revokes nothing another check relies on, as it
    would the shared ``token.active`` (issue 13). Remotely, the ``login_password`` role, a user of
    its own too (conformance_provision writes it), so the result holds in any order pytest-xdist
    runs the checks in (issue 12); without it, the ``password`` role, and the checks that use it
    are marked ``logs_in`` and run after those that use the shared tokens (on one worker only).
    Raises ``MissingRole`` when neither role is supplied.
    """
    if LOGIN_ACCOUNT_KEY not in cache:
        own = target.credentials.get(LOGIN_ROLE) if target.credentials.has(LOGIN_ROLE) else None
        cache[LOGIN_ACCOUNT_KEY] = (target.disposable(BASIC) or own
                                    or target.credentials.for_scheme(BASIC, "active"))
    return cache[LOGIN_ACCOUNT_KEY]


def login_path(target, kind: LoginKind) -> str:
    path = target.auth_endpoints.paths.get(kind.endpoint_key)
    if not path:
        raise LoginUnavailable(target.auth_endpoints.unknown(kind.endpoint_key))
    return path


@dataclass(frozen=True)
class LoginFields:
    """The form field names a login takes for the username and the password, and whence known."""

    username: str = "username"
    password: str = "password"
    source: str = "default"


DEFAULT_FIELDS = LoginFields()


def login_fields(target, kind: LoginKind) -> LoginFields:
    """The field names ``kind``'s login takes: one function for every login flow (stacks' adapters too).

    Most explicit first: ``LOGIN_FIELDS`` (settings or --config); what the login view's serializer
    declares (in-process: DRF's ``AuthTokenSerializer`` takes ``username`` whatever the user
    model, simplejwt's takes ``USERNAME_FIELD``); what the login's own 400 answer named as required
    (learned once by ``send_login``, so an e-mail login works remotely with no setting); else
    ``USERNAME_FIELD`` in-process and ``username``. OAuth2's password grant always takes
    ``username`` and ``password`` (RFC 6749 section 4.3.2).
    """
    if kind is OAUTH2_LOGIN or takes_basic(target, kind):
        return DEFAULT_FIELDS
    declared = target.expectations.values.get("LOGIN_FIELDS") or {}
    learned = _learned(target).get(kind.name)
    if declared:
        base = learned or _introspected(target, kind) or DEFAULT_FIELDS
        return LoginFields(declared.get("username", base.username), declared.get("password", base.password),
                           "LOGIN_FIELDS")
    return learned or _introspected(target, kind) or DEFAULT_FIELDS


def takes_basic(target, kind: LoginKind) -> bool:
    """Whether ``kind``'s login takes the password as Basic credentials on this target.

    knox's documented setup does; its documented alternative overrides ``post`` to validate a
    form (seen in-process from the view; remotely learned from a 400 naming required fields).
    """
    if not kind.basic:
        return False
    form = _takes_form(target)
    if kind.name not in form:
        form[kind.name] = False
        if target.mode == "in-process":
            from conformance.auth.stacks import knox

            form[kind.name] = knox.login_takes_form(knox.view_class_at(target.auth_endpoints.paths.get(kind.endpoint_key)))
    return not form[kind.name]


def _takes_form(target) -> dict[str, bool]:
    return target.__dict__.setdefault("_login_takes_form", {})


def _learned(target) -> dict[str, LoginFields]:
    return target.__dict__.setdefault("_login_fields_learned", {})


def _introspected(target, kind: LoginKind) -> LoginFields | None:
    """In-process: the field names of the login view's serializer, else USERNAME_FIELD."""
    if target.mode != "in-process":
        return None
    if kind is ALLAUTH_LOGIN:  # allauth's input is no DRF serializer: ACCOUNT_LOGIN_METHODS says
        from conformance.auth.stacks.allauth_headless import login_username_field

        field = login_username_field()
        return LoginFields(field, "password", "ACCOUNT_LOGIN_METHODS") if field else None
    cache = target.__dict__.setdefault("_login_fields_introspected", {})
    if kind.name not in cache:
        cache[kind.name] = _serializer_fields(target.auth_endpoints.paths.get(kind.endpoint_key))
    return cache[kind.name]


def _serializer_fields(path: str | None) -> LoginFields | None:
    from django.contrib.auth import get_user_model

    username_field = get_user_model().USERNAME_FIELD
    names: list[str] = []
    try:  # any failure here only means "not known from the view": fall back to USERNAME_FIELD
        from django.urls import resolve

        callback = resolve(path).func if path else None
        cls = getattr(callback, "cls", None)
        if cls is not None:
            view = cls(**(getattr(callback, "initkwargs", None) or {}))
            serializer_class = getattr(view, "serializer_class", None)
            if serializer_class is None and hasattr(view, "get_serializer_class"):
                serializer_class = view.get_serializer_class()
            if serializer_class is not None:
                names = list(serializer_class().fields)
    except Exception:  # noqa: BLE001 - a project's view or serializer we cannot build without a request
        names = []
    if names:
        username = next((n for n in ("username", username_field, "email", "login") if n in names), None)
        password = next((n for n in names if "password" in n.lower()), "password")
        if username:
            return LoginFields(username, password, "the login view's serializer")
    if username_field != "username":
        return LoginFields(username_field, "password", "USERNAME_FIELD")
    return None


def unknown_login_name(like: str) -> str:
    """A login name no account has, of the same shape as ``like`` (an e-mail address for an e-mail
    login), so a login refuses it for being unknown, not for being malformed (DRFC-903)."""
    import secrets

    name = f"conformance-nobody-{secrets.token_hex(4)}"
    return f"{name}@conformance.invalid" if "@" in like else name


def login_form(target, kind: LoginKind, username: str, password: str) -> dict[str, str]:
    """The form a client posts to log in as ``username`` (empty where the password goes as Basic)."""
    if takes_basic(target, kind):
        return {}
    if kind is OAUTH2_LOGIN:
        try:
            oauth2_client = target.credentials.get("oauth2_client")
        except MissingRole as exc:
            raise LoginUnavailable(str(exc)) from None
        return {"grant_type": "password", "username": username, "password": password,
                "client_id": oauth2_client.username, "client_secret": oauth2_client.secret}
    fields = login_fields(target, kind)
    return {fields.username: username, fields.password: password}


def send_login(target, kind: LoginKind, username: str, password: str, *, headers=(),
               step: str = "login", password_is_secret: bool = True,
               honour_rate_limits: bool | None = None) -> Answer:
    """POST the login form; the password is registered as a secret before it is sent.

    A 400 that names a required field the form lacks (``{"email": ["This field is required."]}``)
    teaches the field names once, and the login is sent again with them (issue 13: an e-mail
    login must work with no setting). ``password_is_secret=False`` only for the published default
    passwords of DRFC-906: registered as secrets, "admin" would be redacted from every later answer
    (the form field ``password`` is masked in the evidence all the same).
    """
    if password_is_secret:
        target.client.redactor.add(password, f"password of {username}")
    # A 429 is DRFC-906's stop sign, not something to wait out and retry: it asks to see it.
    options = {} if honour_rate_limits is None else {"honour_rate_limits": honour_rate_limits}

    def send():
        sent = list(headers)
        if takes_basic(target, kind):
            basic = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
            target.client.redactor.add(basic, f"Basic credentials of {username}")
            sent.append(("Authorization", f"Basic {basic}"))
        form = login_form(target, kind, username, password)
        body = {"json": form} if kind.json_body else {"data": form}  # allauth headless takes JSON
        return form, target.client.request("POST", login_path(target, kind), headers=sent, role=step, **body,
                                           **options)

    form, answer = send()
    if _learn_fields(target, kind, answer, form) is not None:
        _form, answer = send()
    return answer


REQUIRED_MARKERS = ("required", "may not be blank", "must not be blank", "missing")


def _learn_fields(target, kind: LoginKind, answer: Answer, form: dict) -> LoginFields | None:
    """Field names a 400 answer says the login needs, when they differ from those sent; else None."""
    if answer.status != 400 or kind is OAUTH2_LOGIN or kind.name in _learned(target):
        return None
    declared = target.expectations.values.get("LOGIN_FIELDS") or {}
    try:
        errors = answer.json()
    except ValueError:
        return None
    if kind is ALLAUTH_LOGIN:  # allauth names it as {"errors": [{"code": "required", "param": ...}]}
        from conformance.auth.stacks.allauth_headless import required_param

        param = required_param(answer)
        errors = {param: "required"} if param else None
    if not isinstance(errors, dict):
        return None
    required = [name for name, messages in errors.items()
                if name not in form and isinstance(name, str) and name != "non_field_errors"
                and any(marker in str(messages).lower() for marker in REQUIRED_MARKERS)]
    became_form = False
    if takes_basic(target, kind):
        if not required:
            return None
        _takes_form(target)[kind.name] = became_form = True  # a knox login validating a form (its alternative)
    current = login_fields(target, kind)
    password = declared.get("password") or next((n for n in required if "password" in n.lower()), current.password)
    username = declared.get("username") or next((n for n in required if "password" not in n.lower()),
                                                current.username)
    learned = LoginFields(username, password, f"the 400 answer of {login_path(target, kind)}")
    if (learned.username, learned.password) == (current.username, current.password) and not became_form:
        return None
    _learned(target)[kind.name] = learned
    return learned


def issued_secret(kind: LoginKind, answer: Answer) -> str | None:
    """The credential a login answer carries (``token`` or ``access_token``), else None."""
    if kind is ALLAUTH_LOGIN:
        from conformance.auth.stacks.allauth_headless import session_token

        return session_token(answer)
    data = answer.issued()
    for field in (kind.secret_field, *SECRET_FIELD_ALIASES.get(kind.name, ())):
        value = data.get(field)
        if isinstance(value, str) and value:
            return value
    return None


# Other libraries' names for a kind's credential field, one line per library.
SECRET_FIELD_ALIASES: dict[str, tuple[str, ...]] = {}
SECRET_FIELD_ALIASES["token"] = SECRET_FIELD_ALIASES.get("token", ()) + ("key",)  # dj-rest-auth's TokenSerializer


def log_in(target, kind: LoginKind, username: str, password: str, role: str, scheme: Scheme | None = None,
           *, headers=(), step: str = "login") -> tuple[Credential | None, Answer]:
    """Log in and return the issued credential (registered as secret ``role``) and the answer."""
    answer = send_login(target, kind, username, password, headers=headers, step=step)
    secret = issued_secret(kind, answer)
    if secret is None:
        return None, answer
    register_issued(target, answer, secret, role)
    return Credential(role, scheme or kind.scheme, secret, username), answer


# JSON fields of login answers that carry credentials (DRF, DOT, simplejwt, knox).
ISSUED_FIELDS = ("token", "access_token", "refresh_token", "access", "refresh", "id_token")
ISSUED_FIELDS += ("key",)  # dj-rest-auth's token login


def register_issued(target, answer: Answer, secret: str, label: str, role: str | None = None) -> None:
    """Register a secret read from ``answer`` and redact it from that answer's recorded exchange.

    The exchange was recorded before the secret was known; the JSON writer masks fields such as
    ``token`` and ``access_token`` whatever their value, but not simplejwt's ``access``, so the
    recorded body is redacted again now that the value is known (CWE-532).
    """
    redactor = target.client.redactor
    redactor.add(secret, label, role=role or label)
    try:
        data = answer.json()
    except ValueError:
        data = None
    if isinstance(data, dict):  # what else the answer issued (simplejwt's refresh token)
        for field in ISSUED_FIELDS:
            if isinstance(data.get(field), str) and data[field] != secret:
                redactor.add(data[field], f"{field} issued with {label}")
    from conformance.auth.stacks.dj_rest_auth import cookie_pair

    for field, value in cookie_pair(answer).items():  # dj-rest-auth's JWT cookies (Set-Cookie is masked too)
        if value != secret:
            redactor.add(value, f"{field} cookie issued with {label}")
    exchange = answer.exchange
    if exchange.response and isinstance(exchange.response.get("body"), str):
        exchange.response["body"] = redactor.redact(exchange.response["body"])
