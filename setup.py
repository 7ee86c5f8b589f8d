"""Package discovery that pyproject.toml alone cannot express.

The scenarios live at the top-level ``scenarios/`` of the repository (the layout users know) but
ship inside the distribution as ``conformance.scenarios``, so an installed copy finds them from
any directory. Everything else is declared in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["conformance", "conformance.*", "target_project", "target_project.*"])
    + ["conformance.scenarios"],
    package_dir={"conformance.scenarios": "scenarios"},
)
