"""The BibTeX and biblatex downloads read by the real tools: biber (tool mode, validating against
biblatex's data model) and BibTeX 0.99d with the standard styles. Each must read them without a
warning, and each must take the date at the precision the record gives it.

`make test` installs both from Debian (texlive-binaries, texlive-base, biber); outside CI and
without root a missing tool skips these tests.

One warning is expected and allowed: biber's data model makes `editor` mandatory for a chapter
(@incollection), and the content model has no editors yet. The demo has no chapter, so its
downloads are checked for zero warnings; the every-type test names that one warning."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pybtex.database import parse_string

from macros.base.dates import PartialDate
from macros.content.publications import Author, Publication
from macros.content.pubtypes import PublicationType
from macros.content.site import load_site
from macros.formats.citations import MONTHS as MONTH_MACROS
from macros.formats.citations import render_biblatex, render_bibtex
from support import ENGLISH_MONTHS as MONTHS
from support import ROOT

SITE = load_site(ROOT / "demo")
# The standard styles of texlive-base. alpha.bst is left out here: see test_alpha_labels_keep_utf8_whole.
STYLES = ["plain", "unsrt", "abbrv", "apalike"]


def need_tools() -> None:
    missing = [tool for tool in ("biber", "bibtex", "kpsewhich") if shutil.which(tool) is None]
    if not missing and subprocess.run(["kpsewhich", "plain.bst"], capture_output=True).returncode != 0:
        missing.append("plain.bst (texlive-base)")
    if missing:
        if os.environ.get("CI") or os.geteuid() == 0:
            pytest.fail(f"{', '.join(missing)} missing; `make test-tools` installs it with apt-get")
        pytest.skip(f"{', '.join(missing)} not installed and not root (make test installs it as root)")


@pytest.fixture(autouse=True)
def tools() -> None:
    need_tools()


def biber(source: Path | str, folder: Path) -> tuple[list[str], dict]:
    """biber in tool mode over one file (text or a path): its WARN/ERROR lines and the entries as
    it read them (its normalised output: every date as `date`, journal as `journaltitle`)."""
    folder.mkdir(parents=True, exist_ok=True)
    name = "input.bib"
    (folder / name).write_text(
        source if isinstance(source, str) else source.read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", "--nolog", "--output-file", "read.bib", name],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = (result.stdout + result.stderr).splitlines()
    problems = [line for line in lines if re.match(r"(WARN|ERROR)\b", line)]
    return problems, parse_string((folder / "read.bib").read_text(encoding="utf-8"), "bibtex").entries


def bibtex(source: Path | str, folder: Path, style: str = "plain") -> tuple[int, list[str], str]:
    """BibTeX over one file with `\\citation{*}`: exit code, warnings, the .bbl."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "refs.bib").write_text(
        source if isinstance(source, str) else source.read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "job.aux").write_text(f"\\citation{{*}}\n\\bibstyle{{{style}}}\n\\bibdata{{refs}}\n", encoding="utf-8")
    result = subprocess.run(["bibtex", "job"], cwd=folder, capture_output=True, text=True)
    output = result.stdout + result.stderr
    warnings = [line for line in output.splitlines() if "Warning--" in line or "error message" in line]
    bbl = (folder / "job.bbl").read_bytes().decode("utf-8") if (folder / "job.bbl").exists() else ""
    return result.returncode, warnings, bbl


def downloads(site: Path, suffix: str) -> list[Path]:
    """The all-publications file and every publication's own."""
    files = [site / f"publicaties/publicaties{suffix}"] + [
        site / f"publicaties/{p.id}/{p.id}{suffix}" for p in SITE.publications
    ]
    assert all(f.is_file() for f in files) and len(files) == 1 + len(SITE.publications) >= 5
    return files


def bibtex_date(p: Publication) -> str:
    """What biber makes of BibTeX's year and month macro: the day is lost, the month kept."""
    return f"{p.date.year:04d}-{p.date.month:02d}" if p.date.month else f"{p.date.year:04d}"


