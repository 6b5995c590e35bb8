"""Layer (a): every real content file loads, and the real site says only what sources support."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.base.problems import Problems
from macros.content.experiments import read_experiment
from macros.content.registry import load_municipalities, load_rounds, load_themes
from macros.content.site import load_site
from support import ROOT

CONTENT_ROOTS = [ROOT, ROOT / "demo"]
EXPERIMENT_DIRS = sorted(
    p
    for root in CONTENT_ROOTS
    for p in (root / "experiments").iterdir()
    if p.is_dir() and not p.name.startswith(("_", "."))
)


@pytest.mark.parametrize("folder", EXPERIMENT_DIRS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_experiment_folder_loads(folder: Path) -> None:
    problems = Problems()
    root = folder.parents[1]
    experiment = read_experiment(root, folder, problems)
    assert [str(p) for p in problems.items] == []
    assert experiment is not None and experiment.slug == folder.name


@pytest.mark.parametrize("root", CONTENT_ROOTS, ids=["real", "demo"])
def test_registries_load(root: Path) -> None:
    problems = Problems()
    assert load_municipalities(root, problems)
    assert load_rounds(root, problems)
    assert load_themes(root, problems)
    assert problems.items == []


@pytest.mark.parametrize("root", CONTENT_ROOTS, ids=["real", "demo"])
def test_whole_tree_loads(root: Path) -> None:
    site = load_site(root)
    assert site.experiments


def test_real_experiments_cite_a_source() -> None:
    """Unknown facts stay empty and what a profile states has a source: every real profile cites one
    (a profile without one would show the 'nog geen bronnen' the honest-site tests forbid)."""
    for experiment in load_site(ROOT).experiments:
        assert experiment.sources, f"{experiment.path} cites no source"
