"""Fixtures only: a tiny content tree in tmp_path, and the real and demo sites built once per run.

The content texts are in `cases_content.py`, the helpers that write trees and run builds in
`builders.py`."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import ROOT, mkdocs_build, write_tree


@pytest.fixture
def tree(tmp_path: Path):
    """Write a tree and return its root: tree({"experiments/x/experiment.yml": "..."})."""

    def make(files: dict[str, str | bytes], registries: bool = True) -> Path:
        return write_tree(tmp_path, files, registries)

    return make


def built(tmp_path_factory, config: str) -> Path:
    """Build a site once per test run (the tests only read it)."""
    site = tmp_path_factory.mktemp(config) / "site"
    result = mkdocs_build(ROOT / config, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real site (mkdocs.yml), built once per run."""
    return built(tmp_path_factory, "mkdocs.yml")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo site (mkdocs.demo.yml), built once per run."""
    return built(tmp_path_factory, "mkdocs.demo.yml")
