"""A build prints the project's own report, not other tools' notices that look like problems."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support import BUILD_EPOCH, ROOT, run_macros

BANNER = ("MkDocs 2.0", "end of life", "Zensical", "NO_MKDOCS_2_WARNING", "ProperDocs")


def quiet_env() -> dict[str, str]:
    """The environment of a newcomer's shell: no switch set by hand."""
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    return {**env, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": BUILD_EPOCH}


def assert_quiet(output: str) -> None:
    for text in BANNER:
        assert text not in output, output
    assert "[macros] - " not in output, output


def test_python_m_macros_build_prints_only_the_report(tmp_path: Path) -> None:
    result = run_macros("build", "-d", str(tmp_path / "site"), env=quiet_env())
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert_quiet(output)
    assert "privacyscan:" in output and "site gebouwd in" in output
    assert "Building documentation to directory" not in output  # the temporary folder, gone a moment later


def test_make_gives_mkdocs_serve_and_build_a_quiet_environment(tmp_path: Path) -> None:
    """`make serve` and `make demo` run the mkdocs command itself, which Material greets with a
    banner unless the Makefile switches it off; the build then runs with what make exports."""
    env = subprocess.run(
        ["make", "-s", "--no-print-directory", "--eval", "_env: ; @env", "_env"],
        cwd=ROOT,
        env=quiet_env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    exported = dict(line.split("=", 1) for line in env.splitlines() if "=" in line)
    assert exported.get("NO_MKDOCS_2_WARNING") == "1"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        env={**quiet_env(), "NO_MKDOCS_2_WARNING": exported["NO_MKDOCS_2_WARNING"]},
        capture_output=True,
        text=True,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert_quiet(output)
