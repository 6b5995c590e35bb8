"""The export builds with every engine that installs here, and readers get the same article text.

`python -m macros export` writes the demo once; MkDocs (the default), ProperDocs and Zensical (where
installed) each build it, and the text of every page's article is compared with MkDocs'. Known
differences are listed here, page by page, so a new one fails the test."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.wiring.verify import decoded_text
from support import ENV, run_macros

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
EDIT_BUTTON = re.compile(r'<a href="[^"]*" title="[^"]*" class="md-content__button md-icon"[^>]*>.*?</a>', re.S)

# Pages whose article text an engine is known to give differently (none today: ProperDocs 1.6.7 and
# Zensical 0.0.73 give every page's text as MkDocs does, the news index included).
KNOWN: dict[str, set[str]] = {}


def engine(name: str) -> str | None:
    """The engine's program: in this virtual environment, else on PATH."""
    return shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("export") / "export"
    result = run_macros("export", "-f", "mkdocs.demo.yml", str(folder))
    assert result.returncode == 0, result.stderr
    return folder


def build(export: Path, name: str, target: Path) -> Path:
    shutil.copytree(export, target)
    program = engine(name)
    assert program
    command = [program, "build", "--strict", "-f", "mkdocs.yml"]
    result = subprocess.run(command, cwd=target, env=ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return target / "site"


def articles(site: Path) -> dict[str, str]:
    texts = {}
    for page in sorted(site.rglob("*.html")):
        match = ARTICLE.search(page.read_text(encoding="utf-8"))
        if match:
            text = decoded_text(EDIT_BUTTON.sub("", match.group(1)))
            texts[page.relative_to(site).as_posix()] = " ".join(text.replace("¶", "").split())
    return texts


@pytest.mark.parametrize("name", ["properdocs", "zensical"])
def test_every_engine_gives_the_same_article_text(export: Path, tmp_path: Path, name: str) -> None:
    if engine(name) is None:
        pytest.skip(f"{name} is not installed")
    ours = articles(build(export, "mkdocs", tmp_path / "mkdocs"))
    theirs = articles(build(export, name, tmp_path / name))
    assert len(ours) > 50
    assert sorted(ours) == sorted(theirs)
    different = {page for page in ours if ours[page] != theirs[page]}
    assert different == KNOWN.get(name, set())


@pytest.mark.parametrize("name", ["properdocs", "zensical"])
def test_every_engine_passes_the_output_gate(tmp_path: Path, name: str) -> None:
    """`python -m macros build --engine NAME`: what the engine makes of the export passes verify
    (Zensical resolves relative links in raw HTML against the Markdown file's folder, so the export
    writes every page as <folder>/index.md)."""
    if engine(name) is None:
        pytest.skip(f"{name} is not installed")
    result = run_macros("build", "-f", "mkdocs.demo.yml", "-d", str(tmp_path / "site"), "--engine", name)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "site" / "index.html").is_file()
