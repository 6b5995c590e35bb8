"""Layer (b): the registry files (gemeenten, rondes, themas, mensen), each reported on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.base.problems import ContentError, Problems
from macros.content.registry import load_municipalities, load_rounds, load_themes
from macros.content.site import load_site

THEMES = "organisatie:\n  title: Organisatie\n  question: Hoe is het werk georganiseerd?\n"
BAD_MUNICIPALITIES = "delft:\n  name: Delft\n  cbs_code: 0503\n  province: Zuid-Holland\n"
BAD_CODE = "experiments/gemeenten.yml:3: delft.cbs_code: verwacht een CBS-gemeentecode als GM0503, maar vond '0503'"
EMPTY_ROUNDS = "experiments/rondes.yml:1: -: bestand is leeg; zet er minstens één item in"


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("empty", ["", "# nog geen rondes\n"], ids=["no text", "only a comment"])
def test_an_empty_registry_is_reported_after_a_problem_in_another(tmp_path, empty) -> None:
    root = write(
        tmp_path,
        {
            "experiments/gemeenten.yml": BAD_MUNICIPALITIES,
            "experiments/rondes.yml": empty,
            "experiments/themas.yml": THEMES,
        },
    )
    problems = Problems()
    load_municipalities(root, problems)
    load_rounds(root, problems)
    load_themes(root, problems)
    assert [str(p) for p in problems.sorted()] == [BAD_CODE, EMPTY_ROUNDS]


def test_the_whole_tree_names_both_registry_files(tmp_path) -> None:
    root = write(
        tmp_path,
        {
            "experiments/gemeenten.yml": BAD_MUNICIPALITIES,
            "experiments/rondes.yml": "",
            "experiments/themas.yml": THEMES,
        },
    )
    with pytest.raises(ContentError) as error:
        load_site(root)
    assert [str(p) for p in error.value.problems] == [BAD_CODE, EMPTY_ROUNDS]


def test_a_yaml_error_is_not_also_called_empty(tmp_path) -> None:
    root = write(tmp_path, {"experiments/rondes.yml": "1:\n\ttitle: Een\n"})
    problems = Problems()
    assert load_rounds(root, problems) == {}
    assert [str(p) for p in problems.sorted()] == [
        "experiments/rondes.yml:2: -: tab gebruikt om in te springen; YAML wil spaties"
    ]
