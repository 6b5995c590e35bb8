"""Layer (a): every real content file loads, and the real site says only what sources support."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.base.problems import Problems
from macros.content.site import load_site
from macros.content.experiments import read_experiment
from macros.content.registry import load_municipalities, load_rounds, load_themes

from builders import ROOT

CONTENT_ROOTS = [ROOT, ROOT / "demo"]
EXPERIMENT_DIRS = sorted(p for root in CONTENT_ROOTS for p in (root / "experiments").iterdir()
                         if p.is_dir() and not p.name.startswith(("_", ".")))


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


def test_real_site_has_one_record_per_seed_municipality() -> None:
    site = load_site(ROOT)
    names = sorted(site.municipality_of(e).name for e in site.experiments)
    assert names == ["Amsterdam", "Delft", "Eindhoven", "Leeuwarden", "Schouwen-Duiveland"]
    assert sorted(site.rounds) == [0, 1, 2, 3]
    assert len(site.themes) == 4


def test_real_experiments_invent_nothing() -> None:
    """Unknown facts stay empty: no names, partners, numbers or findings without a source."""
    for experiment in load_site(ROOT).experiments:
        assert experiment.status == "in voorbereiding"
        assert experiment.title is None
        assert experiment.organisations == experiment.jobs == experiment.financing == ()
        assert experiment.reports == ()
        assert experiment.sources, f"{experiment.path} cites no source"
