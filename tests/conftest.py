"""Shared fixtures: tiny content trees written into tmp_path, and the repository's paths."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from macros.base.caches import ENV as CACHE_ENV
from macros.base.problems import ContentError
from macros.content.site import load_site

ROOT = Path(__file__).resolve().parents[1]

# The builds of a test run keep their caches in one folder of the run (removed at its end), not in
# a folder per temporary project under the home folder. Tests about caches set their own.
if CACHE_ENV not in os.environ:
    os.environ[CACHE_ENV] = tempfile.mkdtemp(prefix="waardevol-werk-cache-")
    atexit.register(shutil.rmtree, os.environ[CACHE_ENV], True)

MUNICIPALITIES = """\
delft:
  name: Delft
  cbs_code: GM0503
  province: Zuid-Holland
  lat: 52.01
  lon: 4.36
eindhoven:
  name: Eindhoven
  cbs_code: GM0772
  province: Noord-Brabant
"""

ROUNDS = """\
0:
  title: Start
1:
  title: Eerste ronde
  start: 2022-09
  end: 2023-03
"""

THEMES = """\
organisatie:
  title: Organisatie
  question: Hoe organiseer je het?
  order: 1
werknemers:
  title: Werknemers
  question: Wat betekent het voor werknemers?
  order: 2
"""

EXPERIMENT = """\
title: Proef
municipality: delft
status: actueel
"""

REPORT = """\
---
round: 1
status: gepubliceerd
parel: true
themes: [organisatie]
---
Bevinding.
"""


def write_tree(root: Path, files: dict[str, str | bytes], registries: bool = True) -> Path:
    """Write content files (dedented text, or raw bytes) under root; registries by default."""
    base = {
        "experiments/gemeenten.yml": MUNICIPALITIES,
        "experiments/rondes.yml": ROUNDS,
        "experiments/themas.yml": THEMES,
    } if registries else {}
    for rel, content in {**base, **files}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.fixture
def tree(tmp_path: Path):
    """Write a tree and return its root: tree({"experiments/x/experiment.yml": "..."})."""
    def make(files: dict[str, str | bytes], registries: bool = True) -> Path:
        return write_tree(tmp_path, files, registries)
    return make


def problems_of(root: Path) -> list[str]:
    """The problem lines load_site reports for a tree ([] when it loads)."""
    try:
        load_site(root)
    except ContentError as error:
        return [str(p) for p in error.problems]
    return []


# --- real builds (shared by the end-to-end test modules) ------------------------------------

# A fixed build date (2026-06-01 UTC): pages that depend on "now" are the same on every run.
BUILD_EPOCH = "1780272000"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": BUILD_EPOCH}


def mkdocs_build(config: Path, site_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
                           "-d", str(site_dir)], cwd=config.parent, env=ENV, capture_output=True, text=True)


def built(tmp_path_factory, config: str) -> Path:
    """Build a site once per test run (the tests only read it)."""
    site = tmp_path_factory.mktemp(config) / "site"
    result = mkdocs_build(ROOT / config, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    return built(tmp_path_factory, "mkdocs.yml")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    return built(tmp_path_factory, "mkdocs.demo.yml")


def fixture_project(root: Path, files: dict[str, str | bytes]) -> Path:
    """A project folder with its own content and the repository's generator; returns mkdocs.yml."""
    write_tree(root, {"docs/index.md": "# Test\n", **files})
    (root / "macros").symlink_to(ROOT / "macros")
    config = root / "mkdocs.yml"
    config.write_text(textwrap.dedent(f"""\
        INHERIT: {ROOT / 'mkdocs.yml'}
        watch: []
        nav:
          - index.md
          - experimenten/index.md
        """), encoding="utf-8")
    return config


