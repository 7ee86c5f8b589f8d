"""The GitHub Action (action.yml) runs as written (issue 15).

The composite action's ``run:`` steps are taken from action.yml and run here with bash as the
runner does (``bash --noprofile --norc -eo pipefail``), their ``${{ ... }}`` expressions and
``if:`` conditions evaluated from the inputs and earlier steps' outputs, ``$GITHUB_OUTPUT`` and
``$GITHUB_STEP_SUMMARY`` as files, credentials as ``CONFORMANCE_<ROLE>`` variables. The ``uses:``
steps (setup-python, upload-sarif) are GitHub's own: here it is checked that they would run and
that the SARIF file they would upload exists. The target is the gunicorn-served reference
deployment on loopback, audited by the installed wheel.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tests.conftest import REPO
from tests.install.conftest import clean_env
from tests.remote.conftest import free_port

ACTION = yaml.safe_load((REPO / "action.yml").read_text())
EXPRESSION = re.compile(r"\$\{\{\s*(.+?)\s*\}\}")
CONTEXT_NAME = re.compile(r"\b(inputs|steps|github|runner)\.[A-Za-z0-9_.-]+")


@dataclass
class ActionRun:
    steps_run: list[str] = field(default_factory=list)
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    uses: dict[str, dict[str, str]] = field(default_factory=dict)
    summary: str = ""
    log: str = ""
    failed_step: str | None = None


def read_outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)


def run_action(inputs: dict[str, str], env: dict[str, str], bin_dir: Path, tmp_path: Path) -> ActionRun:
    declared = ACTION["inputs"]
    assert set(inputs) <= set(declared), set(inputs) - set(declared)
    values = {name: str(spec.get("default", "")) for name, spec in declared.items()}
    values.update(inputs)
    result = ActionRun()
    summary = tmp_path / "step-summary.md"
    summary.write_text("")

    def lookup(name: str) -> str:
        kind, _, rest = name.partition(".")
        if kind == "inputs":
            return values[rest]
        if kind == "steps":
            step_id, _, output = rest.partition(".outputs.")
            return result.outputs.get(step_id, {}).get(output, "")
        if name == "github.action_path":
            return str(REPO)
        raise AssertionError(f"action.yml uses a context this test does not know: {name}")

    def substitute(text: str) -> str:
        return EXPRESSION.sub(lambda match: lookup(match.group(1)), str(text))

    def condition(text: str | None) -> bool:
        if text is None:
            return not result.failed_step  # success(), the default
        expression = EXPRESSION.sub(lambda match: match.group(1), text)
        expression = CONTEXT_NAME.sub(lambda match: repr(lookup(match.group(0))), expression)
        expression = expression.replace("always()", "True").replace("&&", " and ").replace("||", " or ")
        return bool(eval(expression, {"__builtins__": {}}))  # the action's own file, parsed above

    for number, step in enumerate(ACTION["runs"]["steps"]):
        name = step.get("name") or step.get("uses")
        if not condition(step.get("if")):
            continue
        if "uses" in step:
            result.uses[step["uses"]] = {key: substitute(value) for key, value in step.get("with", {}).items()}
            continue
        assert step["shell"] == "bash"
        outputs = tmp_path / f"outputs-{number}"
        outputs.write_text("")
        step_env = clean_env(**env, **{key: substitute(value) for key, value in step.get("env", {}).items()})
        step_env.update(PATH=f"{bin_dir}:{step_env['PATH']}", GITHUB_OUTPUT=str(outputs), GITHUB_STEP_SUMMARY=str(summary))
        script = tmp_path / f"step-{number}.sh"
        script.write_text(substitute(step["run"]))
        completed = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=tmp_path,
                                   env=step_env, capture_output=True, text=True, timeout=900, check=False)
        result.steps_run.append(name)
        result.log += completed.stdout + completed.stderr
        if "id" in step:
            result.outputs[step["id"]] = read_outputs(outputs)
        if completed.returncode != 0:
            result.failed_step = name
    result.summary = summary.read_text()
    return result


def role_variables(credentials: Path) -> dict[str, str]:
    """creds.json as the CONFORMANCE_<ROLE> secrets a workflow would pass."""
    data = json.loads(credentials.read_text())
    return {f"CONFORMANCE_{group}_{name}".upper(): value
            for group, members in data.items() if isinstance(members, dict)
            for name, value in members.items() if isinstance(value, str)}


def test_the_action_audits_a_deployment_uploads_sarif_and_writes_the_summary(installed, wheel, served_deployment,
                                                                              endpoints, tmp_path):
    deployment = served_deployment()
    secrets = role_variables(deployment.credentials)
    assert secrets
    run = run_action({"target-url": deployment.url, "ca-bundle": str(deployment.ca_bundle),
                      "config": str(deployment.config), "endpoints": str(endpoints),
                      "package": str(wheel), "report-dir": "audit-reports",
                      "args": "-k missing_credentials -q"}, secrets, installed.bin, tmp_path)
    assert run.failed_step is None, run.log[-4000:]
    assert run.steps_run == ["Install drf-conformance", "Audit the deployment", "Verdict"]
    assert run.outputs["audit"]["exit-code"] == "0"
    sarif = run.uses["github/codeql-action/upload-sarif@v3"]
    assert sarif["category"] == "drf-conformance"
    assert (tmp_path / sarif["sarif_file"]).is_file()
    assert json.loads((tmp_path / sarif["sarif_file"]).read_text())["version"] == "2.1.0"
    # The tool's own summary (report.md), then the action's verdict line.
    assert "drf-conformance: passed" in run.summary
    assert run.summary.index("drf-conformance") < run.summary.index("**drf-conformance: passed")
    for value in secrets.values():
        assert value not in run.summary and value not in run.log


def test_an_audit_that_could_not_run_fails_the_action_and_says_why(installed, wheel, endpoints, tmp_path):
    run = run_action({"target-url": f"https://127.0.0.1:{free_port()}", "package": str(wheel),
                      "endpoints": str(endpoints),
                      "args": "-k missing_credentials"}, {}, installed.bin, tmp_path)
    assert run.outputs["audit"]["exit-code"] == "3"
    assert run.failed_step == "Verdict"
    assert "the target could not be reached or served" in run.summary


def test_inputs_reach_the_shell_only_through_the_environment():
    """No ${{ inputs.* }} inside a script: a crafted input could run commands (script injection)."""
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            assert not EXPRESSION.search(step["run"]), step["name"]
