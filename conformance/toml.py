"""TOML parsing on every supported Python: the standard library's ``tomllib`` from 3.11 on, the
same parser as the ``tomli`` package on 3.10 (a dependency there only, by environment marker)."""

import sys

if sys.version_info >= (3, 11):
    from tomllib import TOMLDecodeError, load, loads
else:  # pragma: no cover - exercised by the support matrix's Python 3.10 session
    from tomli import TOMLDecodeError, load, loads

__all__ = ["TOMLDecodeError", "load", "loads"]
