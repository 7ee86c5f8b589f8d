"""docs/usage.md's settings table lists every key the code reads (issue 12, contract section 3)."""

import re

from conformance.expectations import DEFAULTS
from tests.conftest import REPO


def test_every_settings_key_is_in_the_usage_table():
    table = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", (REPO / "docs" / "usage.md").read_text(encoding="utf-8"), re.M))
    assert set(DEFAULTS) <= table, sorted(set(DEFAULTS) - table)
