"""The remote-mode tests' helpers, kept importable from here (tools/detection_table.py and the
tests import them). The machinery and its fixtures live in tests/served.py and are registered
once in tests/conftest.py: a fixture defined again in a directory's conftest would get a cache of
its own, and a second gunicorn deployment of the same settings."""

from tests.served import (  # noqa: F401 (re-exported)
    CONFIG,
    SERVED,
    Deployment,
    _wait_until_serving,
    free_port,
    manage,
    served_env,
)
