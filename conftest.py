"""Root conftest: lets `pytest` run the audit from a checkout that was not pip-installed.

An installed copy loads the plugin through its ``pytest11`` entry point; registering it here as
well would load it twice, so this only steps in when the entry point is absent.
"""

from importlib.metadata import entry_points


def _plugin_installed() -> bool:
    return any(ep.value == "conformance.plugin" for ep in entry_points(group="pytest11"))


if not _plugin_installed():
    pytest_plugins = ["conformance.plugin"]
