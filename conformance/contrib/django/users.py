"""Test users made through the project's own user model and manager: one code path for the
in-process provisioner (``conformance.inprocess.provision``) and ``manage.py conformance_provision``.

Real user models differ (issue 13): ``USERNAME_FIELD = "email"``, ``REQUIRED_FIELDS`` such as a
name or a date of birth, extra non-null columns like a ``public_id`` with no default, a foreign
key to an organisation. ``make_user`` fills every field the database needs with a valid value of
its type (an e-mail address for an ``EmailField``, a UUID for a ``UUIDField``, the first choice
of a field with ``choices``, an existing row for a foreign key), then calls the model manager's
own ``create_user`` as ``createsuperuser`` does, so the project's hashing, normalisation and
signals run as for a real sign-up.

What it cannot invent, a project supplies with a hook, ``CONFORMANCE["USER_FACTORY"] =
"myproject.tests.make_user"``, called as ``make_user(label=..., password=..., fields={...})``
(``fields``: the values the suite would have used, a unique username among them) and returning a
saved, active user that logs in with ``password``. When the database refuses a user (a foreign
key with no row to point at, a NOT NULL column), the error says in one line that
``CONFORMANCE["FIXTURES"]`` can load the data it needs, or the hook can make the user.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta
from decimal import Decimal
from importlib import import_module
from typing import Any, Callable

# RFC 2606: ".invalid" can never be a real mail domain, so no message can ever reach anyone.
MAIL_DOMAIN = "conformance.invalid"
HINT = ("load the rows it needs with CONFORMANCE['FIXTURES'] = ['your_fixture'], or make users "
        "your own way with CONFORMANCE['USER_FACTORY'] = 'myproject.tests.make_user' (docs/usage.md)")


class UserFactoryError(Exception):
    """A user could not be made; the message is one line that says what to set."""


def login_name(user) -> str:
    """What the user types as its username at a login: the value of ``USERNAME_FIELD``."""
    return str(getattr(user, type(user).USERNAME_FIELD))


def make_user(label: str, password: str, *, prefix: str = "conformance",
              factory: str | None = None):
    """A new, active user of the project's user model with ``password``; ``label`` names it."""
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError
    from django.db import DatabaseError, IntegrityError, transaction

    model = get_user_model()
    try:
        fields = user_fields(model, f"{prefix}-{label}")
    except UserFactoryError:
        if not factory:
            raise
        fields = {}
    try:
        with transaction.atomic():  # a refused insert must not break the caller's transaction
            if factory:
                user = load_factory(factory)(label=label, password=password, fields=fields)
            else:
                user = _create_with_manager(model, fields, password)
    except UserFactoryError:
        raise
    except (IntegrityError, DatabaseError) as exc:
        raise UserFactoryError(
            f"the database refused a test user of {model._meta.label} ({_one_line(exc)}): {HINT}"
        ) from None
    except (TypeError, ValueError, ValidationError) as exc:  # a manager's signature, its full_clean()
        raise UserFactoryError(
            f"{'USER_FACTORY ' + factory if factory else model._meta.label + '.objects.create_user'} "
            f"could not make a test user ({type(exc).__name__}: {_one_line(exc)}): {HINT}"
        ) from None
    if factory and (user is None or getattr(user, "pk", None) is None):
        raise UserFactoryError(f"USER_FACTORY {factory} returned {user!r}, not a saved user")
    return user


def load_factory(path: str) -> Callable[..., Any]:
    module_name, _, attribute = path.rpartition(".")
    try:
        factory = getattr(import_module(module_name), attribute) if module_name else None
    except (ImportError, AttributeError):
        factory = None
    if not callable(factory):
        raise UserFactoryError(f"USER_FACTORY {path!r} is not an importable function, like "
                               "'myproject.tests.make_user'")
    return factory


def _create_with_manager(model, fields: dict[str, Any], password: str):
    manager = model._default_manager
    if hasattr(manager, "create_user"):
        return manager.create_user(password=password, **fields)
    user = model(**fields)
    user.set_password(password)
    user.save()
    return user