@pytest.mark.parametrize("suffix", [".bib", ".biblatex.bib"])
def test_biber_reads_every_download_without_warnings(demo_site: Path, tmp_path: Path, suffix: str) -> None:
    for number, path in enumerate(downloads(demo_site, suffix)):
        problems, entries = biber(path, tmp_path / str(number))
        assert problems == [], f"{path.relative_to(demo_site)}:\n" + "\n".join(problems)
        assert entries, path
        for ident, entry in entries.items():
            p = SITE.publication(ident)
            expected = str(p.date) if suffix == ".biblatex.bib" else bibtex_date(p)
            assert entry.fields["date"] == expected, (path.name, ident)  # the full precision, as biber reads it


def test_biber_warns_on_what_the_downloads_avoid(tmp_path: Path) -> None:
    """The control: biber does report what the generator must never write."""
    problems, entries = biber(
        """\
@article{month-as-text, author = {Jansen, Jan}, title = {T}, journal = {J}, year = {2025}, month = {mar}}
@article{publisher-on-article, author = {Jansen, Jan}, title = {T}, journaltitle = {J}, date = {2025},
  publisher = {P}}
@report{report-without-type, author = {Jansen, Jan}, title = {T}, institution = {I}, date = {2025-13}}
""",
        tmp_path,
    )
    text = "\n".join(problems)
    assert "legacy month field 'mar' in entry 'month-as-text' is not an integer" in text
    assert "Entry 'publisher-on-article' (input.bib): Invalid field 'publisher' for entrytype 'article'" in text
    assert "Entry 'report-without-type' (input.bib): Missing mandatory field 'type'" in text
    assert "Invalid format '2025-13' of date field 'date' - ignoring" in text
    assert "Entry 'report-without-type' (input.bib): Missing mandatory field - one of 'date, year'" in text
    assert len(problems) == 5, text


@pytest.mark.parametrize("style", STYLES)
def test_bibtex_reads_every_download_without_warnings(demo_site: Path, tmp_path: Path, style: str) -> None:
    for number, path in enumerate(downloads(demo_site, ".bib")):
        code, warnings, bbl = bibtex(path, tmp_path / str(number), style)
        assert (code, warnings) == (0, []), f"{path.relative_to(demo_site)} ({style}.bst):\n" + "\n".join(warnings)
        items = re.findall(r"\\bibitem(?:\[[^\]]*\])?\{([^}]+)\}", bbl, re.S)
        expected = parse_string(path.read_text(encoding="utf-8"), "bibtex").entries.keys()
        assert sorted(items) == sorted(expected), path


def test_bibtex_prints_the_month_by_name(demo_site: Path, tmp_path: Path) -> None:
    """plain.bst expands the month macro to the month's name; a braced `{mar}` would print as "mar"."""
    dated = [p for p in SITE.publications if p.date.month]
    assert dated
    for p in dated:
        _, _, bbl = bibtex(demo_site / f"publicaties/{p.id}/{p.id}.bib", tmp_path / p.id)
        text = " ".join(bbl.split())
        assert f"{MONTHS[p.date.month - 1]} {p.date.year}" in text, (p.id, text)
        assert not re.search(rf"\b({'|'.join(MONTH_MACROS)})\b", text), (p.id, text)


def test_bibtex_control_prints_a_braced_month_literally_and_warns_on_a_gap(tmp_path: Path) -> None:
    code, warnings, bbl = bibtex(
        """\
@article{braced, author = {Jansen, Jan}, title = {T}, journal = {J}, year = {2025}, month = {mar}}
@article{macro, author = {Jansen, Jan}, title = {T}, journal = {J}, year = {2025}, month = mar}
@article{no-journal, author = {Jansen, Jan}, title = {T}, year = {2025}}
""",
        tmp_path,
    )
    items = dict(re.findall(r"\\bibitem\{([^}]+)\}(.*?)(?=\\bibitem|\\end)", " ".join(bbl.split())))
    assert code == 0 and "mar 2025" in items["braced"] and "March 2025" in items["macro"]
    assert warnings == ["Warning--empty journal in no-journal"]


