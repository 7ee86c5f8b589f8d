"""Targets: what an audit runs against, in-process or remote, behind one interface."""

from conformance.targets.base import AuthEndpoints, Target, TargetError  # noqa: F401