def user_fields(model, base: str) -> dict[str, Any]:
    """A valid value for every field a new user of ``model`` needs, unique where it must be."""
    unique = secrets.token_hex(4)
    needed = {model.USERNAME_FIELD, *getattr(model, "REQUIRED_FIELDS", ())}
    email_field = getattr(model, "EMAIL_FIELD", None)
    concrete = {f.name: f for f in model._meta.concrete_fields}
    if email_field in concrete:
        needed.add(email_field)
    values: dict[str, Any] = {}
    for name, field in concrete.items():
        if name in ("password", "last_login") or field.primary_key and (field.has_default() or field.auto_created
                                                                        or _is_auto(field)):
            continue
        if name in needed or _needs_a_value(field):
            values[name] = value_for(field, base, unique)
    for name in needed - set(concrete):  # a REQUIRED_FIELDS entry that is not a column (m2m)
        values.pop(name, None)
    return values


def _is_auto(field) -> bool:
    return field.get_internal_type() in ("AutoField", "BigAutoField", "SmallAutoField")


def _needs_a_value(field) -> bool:
    """The database would refuse the row without a value of ours, or two of ours would collide."""
    if field.has_default() or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return False
    if field.unique:
        return not field.null
    if field.null:
        return False
    # Django saves "" for a text field with no default (Field.get_default): fine unless unique.
    return not field.empty_strings_allowed or field.is_relation


def value_for(field, base: str, unique: str) -> Any:
    """A valid value of ``field``'s type; text is unique and within ``max_length``."""
    if field.choices:
        return field.choices[0][0] if not isinstance(field.choices[0][1], (list, tuple)) \
            else field.choices[0][1][0][0]
    if field.is_relation:
        related = field.related_model
        row = related._default_manager.order_by("pk").first()
        if row is None:
            raise UserFactoryError(
                f"{field.model._meta.label}.{field.name} needs a {related._meta.label} row and the database "
                f"has none: {HINT}"
            )
        return row
    from django.db import models

    # By class first: an EmailField's or URLField's internal type is just "CharField".
    kind = next((cls.__name__ for cls in (models.EmailField, models.URLField, models.SlugField)
                 if isinstance(field, cls)), field.get_internal_type())
    max_length = getattr(field, "max_length", None)
    if kind == "EmailField":
        return _fit(f"{base}-{unique}", max_length, suffix=f"@{MAIL_DOMAIN}", unique=unique)
    if kind == "URLField":
        return f"https://{MAIL_DOMAIN}/{unique}"
    if kind == "UUIDField":
        return uuid.uuid4()
    if kind in ("CharField", "TextField", "SlugField"):
        return _fit(f"{base}-{unique}", max_length, unique=unique)
    if kind in ("IntegerField", "BigIntegerField", "SmallIntegerField", "PositiveIntegerField",
                "PositiveSmallIntegerField", "PositiveBigIntegerField"):
        return 1 + secrets.randbelow(32766) if field.unique else 1
    if kind in ("DecimalField", "FloatField"):
        return Decimal("0") if kind == "DecimalField" else 0.0
    if kind == "BooleanField":
        return False
    if kind in ("DateField", "DateTimeField", "TimeField"):
        from django.utils import timezone

        now = timezone.now()
        return {"DateField": now.date(), "DateTimeField": now, "TimeField": now.time()}[kind]
    if kind == "DurationField":
        return timedelta(0)
    if kind == "GenericIPAddressField":
        return "127.0.0.1"
    if kind == "JSONField":
        return {}
    if kind == "BinaryField":
        return b""
    raise UserFactoryError(f"{field.model._meta.label}.{field.name} is a {kind} the suite cannot fill: "
                           f"make users with CONFORMANCE['USER_FACTORY'] = 'myproject.tests.make_user'")


def _fit(text: str, max_length: int | None, *, suffix: str = "", unique: str) -> str:
    """``text`` + ``suffix`` within ``max_length``, keeping the unique part."""
    if max_length is None or len(text) + len(suffix) <= max_length:
        return text + suffix
    room = max_length - len(suffix)
    if room >= len(unique):
        return text[: room - len(unique)] + unique + suffix if room > len(unique) else unique + suffix
    return (unique + suffix)[:max_length]


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__
