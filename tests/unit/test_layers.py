"""The generator's import contracts (`.importlinter`; `make lint` checks that the code keeps them):
each one fails when it is broken: an import from a lower layer up, a module in no layer, an import
upwards inside base/, MkDocs outside the wiring, Jinja outside the pages, an import cycle inside a
layer. A new contract comes with a case here."""

from __future__ import annotations

import ast
import configparser
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from support import ROOT, functions_that_build

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


def contract_names() -> dict[str, str]:
    """Each contract of `.importlinter` by its id (`[importlinter:contract:<id>]`): its name."""
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter", encoding="utf-8")
    prefix = "importlinter:contract:"
    return {
        section[len(prefix) :]: config[section]["name"] for section in config.sections() if section.startswith(prefix)
    }


def broken(result: subprocess.CompletedProcess) -> set[str]:
    """The ids of the contracts the run reports broken (its lines wrap long names, so words are compared)."""
    words = " ".join(result.stdout.split())
    return {ident for ident, name in contract_names().items() if f"{' '.join(name.split())} BROKEN" in words}


# (module, line added to it, the contract that line breaks)
BREAKS = [
    # An import from a lower layer up.
    ("macros/content/site.py", "from ..pages.outputs import claims", "layers"),
    ("macros/base/problems.py", "from ..content import site", "layers"),
    ("macros/formats/schemas.py", "from ..pages.render import Page", "layers"),
    ("macros/pages/render.py", "from ..wiring import hooks", "layers"),
    # Inside base/: a module imports one on its own line or above it.
    ("macros/base/problems.py", "from . import kinds", "base"),
    ("macros/base/fsafe.py", "from .privacy import scan_name", "base"),
    # The engine outside the wiring (the content layer once took a page's title from MkDocs).
    ("macros/content/handwritten.py", "from mkdocs.utils import get_markdown_title", "engine"),
    ("macros/pages/tree.py", "from mkdocs.structure.files import File", "engine"),
    ("macros/formats/atom.py", "import material", "engine"),
    # Jinja outside the pages (the serve error page was once an f-string in the wiring).
    ("macros/wiring/serving.py", "import jinja2", "jinja"),
    ("macros/formats/citations.py", "from jinja2 import Environment", "jinja"),
    # A cycle inside a layer (the path module once looked up the models that import it).
    ("macros/content/paths.py", "from .experiments import Experiment", "cycles"),
]


def test_every_contract_has_a_case() -> None:
    assert {contract for _, _, contract in BREAKS} == set(contract_names())


@pytest.mark.parametrize("module, line, contract", BREAKS)
def test_each_contract_fails_when_it_is_broken(tmp_path: Path, module: str, line: str, contract: str) -> None:
    project = copy_of_the_code(tmp_path)
    source = project / module
    source.write_text(source.read_text(encoding="utf-8") + f"\n{line}  # breaks it\n", encoding="utf-8")
    result = lint_imports(project)
    assert result.returncode == 1
    assert contract in broken(result), result.stdout
    importer = module.removesuffix(".py").replace("/", ".")
    assert f"{importer} -> " in result.stdout or f".{importer.rsplit('.', 1)[1]} -> " in result.stdout


@pytest.mark.parametrize("module, contract", [("macros/urls.py", "layers"), ("macros/base/urls.py", "base")])
def test_a_module_outside_every_layer_breaks_the_contract(tmp_path: Path, module: str, contract: str) -> None:
    project = copy_of_the_code(tmp_path)
    (project / module).write_text('"""Paths."""\n', encoding="utf-8")
    result = lint_imports(project)
    assert result.returncode == 1
    assert broken(result) == {contract}
    assert f"- {module.removesuffix('.py').replace('/', '.')}" in result.stdout


