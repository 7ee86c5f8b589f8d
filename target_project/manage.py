#!/usr/bin/env python
"""
Django's command-line utility for the reference deployment.

Runs from the repository root (`python target_project/manage.py ...`) or from inside
target_project/; either way `target_project` must be importable as a package, so the
repository root goes on sys.path. The default settings are the plain-HTTP ones for
`runserver` by hand; pass `--settings target_project.settings` for the real thing.
"""

import os
import sys
from pathlib import Path

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent


def main():
    if str(REPOSITORY_ROOT) not in sys.path:
        sys.path.insert(0, str(REPOSITORY_ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "target_project.settings_dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
