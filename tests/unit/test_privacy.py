"""The privacy scan: every documented positive is flagged with the right kind, every documented
innocent text passes, values are never echoed, line numbers hold after normalisation, names of
files and folders are scanned, and the real `python -m macros check` reports all of it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.base.privacy import (
    FIX,
    FIX_FILE,
    FIX_FOLDER,
    INNOCENT,
    POSITIVE,
    WHAT_ADDRESS,
    WHAT_BSN,
    WHAT_EMAIL,
    WHAT_IBAN,
    WHAT_PHONE,
    normalise,
    scan,
    scan_name,
)
from macros.base.problems import Problems
from support import ROOT, run_macros


def problems(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    found = Problems()
    clean = scan(text, "f.md", found, first_line)
    assert clean == (not found)
    for p in found.items:
        assert (p.path, p.field) == ("f.md", "privacy")
    return [(p.line, p.message) for p in found.items]


def value_of(text: str) -> str:
    """What a positive flags, reduced to its digits (or its letters for an e-mail)."""
    digits = re.sub(r"\D", "", normalise(text))
    return digits or re.sub(r"\W", "", text.split("Mail ", 1)[1].split(" gerust")[0])


@pytest.mark.parametrize("text, what", POSITIVE, ids=[t for t, _ in POSITIVE])
def test_every_documented_positive_is_flagged_once_with_its_kind(text, what) -> None:
    assert problems(text) == [(1, f"{what}; {FIX}")]


@pytest.mark.parametrize("text, what", POSITIVE, ids=[t for t, _ in POSITIVE])
def test_the_message_never_echoes_the_value(text, what) -> None:
    found = Problems()
    scan(f"Regel een.\n{text}\n", "f.md", found)
    (problem,) = found.items
    assert value_of(text) not in re.sub(r"\W", "", str(problem))
    for word in ("Dorpsstraat", "Voorhout", "1234", "jansen", "domein", "ABNA", "abna"):
        assert word not in str(problem)


@pytest.mark.parametrize("text", INNOCENT)
def test_every_documented_innocent_text_passes(text) -> None:
    assert problems(text) == []


def test_the_tables_cover_every_kind_and_spelling_of_the_brief() -> None:
    kinds = {what for _, what in POSITIVE}
    assert kinds == {WHAT_BSN, WHAT_EMAIL, WHAT_PHONE, WHAT_IBAN, WHAT_ADDRESS}
    texts = " | ".join(t for t, _ in POSITIVE)
    for spelling in (
        "123-456-782",
        "12 34 56 782",
        "\u00a0",
        "\u202f",
        "１２３",
        "06.12.34.56.78",
        "(010) 123 45 67",
        "06/12345678",
        "+31 (0)6",
        "nl91abna0417164300",
        "nl91 abna",
        "12a,",
        "12-2,",
        "12 bis",
        "12 A,",
        "12a\n1234",
        "[at]",
        "(at) domein punt nl",
        " @ ",
    ):
        assert spelling in texts, spelling
    innocents = " | ".join(INNOCENT)
    for spelling in (
        "€ 154.000.000",
        "€ 1.234,56",
        "154 000 000 euro",
        "2023 AB 12",
        "10.1234/abcd.5678",
        "https://doi.org/10.5117/",
        "978-90-1234-567-8",
        "9789012345678",
        "0000-0002-1825-0097",
        "KvK 41215245",
        "pp. 123-456",
        "123–145",
        "2024-05-16",
        "12:30",
        "3011 AB Rotterdam",
    ):
        assert spelling in innocents, spelling


def test_line_numbers_count_the_lines_of_the_file_after_normalisation() -> None:
    text = (
        "Ｆｕｌｌｗｉｄｔｈ ｔｅｘｔ\u00a0en\u202fspaties.\n"
        "e\u0301\u0301\u0301n combinatie\u200b.\n"
        "BSN １２３\u00a0４５６\u00a0７８２ hier.\n"
        "Niets.\n"
        "Woont op Dorpsstraat 12a\n"
        "1234 AB Ergens.\n"
        "Bel 06‑12345678.\n"
    )
    assert problems(text, first_line=5) == [
        (7, f"{WHAT_BSN}; {FIX}"),
        (9, f"{WHAT_ADDRESS}; {FIX}"),
        (11, f"{WHAT_PHONE}; {FIX}"),
    ]


def test_normalising_the_runs_outside_ascii_is_normalising_the_whole_text() -> None:
    """`normalise` treats only the runs outside ASCII (with the character before each): on mixed text
    of every kind that composes, decomposes or is dropped, that gives what the whole text gives."""
    import random
    import unicodedata

    from macros.base.privacy import DROP_COMBINING, TRANSLATION

    def whole(text: str) -> str:
        return unicodedata.normalize("NFKC", text.translate(DROP_COMBINING)).translate(TRANSLATION)

    rng = random.Random(24)
    ranges = [(32, 127), (0x300, 0x370), (0x80, 0x2000), (0x1100, 0x1200), (0xAC00, 0xD7A4), (0xFF00, 0xFFEF)]
    ranges += [(0x2000, 0x3400), (0x0B00, 0x0C00), (0x0F00, 0x1000), (0x10000, 0x1F0FF)]
    for _ in range(20_000):
        text = "".join(chr(rng.randrange(*rng.choice(ranges))) for _ in range(rng.randrange(1, 12)))
        assert normalise(text) == whole(text), repr(text)


def test_several_kinds_on_one_line_are_each_named_and_repeats_once() -> None:
    assert problems("Bel 06-12345678 of 06-87654321, mail jan@gmail.com.\n") == [
        (1, f"{WHAT_PHONE}; {FIX}"),
        (1, f"{WHAT_EMAIL}; {FIX}"),
    ]


def test_a_postcode_on_the_next_line_of_a_yaml_field_is_not_an_address() -> None:
    assert problems("venue:\n  street: Marktplein 2\n  postcode: 9998 YY\n  city: Voorbeelddam\n") == []


NAMES = {
    "experiments/123456782/ronde-1.md": ("experiments/123456782", WHAT_BSN, FIX_FOLDER),
    "publications/verslag-111222333.pdf": ("publications/verslag-111222333.pdf", WHAT_BSN, FIX_FILE),
    "lectures/dia-s_123-456-782.pdf": ("lectures/dia-s_123-456-782.pdf", WHAT_BSN, FIX_FILE),
    "lectures/bel-06-12345678.pdf": ("lectures/bel-06-12345678.pdf", WHAT_PHONE, FIX_FILE),
    "publications/NL91ABNA0417164300.pdf": ("publications/NL91ABNA0417164300.pdf", WHAT_IBAN, FIX_FILE),
    "lectures/jan.jansen@gmail.com/x.md": ("lectures/jan.jansen@gmail.com", WHAT_EMAIL, FIX_FOLDER),
}


@pytest.mark.parametrize("rel, expected", NAMES.items(), ids=NAMES.keys())
def test_names_of_files_and_folders_are_scanned(rel, expected) -> None:
    found = Problems()
    assert scan_name(rel, found) is False
    path, what, fix = expected
    assert [str(p) for p in found.items] == [f"{path}:1: bestandsnaam: {what}; {fix}"]
    assert not re.search(r"\d{3}|jansen", found.items[0].message)


@pytest.mark.parametrize(
    "rel",
    [
        "experiments/schouwen-duiveland/ronde-12.md",
        "publications/2024-05-16-rapport.pdf",
        "lectures/college-2023-ab-12.md",
        "publications/isbn-978-90-1234-567-8.pdf",
        "publications/eindrapport-ronde-1.pdf",
        "experiments/gemeenten.yml",
    ],
)
def test_ordinary_names_pass(rel) -> None:
    found = Problems()
    assert scan_name(rel, found) is True and not found


# --- through the real check --------------------------------------------------------------------

BUDGET = "Het budget van de gemeente is € 154.000.000 voor vier jaar.\n"


def check(root: Path) -> subprocess.CompletedProcess:
    return run_macros("check", "--root", str(root), cwd=root)


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    shutil.copytree(ROOT / "demo", root)
    return root


def append(path: Path, text: str) -> int:
    """Append text to a file; the line number the text starts on."""
    old = path.read_text(encoding="utf-8")
    path.write_text(old + text, encoding="utf-8")
    return old.count("\n") + 1


def test_the_check_reports_personal_data_in_texts_and_names_without_echoing_it(demo) -> None:
    report = "experiments/buurtkamer-voorbeelddam/ronde-3.md"
    lecture = "lectures/demo-college-ronde-2.md"
    bsn_line = append(demo / report, "\nDeelnemer 123 456 782 vertelde het.\n") + 1
    mail_line = append(demo / lecture, "\nVragen? Mail naam [at] domein punt nl.\n") + 1
    folder = demo / "experiments" / "123456782"
    folder.mkdir()
    (folder / "experiment.yml").write_text(
        "title: Proef met een slechte mapnaam\nmunicipality: voorbeelddam\nstatus: actueel\n", encoding="utf-8"
    )
    result = check(demo)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if ": privacy: " in line or ": bestandsnaam: " in line]
    assert lines == [
        f"experiments/123456782:1: bestandsnaam: {WHAT_BSN}; {FIX_FOLDER}",
        f"{report}:{bsn_line}: privacy: {WHAT_BSN}; {FIX}",
        f"{lecture}:{mail_line}: privacy: {WHAT_EMAIL}; {FIX}",
    ]
    assert "456 782" not in result.stderr and "domein" not in result.stderr


def test_the_check_reports_a_sibling_pdf_named_after_a_bsn(demo) -> None:
    publication = demo / "publications" / "eindrapport-ronde-1.yml"
    (demo / "publications" / "eindrapport-ronde-1.pdf").rename(demo / "publications" / "verslag-111222333.pdf")
    publication.write_text(
        publication.read_text(encoding="utf-8").replace("pdf: eindrapport-ronde-1.pdf", "pdf: verslag-111222333.pdf"),
        encoding="utf-8",
    )
    result = check(demo)
    assert result.returncode == 1
    assert f"publications/verslag-111222333.pdf:1: bestandsnaam: {WHAT_BSN}; {FIX_FILE}" in result.stderr.splitlines()


def test_the_check_passes_an_amount_that_looks_like_a_bsn(demo) -> None:
    append(demo / "experiments/buurtkamer-voorbeelddam/ronde-3.md", "\n" + BUDGET)
    append(demo / "lectures/demo-college-ronde-2.md", "\nIn 2023 AB 12 en 154 000 000 euro.\n")
    result = check(demo)
    assert result.returncode == 0, result.stderr
