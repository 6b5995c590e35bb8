"""The templates `python -m macros new` writes teach the fields: every group with an example of its
sub-fields, every choice with its allowed values, and the examples themselves valid content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cases_content import EXPERIMENT
from macros.base.kinds import Choice, ListOf, Record
from macros.formats.schemas import NEW, _group_of, new_file, template
from support import problems_of, write_tree

KINDS = [
    ("experiment", "proef", None),
    ("round", "proef", 1),
    ("lecture", "college-x", None),
    ("publication", "pub-x", None),
]


def uncomment(text: str) -> str:
    """Every commented field and example line made live: what a researcher gets by removing '# '."""
    return "\n".join(line[2:] if re.match(r"# (?:[a-z_]+:|  )", line) else line for line in text.splitlines()) + "\n"


@pytest.mark.parametrize("kind,ident,number", KINDS)
def test_every_example_in_a_template_loads(tmp_path: Path, kind: str, ident: str, number: int | None) -> None:
    write_tree(tmp_path, {"experiments/proef/experiment.yml": EXPERIMENT} if kind != "experiment" else {})
    path = new_file(kind, ident, tmp_path, number)
    text = uncomment(path.read_text(encoding="utf-8"))
    assert not re.search(r"^# [a-z_]+:", text, re.M), "a field stayed commented out"
    text = text.replace("\ntitle:\n", "\ntitle: Een voorbeeldtitel\n")  # the one required value without example
    path.write_text(text, encoding="utf-8")
    assert problems_of(tmp_path) == []


@pytest.mark.parametrize("kind", list(NEW))
def test_a_template_names_every_sub_field_and_every_allowed_value(kind: str) -> None:
    record = NEW[kind][1]
    text = template(record)
    for name, spec in record.fields.items():
        group, _, _ = _group_of(spec.kind)
        choice = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
        if isinstance(choice, Choice):
            doc = next(line for line in text.splitlines() if line.startswith(f"# {spec.doc}"))
            assert all(f"'{c}'" in doc for c in choice.choices), doc
        if group is not None:
            block = _block(text, name)
            for sub, sub_spec in group.fields.items():
                assert re.search(rf"^#\s+(- )?(# )?{sub}:", block, re.M), (name, sub, block)
                inner = sub_spec.kind
                if isinstance(inner, Choice):
                    assert all(f"'{c}'" in block for c in inner.choices), (name, sub)


def _block(text: str, name: str) -> str:
    """The example lines under a group field."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if re.fullmatch(rf"(# )?{name}:", line))
    block = []
    for line in lines[start + 1 :]:
        if not line.startswith("#   "):
            break
        block.append(line)
    assert block, f"{name}: no example under the group"
    return "\n".join(block)


def test_group_examples_are_not_filled_in_for_the_researcher() -> None:
    """A required group (authors) stays empty until written: the check then asks for it."""
    assert "\nauthors:\n#   - " in template(NEW["publication"][1])
    assert isinstance(NEW["publication"][1].fields["authors"].kind.item, Record)


def test_new_round_refuses_an_unknown_experiment_or_round(tmp_path: Path) -> None:
    from macros.wiring.cli import main

    write_tree(tmp_path, {"experiments/delft/experiment.yml": EXPERIMENT})
    for args in (["rotterdam", "1"], ["delf", "1"], ["delft", "7"]):
        assert main(["new", "round", *args, "--root", str(tmp_path)]) == 1
    assert sorted(p.name for p in (tmp_path / "experiments").rglob("ronde-*")) == []
    assert main(["new", "round", "delft", "1", "--root", str(tmp_path)]) == 0


def test_new_round_refusal_names_the_nearest_experiment(tmp_path: Path, capsys) -> None:
    from macros.wiring.cli import main

    write_tree(tmp_path, {"experiments/delft/experiment.yml": EXPERIMENT, "experiments/_sjabloon/experiment.yml": ""})
    main(["new", "round", "delf", "7", "--root", str(tmp_path)])
    assert capsys.readouterr().err == (
        "onbekend experiment 'delf' (bedoel je 'delft'?); kies uit delft of maak het eerst aan met: "
        "python -m macros new experiment delf\n"
        "onbekende ronde 7; kies uit 0, 1 of voeg hem toe aan experiments/rondes.yml\nNiets geschreven.\n"
    )
