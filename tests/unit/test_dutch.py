"""Messages to researchers agree in Dutch: 'onbekend experiment' but 'onbekende gemeente', '1 rondeverslag'
but '2 rondeverslagen', and no hedges such as 'melding(en)' or 'probleem/problemen'.

The corpus is every message in the bad-input tables (cases_problems.py); each of those tests asserts that
the real check produces exactly these lines, so they are the messages the code produces. The counted
messages come from the real code paths (count_noun, format_report, the `new` refusal)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import cases_problems
from cases_content import EXPERIMENT
from macros.base.problems import Problem, count_noun, format_report
from macros.content.site import TARGET_NAMES, unknown_target
from support import ROOT, write_tree

HET = ["experiment", "onderzoeksthema", "veld", "bestand", "college", "verslag", "rondeverslag", "item"]
DE = ["gemeente", "ronde", "persoon", "publicatie", "waarde", "bouwsteen", "melding", "map"]
COUNTED = [
    ("experiment", "experimenten"),
    ("rondeverslag", "rondeverslagen"),
    ("college", "colleges"),
    ("probleem", "problemen"),
    ("punt", "punten"),
    ("publicatie", "publicaties"),
    ("melding", "meldingen"),
    ("item", "items"),
    ("bestand", "bestanden"),
    ("verzoek", "verzoeken"),
    ("cachebestand", "cachebestanden"),
]


def disagreements(message: str) -> list[str]:
    found = []
    found += re.findall(rf"\bonbekende (?:{'|'.join(HET)})\b", message)
    found += re.findall(rf"\bonbekend (?:{'|'.join(DE)})\b", message)
    for one, many in COUNTED:
        found += re.findall(rf"(?<![\d.,:-])\b1 {many}\b", message)
        found += re.findall(rf"(?<![\d.,:-])\b(?:0|[2-9]|\d{{2,}}) {one}\b", message)
    found += re.findall(r"\w\((?:en|s|n)\)", message)
    found += re.findall(r"\b(\w+)/\1(?:en|s|n)\b", message) + re.findall(r"\bprobleem/problemen\b", message)
    return found


def corpus() -> list[str]:
    tables = [
        cases_problems.BAD_EXPERIMENTS,
        cases_problems.BAD_REPORTS,
        cases_problems.BAD_LECTURES,
        cases_problems.BAD_PUBLICATIONS,
        cases_problems.BAD_DOCS,
        cases_problems.CASES,
        cases_problems.CLASHES,
    ]
    messages = []
    for table in tables:
        for case in table.values():
            expected = case[-1]
            messages += [expected] if isinstance(expected, str) else [m for m in expected if isinstance(m, str)]
    messages += [
        f"{cases_problems.ROUND}:10: privacy: {what}; {cases_problems.FIX}"
        for _, what in cases_problems.PRIVACY.values()
    ]
    return messages


@pytest.mark.parametrize("message", corpus())
def test_every_message_agrees(message: str) -> None:
    assert disagreements(message) == []


def test_the_checker_catches_what_it_should() -> None:
    for bad in [
        "onbekende experiment 'x'",
        "onbekend gemeente 'x'",
        "1 rondeverslagen",
        "3 colleges, 2 punt",
        "2 melding(en)",
        "4 probleem/problemen",
        "publicatie(s)",
    ]:
        assert disagreements(bad), bad
    assert disagreements("1 rondeverslag, 2 experimenten, onbekend experiment, onbekende ronde 1.5 punten") == []


@pytest.mark.parametrize("count", [0, 1, 2, 11])
def test_counted_messages_agree(count: int) -> None:
    for one, many in COUNTED:
        assert disagreements(count_noun(count, one, many)) == []
    report = format_report([Problem("a.yml", 1, "x", "fout")] * count)
    assert disagreements(report) == []


def test_unknown_targets_agree() -> None:
    for target in TARGET_NAMES:
        unknown, pronoun = unknown_target(target)
        assert disagreements(unknown) == [] and pronoun == ("het" if TARGET_NAMES[target][1] == "het" else "hem")


def test_the_new_refusal_agrees(tmp_path: Path, capsys) -> None:
    from macros.wiring.cli import main

    write_tree(tmp_path, {"experiments/delft/experiment.yml": EXPERIMENT})
    main(["new", "round", "rotterdam", "9", "--root", str(tmp_path)])
    err = capsys.readouterr().err
    assert "onbekend experiment 'rotterdam'" in err and disagreements(err) == []


def test_no_hedged_plural_in_the_code() -> None:
    """Messages not in the corpus: no 'x(en)', 'x(s)' or 'probleem/problemen' in any source string."""
    for path in sorted((ROOT / "macros").rglob("*.py")) + sorted((ROOT / "macros" / "templates").rglob("*.j2")):
        text = path.read_text(encoding="utf-8")
        for string in re.findall(r"\"[^\"\n]*\"|'[^'\n]*'", text):
            assert disagreements(string) == [], f"{path.relative_to(ROOT)}: {string}"
