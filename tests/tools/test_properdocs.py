"""The escape hatch: ProperDocs (the maintained fork of MkDocs 1.x) builds the same pages."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from support import BUILD_EPOCH, ROOT

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def build(tool: str, target: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    result = subprocess.run(
        [tool, "build", "--strict", "-f", "mkdocs.demo.yml", "-d", str(target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def test_properdocs_builds_the_same_pages(tmp_path: Path) -> None:
    properdocs = Path(sys.executable).with_name("properdocs")
    if not properdocs.exists():
        pytest.skip("properdocs is not installed")
    build(str(Path(sys.executable).with_name("mkdocs")), tmp_path / "mkdocs")
    build(str(properdocs), tmp_path / "properdocs")
    ours = {p.relative_to(tmp_path / "mkdocs"): p for p in (tmp_path / "mkdocs").rglob("*") if p.is_file()}
    theirs = {p.relative_to(tmp_path / "properdocs"): p for p in (tmp_path / "properdocs").rglob("*") if p.is_file()}
    assert sorted(ours) == sorted(theirs)
    different = [
        str(rel)
        for rel, path in ours.items()
        if GENERATOR.sub(b"", path.read_bytes()) != GENERATOR.sub(b"", theirs[rel].read_bytes())
    ]
    assert different == []
    assert len(ours) > 100