def test_alpha_labels_keep_utf8_whole(demo_site: Path, tmp_path: Path) -> None:
    """BibTeX 0.99 counts bytes: alpha.bst's label of a UTF-8 "Ëxample" would take half of "Ë" and
    leave a .bbl that is not UTF-8; the download writes it as {\\"E}, as Google Scholar does."""
    code, warnings, bbl = bibtex(demo_site / "publicaties/publicaties.bib", tmp_path, "alpha")
    assert (code, warnings) == (0, []) and "\\bibitem[vdV" in bbl


# --- every type of the content model, not only those the demo has ------------------------------


def record(kind: PublicationType, complete: bool) -> Publication:
    authors = (Author(family="Voorbeeld", given="Anna", particle="van der"), Author(family="Jansen", given="J."))
    extra = (
        {
            "subtitle": "Een ondertitel",
            "journal": "Verzamelnaam",
            "publisher": "Uitgeverij",
            "volume": "3",
            "issue": "2",
            "pages": "12-19",
            "doi": "10.5555/fictief.1",
            "url": "https://example.org/p",
            "abstract": "Kort.",
        }
        if complete
        else {}
    )
    return Publication(
        id=f"{kind}-{'vol' if complete else 'kaal'}",
        path=f"publications/{kind}.yml",
        type=kind,
        title="Titel",
        authors=authors,
        date=PartialDate(2025, 3, 4) if complete else PartialDate(2025),
        **extra,
    )


# biber's data model makes the editors of a chapter's book mandatory; the content model has none.
NO_EDITOR = "Datamodel: Entry 'boekhoofdstuk-vol' (input.bib): Missing mandatory field 'editor'"


@pytest.mark.parametrize("biblatex", [False, True], ids=["bibtex", "biblatex"])
def test_a_complete_record_of_every_type_reads_without_warnings(tmp_path: Path, biblatex: bool) -> None:
    """Every field filled: each lands where its entry type has a place for it, or is left out."""
    records = [record(kind, True) for kind in PublicationType]
    text = (render_biblatex if biblatex else render_bibtex)(records, {})
    problems, entries = biber(text, tmp_path / "biber")
    assert problems == [f"WARN - {NO_EDITOR}"], "\n".join(problems)
    assert len(entries) == len(PublicationType)
    for ident, entry in entries.items():
        assert entry.fields["date"] == ("2025-03-04" if biblatex else "2025-03"), ident
    if not biblatex:
        for style in STYLES:
            code, warnings, bbl = bibtex(text, tmp_path / style, style)
            assert (code, warnings) == (0, []), f"{style}.bst:\n" + "\n".join(warnings)
            assert "Verzamelnaam" in bbl and "Uitgeverij" in bbl


@pytest.mark.parametrize("biblatex", [False, True], ids=["bibtex", "biblatex"])
def test_a_sparse_record_is_only_missing_what_it_lacks(tmp_path: Path, biblatex: bool) -> None:
    """With only the required fields of the content model (type, title, authors, year), the tools
    name the fields a type needs that the record does not give (a journal article's journal, a
    report's institution), and nothing else: no field in the wrong place, no unreadable date."""
    records = [record(kind, False) for kind in PublicationType]
    urls = {p.id: f"https://example.org/publicaties/{p.id}/" for p in records}  # as the site passes them
    text = (render_biblatex if biblatex else render_bibtex)(records, urls)
    problems, _ = biber(text, tmp_path / "biber")
    assert problems and all(
        re.fullmatch(
            r"WARN - Datamodel: Entry '[\w-]+' \(input\.bib\): Missing mandatory "
            r"field '(journaltitle|institution|editor|booktitle)'",
            line,
        )
        for line in problems
    ), "\n".join(problems)
    if not biblatex:
        code, warnings, _ = bibtex(text, tmp_path / "bibtex")
        assert (
            code == 0
            and warnings
            and all(
                re.fullmatch(
                    r"Warning--empty (journal|institution|publisher|booktitle)"
                    r" in [\w-]+",
                    w,
                )
                for w in warnings
            )
        ), "\n".join(warnings)
