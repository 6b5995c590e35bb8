"""CODEOWNERS sends every code path to the maintainers and leaves researcher content alone.

What is code comes from one rule (macros/wiring/codepaths.py: whatever is not a content type in a
content folder, and template pages); the pull-request workflow marks changed files with the
same rule. CODEOWNERS is matched as GitHub does: gitignore-style patterns (pathspec), the last
matching line wins, a line without owners means "no owner"."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pathspec.patterns.gitignore.basic import GitIgnoreBasicPattern

from macros.wiring.codepaths import is_code
from support import ROOT, run_macros

MAINTAINERS = "@waardevol-werk/beheer"  # the placeholder team; replaced at launch


def parse_codeowners(text: str) -> list[tuple[str, GitIgnoreBasicPattern, tuple[str, ...]]]:
    rules = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        pattern, *owners = line.split()
        # GitHub does not support these gitignore features in CODEOWNERS: it would skip the line.
        assert not pattern.startswith("!") and "[" not in pattern and "\\" not in pattern, f"line {number}: {line}"
        assert all(owner.startswith("@") and "#" not in owner for owner in owners), f"line {number}: {line}"
        rules.append((pattern, GitIgnoreBasicPattern(pattern), tuple(owners)))
    return rules


def owners_of(path: str, rules) -> tuple[str, ...]:
    """The owners GitHub asks for: those of the last matching pattern (none when none matches)."""
    for _, pattern, owners in reversed(rules):
        if pattern.match_file(path):
            return owners
    return ()


RULES = parse_codeowners((ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8"))


def tracked_files() -> list[str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    result = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True)
    if result.returncode != 0:
        pytest.skip("not a git work tree")
    return [os.fsdecode(name) for name in result.stdout.split(b"\0") if name]


def test_every_tracked_code_file_needs_a_maintainer() -> None:
    files = tracked_files()
    uncovered = [path for path in files if is_code(path, ROOT) and MAINTAINERS not in owners_of(path, RULES)]
    assert uncovered == [], (
        f"code that a content reviewer could approve; give it to the maintainers in .github/CODEOWNERS: {uncovered}"
    )
    assert sum(is_code(path, ROOT) for path in files) > 90  # the walk saw the tree


def test_researcher_content_needs_no_maintainer() -> None:
    files = tracked_files()
    forced = [path for path in files if not is_code(path, ROOT) and owners_of(path, RULES)]
    assert forced == []
    assert sum(not is_code(path, ROOT) for path in files) > 40


CODE = [
    "macros/wiring/hooks.py",
    "tests/test_new.py",
    "tests/conftest.py",
    "bench/run.py",
    "tools/build_map_outline.py",
    "pytest.ini",
    "Makefile",
    "mkdocs.yml",
    ".cache/jinja/__jinja2_0c5a.cache",
    ".cache/apa-1234.json",
    ".github/workflows/check.yml",
    ".vscode/settings.json",
    ".pre-commit-config.yaml",
    "conftest.py",
    "docs/extra.js",
    "docs/stijl.css",
    "docs/pagina.html",
    "docs/plugin.py",
    "docs/afbeelding.svg",
    "docs/.meta.yml",
    "docs/actueel/.authors.yml",
    "experiments/delft/hook.py",
    "experiments/delft/x.html",
    "lectures/dias.js",
    "publications/rapport.html",
    "demo/docs/x.js",
    "demo/mkdocs.yml",
    "demo/x.md",
    "docs/FOTO.PNG",
    "experiments/README",
    "nieuwe-map/iets.md",
    "schemas/experiment.schema.json",
]
# docs/index.md is content: no page is a template (handwritten.py; `render_macros` is refused).
CONTENT = [
    "docs/index.md",
    "demo/docs/index.md",
    "experiments/delft/experiment.yml",
    "experiments/delft/ronde-1.md",
    "experiments/gemeenten.yml",
    "experiments/_sjabloon/ronde-1.md",
    "lectures/college.md",
    "lectures/college-dias.pdf",
    "lectures/college.pptx",
    "publications/rapport.yml",
    "publications/rapport.pdf",
    "publications/README.md",
    "docs/privacy.md",
    "docs/actueel/posts/nieuws.md",
    "docs/beeld/foto.jpg",
    "docs/kaart.png",
    "demo/experiments/x/experiment.yml",
    "demo/docs/actueel/index.md",
    "demo/lectures/x.pdf",
]


@pytest.mark.parametrize("path", CODE)
def test_code_paths_by_rule_and_in_codeowners(path) -> None:
    assert is_code(path, ROOT)
    assert owners_of(path, RULES) == (MAINTAINERS,)


@pytest.mark.parametrize("path", CONTENT)
def test_content_paths_by_rule_and_in_codeowners(path) -> None:
    assert not is_code(path, ROOT)
    assert owners_of(path, RULES) == ()


def test_matching_follows_githubs_documented_examples() -> None:
    rules = parse_codeowners(
        "*  @global\n*.js @js\n/build/logs/ @logs\ndocs/* @docs\napps/ @apps\n"
        "/scripts/ @scripts\n/apps/ @octocat\n/apps/github\n"
    )
    assert owners_of("README.md", rules) == ("@global",)
    assert owners_of("src/app.js", rules) == ("@js",)  # a later pattern wins over `*`
    assert owners_of("build/logs/x/y.log", rules) == ("@logs",)
    assert owners_of("docs/getting-started.md", rules) == ("@docs",)
    assert owners_of("docs/build-app/troubleshooting/beta.md", rules) == ("@global",)  # `docs/*`: not nested
    assert owners_of("deep/apps/x.txt", rules) == ("@apps",)  # `apps/` anywhere
    assert owners_of("apps/x.txt", rules) == ("@octocat",)
    assert owners_of("apps/github/x.txt", rules) == ()  # a line without owners: no owner


@pytest.mark.parametrize(
    "front, template",
    [
        ("---\nrender_macros: true\n---\n", True),
        ("---\ntitle: X\nrender_macros: True\n---\n", True),
        ('---\n"render\\x5fmacros": true\n---\n', True),  # YAML escapes: read as YAML, not as text
        ("---\nrender_macros: false\n---\n", False),
        ("---\ntitle: render_macros: true\n---\n", False),
        ("Tekst over render_macros: true in de bijdragengids.\n", False),
        ("render_macros: true\n\nTekst\n", False),  # MultiMarkdown meta: a string, which the plugin ignores
    ],
)
def test_a_page_is_code_when_mkdocs_macros_renders_it(tmp_path: Path, front, template) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "pagina.md").write_text(front + "Tekst.\n", encoding="utf-8")
    assert is_code("docs/pagina.md", tmp_path) is template


def test_codepaths_marks_changed_code_for_the_pull_request(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = run_macros(
        *("codepaths", "--format", "github", "--", "experiments/delft/ronde-1.md", "docs/extra.js"),
        *("macros/a,b.py", "docs/index.md"),
        env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.returncode == 0, result.stderr
    message = "wijziging in code (geen inhoud): een beheerder moet deze pull request beoordelen"
    assert result.stdout.splitlines() == [
        f"::warning file={name},title=codepad::{message}" for name in ("docs/extra.js", "macros/a%2Cb.py")
    ]
    text = summary.read_text(encoding="utf-8")
    assert "wijzigt 2 bestanden die code zijn" in text and "<code>macros/a,b.py</code>" in text


def test_codepaths_says_when_only_content_changed(tmp_path: Path) -> None:
    result = run_macros("codepaths", "--", "experiments/delft/ronde-1.md")
    assert result.returncode == 0 and result.stdout == "alleen inhoud gewijzigd; geen codepaden\n"


def test_the_pull_request_workflow_marks_code_paths() -> None:
    text = (ROOT / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8")
    assert 'git diff --name-only --no-renames -z "origin/${GITHUB_BASE_REF}...HEAD"' in text
    assert "python -m macros codepaths --format github --" in text and "fetch-depth: 0" in text
