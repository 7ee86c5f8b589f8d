"""The remote-mode tests' helpers, kept importable from here (tools/detection_table.py and the
tests import them). The machinery and its fixtures live in tests/served.py and are registered
once in tests/conftest.py: a fixture defined again in a directory's conftest would get a cache of
its own, and a second gunicorn deployment of the same settings."""

import os
import secrets

import pytest

from tests.served import (  # noqa: F401 (re-exported)
    CONFIG,
    SERVED,
    Deployment,
    _wait_until_serving,
    free_port,
    manage,
    served_env,
)


@pytest.fixture(scope="module")
def shared_signing_key():
    """gunicorn and conformance_provision are two processes: a JWT stack's settings must give both
    one signing key (SIMPLE_JWT_SIGNING_KEY), set for the module's deployments and restored after."""
    previous = os.environ.get("SIMPLE_JWT_SIGNING_KEY")
    os.environ["SIMPLE_JWT_SIGNING_KEY"] = secrets.token_urlsafe(64)
    yield
    if previous is None:
        os.environ.pop("SIMPLE_JWT_SIGNING_KEY", None)
    else:
        os.environ["SIMPLE_JWT_SIGNING_KEY"] = previous
