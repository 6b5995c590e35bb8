"""The command line, tested from the outside: exit codes, files written, messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support import ENV, ROOT, problems_of, run_macros, write_tree

BIB = r"""@article{aa2023,
  author = {van der Aa, Paul and Dikkers, Josje},
  title = {{Werk \& waarde: 100\% inclusief}},
  journal = {Tijdschrift voor Arbeidsvraagstukken},
  year = {2023}, month = {may}, volume = {39}, number = {2}, pages = {123--140},
  doi = {https://doi.org/10.1234/abc.5}, language = {dutch}
}
@techreport{x, author = {Jansen, Jan}, title = {Eindrapport caf\'{e}}, institution = {Hogeschool Rotterdam}, year = {2024}}
@article{bad, title = {Zonder auteur}, year = {2024}}
"""

RIS = (
    "TY  - MGZN\nAU  - van der Aa, Paul\nTI  - Een vakblad & meer\nJO  - Zorg en Welzijn\nPY  - 2022\n"
    "DA  - 2022/10/05/\nSP  - 10\nEP  - 12\nDO  - 10.5555/zw.2022\nER  - \n"
)


run = run_macros


def test_import_bibtex_writes_valid_files_and_never_overwrites(tmp_path: Path) -> None:
    write_tree(tmp_path, {"export.bib": BIB})
    result = run("import", str(tmp_path / "export.bib"), "--root", str(tmp_path))
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "geschreven: publications/aa-2023-werk.yml",
        "geschreven: publications/jansen-2024-eindrapport.yml",
        "2 publicaties geïmporteerd, 1 melding.",
    ]
    assert result.stderr == "export.bib (bad): authors: verplicht veld ontbreekt; voeg 'authors:' toe\n"
    assert problems_of(tmp_path) == []
    written = (tmp_path / "publications/aa-2023-werk.yml").read_text(encoding="utf-8")
    assert "particle: van der" in written and "doi: 10.1234/abc.5" in written and "date: 2023-05" in written
    (tmp_path / "publications/aa-2023-werk.yml").write_text(written + "themes: [organisatie]\n", encoding="utf-8")
    again = run("import", str(tmp_path / "export.bib"), "--root", str(tmp_path))
    assert again.returncode == 1
    assert "publications/aa-2023-werk.yml bestaat al; niet overschreven" in again.stderr
    assert (tmp_path / "publications/aa-2023-werk.yml").read_text(encoding="utf-8").endswith("themes: [organisatie]\n")


def test_import_ris(tmp_path: Path) -> None:
    write_tree(tmp_path, {"export.ris": RIS})
    result = run("import", str(tmp_path / "export.ris"), "--root", str(tmp_path))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "publications/aa-2022-vakblad.yml").read_text(encoding="utf-8")
    assert "type: vakblad-artikel" in text and "pages: 10-12" in text and "date: '2022-10-05'" in text
    assert problems_of(tmp_path) == []


def test_import_of_a_missing_file(tmp_path: Path) -> None:
    result = run("import", str(tmp_path / "nope.bib"), "--root", str(tmp_path))
    assert result.returncode == 2 and "bestand niet gevonden" in result.stderr


def test_new_writes_templates_and_refuses_to_overwrite(tmp_path: Path) -> None:
    write_tree(tmp_path, {})
    for args, path in [
        (["experiment", "proef"], "experiments/proef/experiment.yml"),
        (["round", "proef", "1"], "experiments/proef/ronde-1.md"),
        (["lecture", "college-x"], "lectures/college-x.md"),
    ]:
        result = run("new", *args, "--root", str(tmp_path))
        assert result.returncode == 0, result.stderr
        assert result.stdout == f"geschreven: {path}\n"
    assert problems_of(tmp_path) == []  # the templates are valid content as written
    experiment = (tmp_path / "experiments/proef/experiment.yml").read_text(encoding="utf-8")
    assert experiment.startswith("# yaml-language-server: $schema=../../schemas/experiment.schema.json\n")
    assert "\nmunicipality: delft\n" in experiment and "\n# title:" in experiment
    assert "\nround: 1\n" in (tmp_path / "experiments/proef/ronde-1.md").read_text(encoding="utf-8")
    again = run("new", "experiment", "proef", "--root", str(tmp_path))
    assert again.returncode == 1 and "bestaat al; niets geschreven" in again.stderr
    assert run("new", "experiment", "Proef!", "--root", str(tmp_path)).returncode == 2


def test_new_publication_template_names_what_is_left_to_fill_in(tmp_path: Path) -> None:
    write_tree(tmp_path, {})
    run("new", "publication", "pub-x", "--root", str(tmp_path))
    assert problems_of(tmp_path) == [
        "publications/pub-x.yml:6: title: verplicht veld is leeg; vul het in",
        "publications/pub-x.yml:10: authors: verplicht veld is leeg; vul het in",
    ]


def test_check_annotates_for_github(tmp_path: Path) -> None:
    write_tree(tmp_path, {"experiments/x/experiment.yml": "municipality: delft\nstatus: klaar\n"})
    result = run("check", "--root", str(tmp_path), "--format", "github", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=experiments/x/experiment.yml,line=2,title=status::onbekende waarde 'klaar'; "
        "kies uit 'in voorbereiding' of 'actueel'"
    ]


def test_new_refuses_an_id_that_holds_personal_data(tmp_path: Path) -> None:
    write_tree(tmp_path, {})
    result = run("new", "publication", "rapport-123456782", "--root", str(tmp_path))
    assert result.returncode == 2
    assert "mogelijk BSN" in result.stderr and "123456782" not in result.stderr.replace("rapport-", "")
    assert not list((tmp_path / "publications").glob("*.yml"))


def test_github_annotations_escape_a_folder_name_that_would_forge_another(tmp_path: Path) -> None:
    """A folder named `x,line=1,title=ok` (or with a new line) must stay inside the file property."""
    folder = "x,line=1,title=ok::vals\n::error file=y"
    write_tree(tmp_path, {f"experiments/{folder}/experiment.yml": "municipality: delft\nstatus: actueel\n"})
    result = run("check", "--root", str(tmp_path), "--format", "github", cwd=tmp_path)
    assert result.returncode == 1
    for line in result.stdout.splitlines():
        assert line.startswith("::error file=experiments/x%2Cline=1%2Ctitle=ok%3A%3Avals%0A%3A%3Aerror file=y"), line
        properties = line.removeprefix("::error ").split("::")[0]
        assert [item.split("=")[0] for item in properties.split(",")] == ["file", "line", "title"], line


def test_schemas_are_in_step_with_the_code() -> None:
    result = run("schemas", "--check")
    assert result.returncode == 0, result.stderr


def test_the_command_line_loads_the_content_types_only_for_commands_that_need_them() -> None:
    """Importing the content types takes a tenth of a second: `python -m macros` loads them only when
    a command needs them, so `sitediff-comment` (run for every pull request), `codepaths` and `cache`
    start without them."""
    probe = (
        "import sys; from macros.wiring import cli; print([m for m in sys.modules if m.startswith('macros.content')])"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, "[]\n"), result.stderr
