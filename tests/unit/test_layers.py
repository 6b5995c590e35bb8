"""The generator's layers run one way (`.importlinter`, checked by `lint-imports` in `make test`):
the contract holds for the code as it is, and it fails on an import from a lower layer up and on
a module that sits in no layer."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    """Run the contract of `project` on its own macros/ (never one found elsewhere on the path)."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(project / ".importlinter")],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project)},
        capture_output=True,
        text=True,
    )


def copy_of_the_code(tmp_path: Path) -> Path:
    """The contract and the Python modules of macros/, in a folder of their own."""
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    for module in (ROOT / "macros").rglob("*.py"):
        target = tmp_path / module.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(module, target)
    return tmp_path


@pytest.mark.parametrize(
    "module, line",
    [
        ("macros/content/site.py", "from ..pages.outputs import claims"),
        ("macros/base/problems.py", "from ..content import site"),
        ("macros/formats/schemas.py", "from ..pages.render import Page"),
        ("macros/pages/render.py", "from ..wiring import hooks"),
    ],
)
def test_an_upward_import_breaks_the_contract(tmp_path: Path, module: str, line: str) -> None:
    project = copy_of_the_code(tmp_path)
    source = project / module
    source.write_text(source.read_text(encoding="utf-8") + f"\n{line}  # upward\n", encoding="utf-8")
    result = lint_imports(project)
    assert result.returncode == 1
    importer = module.removesuffix(".py").replace("/", ".")
    assert f"- {importer} -> " in result.stdout and "Contracts: 0 kept, 1 broken." in result.stdout


def test_a_module_outside_every_layer_breaks_the_contract(tmp_path: Path) -> None:
    project = copy_of_the_code(tmp_path)
    (project / "macros/urls.py").write_text('"""Paths."""\n', encoding="utf-8")
    result = lint_imports(project)
    assert result.returncode == 1
    assert "- macros.urls" in result.stdout