def imports_of_test_modules(source: str) -> list[str]:
    """The test modules (test_*) that `source` imports, at any depth of its code."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.split(".")[-1].startswith("test_")]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[-1].startswith("test_"):
            found.append(node.module or "")
    return found


def test_no_test_module_imports_another() -> None:
    """What tests share lives in support.py, conftest.py and the cases_*.py tables: a test module that
    imports another runs only when that one happened to be imported first (as test_opendata's
    import of test_loader did, inside a test, until it was run alone)."""
    assert sorted(imports_of_test_modules("def f():\n    from test_loader import EXP\nimport test_x, os")) == [
        "test_loader",
        "test_x",
    ]
    found = {
        path.relative_to(ROOT).as_posix(): names
        for path in sorted((ROOT / "tests").rglob("*.py"))
        if (names := imports_of_test_modules(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_a_test_that_builds_through_a_helper_or_a_fixture_is_marked_build() -> None:
    """`-m "not build"` leaves out every test that runs a build: one whose own code does, and one that
    reaches a helper or fixture that does, at any depth. Before, only a test's own code was read,
    and seven tests (test_caches, test_fsafe, test_serve) ran the engine under "not build"."""
    source = textwrap.dedent("""
        import functools

        def make_site(project):
            return run_macros("build", cwd=project)

        def check(project):
            return run_macros("check", cwd=project)

        make_demo = functools.partial(mkdocs_build, ROOT / "mkdocs.demo.yml")
        COMMAND = [sys.executable, "-m", "mkdocs", "serve"]

        @pytest.fixture
        def clean(tmp_path):
            return make_site(tmp_path)

        def test_through_a_fixture(clean):
            assert clean

        def test_through_a_helper_of_a_helper(tmp_path):
            def again():
                return make_site(tmp_path)
            assert again()

        def test_through_a_partial(tmp_path):
            assert make_demo(tmp_path)

        def test_through_a_command_list():
            subprocess.run(COMMAND)

        def test_through_getfixturevalue(request):
            assert request.getfixturevalue("clean")

        @pytest.mark.usefixtures("clean")
        def test_through_usefixtures():
            pass

        def test_through_a_shared_helper(tmp_path):
            assert support.build_the_demo(tmp_path)

        class TestInAClass:
            def test_in_a_class(self, tmp_path):
                assert publish.build(tmp_path / "mkdocs.yml")

        def test_a_check_only(tmp_path):
            assert check(tmp_path) and "build" in str(tmp_path)
    """)
    assert functions_that_build(source, known=frozenset({"build_the_demo"})) == {
        "make_site",
        "make_demo",
        "COMMAND",
        "clean",
        "test_through_a_fixture",
        "test_through_a_helper_of_a_helper",
        "test_through_a_partial",
        "test_through_a_command_list",
        "test_through_getfixturevalue",
        "test_through_usefixtures",
        "test_through_a_shared_helper",
        "test_in_a_class",
    }
    caches = functions_that_build((ROOT / "tests/unit/test_caches.py").read_text(encoding="utf-8"))
    assert {
        "clean",
        "test_a_second_build_reuses_the_caches",
        "test_what_comes_back_from_the_cache_is_sanitised",
    } <= caches


def test_the_markers_leave_the_builds_out_of_not_build() -> None:
    """The hook in conftest.py applies the marks: collected with `-m "not build"`, the tests that
    build through a helper or fixture of their module (which ran the engine under "not build"
    before) are left out, and those that build nothing stay."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-m",
            "not build",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "tests/unit/test_caches.py",
            "tests/unit/test_serve.py",
            "tests/unit/test_fsafe.py",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    collected = {line.split("[")[0] for line in result.stdout.splitlines() if "::" in line}
    for builds in (
        "tests/unit/test_caches.py::test_a_second_build_reuses_the_caches",
        "tests/unit/test_serve.py::test_template_and_code_edits_show_without_restart",
        "tests/unit/test_fsafe.py::test_leftovers_of_killed_builds_are_cleaned_and_nothing_else",
    ):
        assert builds not in collected, builds
    assert "tests/unit/test_serve.py::test_error_page_escapes_everything" in collected, result.stdout[-2000:]
    assert "tests/unit/test_caches.py::test_cache_clear_removes_only_our_files" in collected
