"""Shared fixtures: tiny content trees written into tmp_path, and the repository's paths."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from macros.problems import ContentError
from macros.site import load_site

ROOT = Path(__file__).resolve().parents[1]

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
