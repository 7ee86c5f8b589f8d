"""No secret in the terminal, whatever a check raises (issue 11).

A login sent where it must not go raised out of a check, and pytest's long traceback printed the
function's arguments: ``data = {'password': ...}``. Each run here is a real pytest subprocess with
the plugin and a scenario module whose checks raise with a registered secret among their
arguments and locals, run with ``--tb=long -l`` (show locals) and ``-rA``: neither the terminal
nor any report may show the secret in any form.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO
from tests.hostile.test_secrets_units import leaked_forms

pytest_plugins = ["pytester"]

PASSWORD = "p=ss+w/rd&k3y?-7f3a9c"
SHORT = "pw9"
SCENARIOS = f'''
import pytest

from conformance.http import RequestRefused
from conformance.run.state import STATE_KEY

PASSWORD, SHORT = {PASSWORD!r}, {SHORT!r}


@pytest.fixture
def registered(request):
    redactor = request.config.stash[STATE_KEY].redactor
    redactor.add(PASSWORD, "password.password", role="password.password", username="alice")
    redactor.add(SHORT, "short password", role="inactive_password.password")


def send_login(url, data, headers):
    raise RequestRefused("not sent: the login would carry a real credential over plain HTTP")


@pytest.mark.check("DRFC-101")
def test_login_raises_out_of_the_check(registered):
    send_login("http://example.invalid/login/", data={{"username": "alice", "password": PASSWORD}},
               headers={{"Authorization": "Basic " + PASSWORD}})


@pytest.mark.check("DRFC-102")
def test_short_password_login_raises(registered):
    form = {{"username": "bob", "password": SHORT}}
    send_login("http://example.invalid/login/", data=form, headers={{}})


@pytest.mark.check("DRFC-103")
def test_a_library_quotes_the_header(registered):
    value = "Token " + PASSWORD + chr(10)
    raise ValueError(f"Invalid leading whitespace, reserved character(s), or return character(s) in header value: {{value!r}}")
'''


@pytest.fixture
def run(pytester, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)
    pytester.makepyfile(test_scenarios=SCENARIOS)
    result = pytester.runpytest_subprocess(
        "--ds", "target_project.settings", "-p", "no:cacheprovider", "-p", "no:warnings",
        "-o", "django_debug_mode=keep", "-o", "django_find_project=false", "--tb=long", "-l", "-rA", "-vv",
        f"--report-dir={pytester.path / 'reports'}",
    )
    return result, pytester.path / "reports"


def test_a_check_that_raises_shows_no_argument_or_local_values_and_is_an_error(run):
    """Before: ``data = {'password': 'p=ss+w/rd...'}`` in the long traceback, on every run."""
    result, reports = run
    terminal = result.stdout.str() + result.stderr.str()
    assert "RequestRefused" in terminal  # the traceback is there, short ...
    assert not leaked_forms(terminal, PASSWORD, "alice"), terminal[-3000:]  # ... without the values
    assert f"'{SHORT}'" not in terminal and f'"{SHORT}"' not in terminal
    report = json.loads((reports / "report.json").read_text(encoding="utf-8"))
    assert {r["outcome"] for r in report["results"]} == {"error"}
    assert any("RequestRefused: not sent" in r["detail"] for r in report["results"])
    for path in reports.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not leaked_forms(text, PASSWORD, "alice"), path.name
