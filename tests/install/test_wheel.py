"""The wheel is the product (issue 15): what it holds, and that it runs from outside the repository.

One venv (``installed``, session-scoped) holds the built wheel with the ``[reference]`` extra;
each test runs the installed ``drf-conformance`` from a directory outside the checkout, in the
three ways users do: the embedded default, ``--ds`` on a project of their own, ``--target-url``.
The audits are narrowed with ``-k`` to one family: what is tested here is the installation
(fixtures, templates, scenarios, entry points), not the checks, which tests/e2e and the support
matrix (noxfile.py) cover.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import zipfile
from email.parser import Parser

import pytest

from tests.conftest import REPO

FAMILY = ["-k", "missing_credentials"]


def test_the_wheel_holds_what_an_installed_copy_reads_at_run_time(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("target_project/polls/fixtures/conformance_sample.json",  # loaddata of the default audit
                   "target_project/accounts/templates/accounts/login.html",
                   "conformance/reports/templates/report.html.j2",
                   "conformance/reports/templates/report.css",
                   "conformance/reports/templates/report.js",
                   "conformance/scenarios/test_missing_credentials.py",  # scenarios/ mapped into the package
                   "conformance/contrib/django/management/commands/conformance_provision.py"):
        assert needed in names
    assert not any(name.startswith(("tests/", "bench/", "tools/", "reports/")) for name in names)


def test_twine_check_passes(dist):
    completed = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, dist.iterdir())],
                               capture_output=True, text=True, timeout=300, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_optional_libraries_are_never_required(wheel):
    """DOT, simplejwt and knox are the audited project's business: only extras may name them."""
    metadata = Parser().parsestr(zipfile.ZipFile(wheel).read(
        next(n for n in zipfile.ZipFile(wheel).namelist() if n.endswith(".dist-info/METADATA"))).decode())
    requires = metadata.get_all("Requires-Dist")
    optional = ("django-oauth-toolkit", "djangorestframework-simplejwt", "django-rest-knox")
    for requirement in requires:
        if requirement.lower().startswith(optional):
            assert "extra ==" in requirement, requirement
    assert any(r.startswith("django-oauth-toolkit") and 'extra == "reference"' in r for r in requires), requires
    assert any(r.startswith("tomli") and "python_version" in r for r in requires), requires
    assert metadata["Requires-Python"] == ">=3.10"


def test_the_installed_tool_audits_the_embedded_default(installed):
    reports = installed.workdir / "default-reports"
    run = installed.run("-q", "--report-dir", str(reports), *FAMILY)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    report = json.loads((reports / "report.json").read_text())
    assert report["target"]["settings"] == "target_project.settings"
    assert report["summary"]["passed"] > 0 and report["summary"]["error"] == 0
    for name in ("junit.xml", "report.md", "report.html", "report.sarif"):
        assert (reports / name).is_file(), name


def test_the_installed_code_is_the_wheel_not_the_checkout(installed):
    completed = subprocess.run(
        [str(installed.python), "-c", "import conformance, target_project; print(conformance.__file__); "
                                      "print(target_project.__file__)"],
        cwd=installed.workdir, capture_output=True, text=True, timeout=60, check=True)
    for path in completed.stdout.split():
        assert "site-packages" in path and str(REPO) not in path


TINY_SETTINGS = '''
SECRET_KEY = "tiny-project-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "rest_framework",
                  "rest_framework.authtoken"]
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "django.middleware.common.CommonMiddleware"]
ROOT_URLCONF = "tinyproject.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "tiny.sqlite3"}}
USE_TZ = True
SECURE_SSL_REDIRECT = True
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}
'''

TINY_URLS = '''
from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView


class Hello(APIView):
    def get(self, request):
        return Response({"user": request.user.get_username()})


urlpatterns = [path("api/hello/", Hello.as_view())]
'''


def test_the_installed_tool_audits_a_project_of_its_own_with_ds(installed):
    """A project with DRF tokens only: no django-oauth-toolkit, no CONFORMANCE settings."""
    project = installed.workdir / "tiny"
    (project / "tinyproject").mkdir(parents=True)
    (project / "tinyproject" / "__init__.py").write_text("")
    (project / "tinyproject" / "settings.py").write_text(textwrap.dedent(TINY_SETTINGS))
    (project / "tinyproject" / "urls.py").write_text(textwrap.dedent(TINY_URLS))
    reports = project / "reports"
    run = installed.run("-q", "--ds", "tinyproject.settings", "--report-dir", str(reports), *FAMILY, cwd=project)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    report = json.loads((reports / "report.json").read_text())
    assert report["target"]["settings"] == "tinyproject.settings"
    assert any(r["endpoint"] == "GET /api/hello/" and r["outcome"] == "passed" for r in report["results"])


def test_the_installed_tool_audits_a_running_deployment_with_target_url(installed, served_deployment, endpoints):
    deployment = served_deployment()
    reports = installed.workdir / "remote-reports"
    run = installed.run("-q", "--target-url", deployment.url, "--ca-bundle", str(deployment.ca_bundle),
                        "--endpoints", str(endpoints),
                        "--credentials", str(deployment.credentials), "--config", str(deployment.config),
                        "--report-dir", str(reports), *FAMILY)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    report = json.loads((reports / "report.json").read_text())
    assert report["target"]["mode"] == "remote" and report["target"]["url"] == deployment.url
    assert report["summary"]["passed"] > 0 and report["summary"]["error"] == 0


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_help_and_version_work_without_a_project(installed, args):
    run = installed.run(*args)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("usage: drf-conformance" if args == ["--help"] else "drf-conformance ")
