"""Session cookies for a remote audit's ``session.*`` roles, made through the deployment's own
session engine (``settings.SESSION_ENGINE``), as ``django.contrib.auth.login`` makes them.

Each session holds what ``login()`` stores (``_auth_user_id``, ``_auth_user_backend`` and
``_auth_user_hash``, the HMAC of the password hash that ``get_user`` verifies), so the deployment
accepts it exactly as it accepts a browser's. The ``expired`` session was issued ``MAX_TOKEN_AGE``
plus a day ago: its expiry is that instant plus ``SESSION_COOKIE_AGE`` (a signed-cookie session is
signed with that instant's timestamp instead), so a deployment whose sessions outlive the policy
keeps accepting it, which is the finding (CWE-613).

Server-side session keys start with ``KEY_PREFIX``, so they are told from a browser's at a glance.
``cleanup()`` removes every stored session of the provisioned users, by the user each session
belongs to: those made here, and those the audit's own logins opened (issue 11), never another
run's. Sessions the engine cannot list (cache, signed cookies) stop working when their user is
deleted: ``get_user`` finds no user and flushes the session.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    load_backend,
)
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.core import signing
from django.utils import timezone
from django.utils.crypto import get_random_string

# Lower-case letters and digits only: the file engine accepts no other key characters.
KEY_PREFIX = "drfconformance"
SESSION_KEY_LENGTH = 40  # django_session.session_key is a CharField(max_length=40)
SIGNED_COOKIES_SALT = "django.contrib.sessions.backends.signed_cookies"


def in_use() -> bool:
    """The deployment opens sessions: a session middleware is installed (Django's or a subclass
    named like it)."""
    return any(str(path).rsplit(".", 1)[-1] == "SessionMiddleware" for path in settings.MIDDLEWARE)


def _engine():
    return import_module(settings.SESSION_ENGINE)


def _store_class():
    """The engine's ``SessionStore``, with keys that carry ``KEY_PREFIX``."""
    base = _engine().SessionStore

    class MarkedSessionStore(base):
        # SessionBase.key_salt is built from the class's __qualname__: keep the engine's, or the
        # deployment could not decode (and would empty) the sessions made here.
        __qualname__ = base.__qualname__

        def _get_new_session_key(self):
            while True:
                key = KEY_PREFIX + get_random_string(SESSION_KEY_LENGTH - len(KEY_PREFIX), VALID_KEY_CHARS)
                if not self.exists(key):
                    return key

    return MarkedSessionStore


def _backend_path() -> str:
    """The first backend that can load users, as the test client's ``force_login`` chooses it."""
    for path in settings.AUTHENTICATION_BACKENDS:
        if hasattr(load_backend(path), "get_user"):
            return path
    raise RuntimeError("no AUTHENTICATION_BACKENDS entry can load users: no session can be made")


def _login_data(user) -> dict[str, str]:
    return {
        SESSION_KEY: user._meta.pk.value_to_string(user),
        BACKEND_SESSION_KEY: _backend_path(),
        HASH_SESSION_KEY: user.get_session_auth_hash(),
    }


def _is_signed_cookies() -> bool:
    return settings.SESSION_ENGINE == "django.contrib.sessions.backends.signed_cookies"


class _BackdatedSigner(signing.TimestampSigner):
    """Signs with a past timestamp: the value ``signing.dumps`` would have made back then."""

    def __init__(self, *args, issued_at: datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self._issued_at = issued_at

    def timestamp(self):
        return signing.b62_encode(int(self._issued_at.timestamp()))


def session_for(user, issued_at: datetime | None = None) -> str:
    """The cookie value of a new logged-in session of ``user``, issued now or at ``issued_at``."""
    store = _store_class()()
    store.update(_login_data(user))
    if issued_at is None:
        store.save(must_create=True)
        return store.session_key
    store.set_expiry(issued_at + timedelta(seconds=store.get_session_cookie_age()))
    if _is_signed_cookies():
        return _BackdatedSigner(salt=SIGNED_COOKIES_SALT, issued_at=issued_at).sign_object(
            dict(store.items()), serializer=store.serializer, compress=True)
    store.save(must_create=True)
    return store.session_key


def expired_session_for(user, max_token_age: timedelta) -> str:
    return session_for(user, issued_at=timezone.now() - max_token_age - timedelta(days=1))


def cleanup(user_keys: list[str]) -> int:
    """Delete the stored sessions of the users whose primary keys (as strings) are given; how many."""
    wanted = set(user_keys)
    if not wanted or not in_use():
        return 0
    store_class = _engine().SessionStore
    if hasattr(store_class, "get_model_class"):  # db and cached_db
        keys = [row.session_key for row in store_class.get_model_class().objects.iterator(chunk_size=2000)
                if _owner(row.get_decoded) in wanted]
        for key in keys:
            store_class(key).delete(key)  # cached_db: the cached copy too
        return len(keys)
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.file":
        prefix = store_class(None).file_prefix
        removed = 0
        for file in Path(store_class._get_storage_path()).glob(f"{prefix}*"):
            key = file.name[len(prefix):]
            store = store_class(key)
            if _owner(store.load) in wanted:
                store.delete(key)
                removed += 1
        return removed
    return 0  # cache and signed cookies cannot be listed: deleting the users ends them


def _owner(load) -> str | None:
    """The ``_auth_user_id`` of a stored session; None for one that cannot be read."""
    try:
        data = load()
    except Exception:  # noqa: BLE001 - another project's corrupt or foreign session: not ours
        return None
    owner = data.get(SESSION_KEY) if isinstance(data, dict) else None
    return str(owner) if owner is not None else None
