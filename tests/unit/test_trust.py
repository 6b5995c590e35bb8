"""Trust: privacy scan, atomic and reproducible builds, and a bad-input suite in which every case
fails the real build with its exact message while the previous site and the sources stay as
they were."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from cases_content import EXPERIMENT, REPORT
from cases_problems import (
    CASES,
    EXP,
    FIX,
    LEC,
    PRIVACY,
    REGISTRY_CASE,
    ROUND,
)
from support import BUILD_EPOCH, ROOT, build_in_process, problems_of, run_macros, snapshot


@pytest.mark.parametrize("text, what", PRIVACY.values(), ids=PRIVACY.keys())
def test_privacy_scan_names_file_and_line_without_echoing(tree, text, what) -> None:
    root = tree({EXP: EXPERIMENT, ROUND: REPORT + f"\nTweede alinea.\n{text}.\n"})
    problems = problems_of(root)
    assert problems == [f"{ROUND}:10: privacy: {what}; {FIX}"]
    digits = "".join(c for c in text if c.isdigit())
    assert all(digits not in p.replace(" ", "") for p in problems if digits)


@pytest.mark.parametrize(
    "text",
    [
        "Kijk op https://doi.org/10.99999/fictief.2025.003",
        "ORCID 0000-0002-1825-0097",
        "start: 2025-10-02T15:00+02:00",
        "Er werken 123456 mensen",
        "info@example.org",
        "Postcode 9999 XX in Voorbeelddam",
        "CBS-code GM0503, 12,5 procent",
    ],
)
def test_privacy_scan_leaves_ordinary_text_alone(tree, text) -> None:
    assert problems_of(tree({EXP: EXPERIMENT, ROUND: REPORT + f"{text}\n"})) == []


def test_public_venue_address_is_not_a_home_address(tree) -> None:
    root = tree(
        {
            LEC: "---\ntitle: C\nround: 1\nstatus: gepland\nstart: nog niet bekend\nattendance: op locatie\n"
            "venue:\n  name: Zaal\n  street: Marktplein 2\n  postcode: 9998 YY\n  city: Voorbeelddam\n---\n"
        }
    )
    assert problems_of(root) == []


# --- building: atomic, marked, reproducible ------------------------------------------------------


def test_build_marks_its_output(built) -> None:
    _, site = built
    assert (site / ".waardevol-werk-build").is_file()
    assert (site / "experimenten/x/index.html").is_file()


def test_two_builds_are_byte_identical(demo_site: Path, tmp_path: Path) -> None:
    """Two runs of `python -m macros build` of the demo site, each its own process, as in use: the
    one every test reads (conftest.demo_site) and one more."""
    result = run_macros("build", "-f", "mkdocs.demo.yml", "-d", str(tmp_path / "twee"))
    assert result.returncode == 0, result.stderr
    again = snapshot(tmp_path / "twee")
    assert snapshot(demo_site) == again
    assert len(again) > 100


def test_refuses_to_replace_a_folder_it_did_not_make(built, capsys, tmp_path: Path) -> None:
    config, _ = built
    foreign = tmp_path / "elders"
    foreign.mkdir()
    (foreign / "belangrijk.txt").write_text("niet weggooien", encoding="utf-8")
    code, output = build_in_process(config, foreign, capsys)
    assert code == 1
    assert "deze map is niet door deze generator gemaakt" in output
    assert (foreign / "belangrijk.txt").read_text(encoding="utf-8") == "niet weggooien"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".elders")) == []


def test_refuses_a_symlinked_site_dir(built, capsys, tmp_path: Path) -> None:
    config, site = built
    link = tmp_path / "link"
    link.symlink_to(site)
    code, output = build_in_process(config, link, capsys)
    assert code == 1 and "is een symbolische link" in output


def test_symlink_in_docs_to_outside_is_refused(built, capsys, tmp_path: Path) -> None:
    config, site = built
    secret = tmp_path.parent / f"{tmp_path.name}-geheim.txt"
    secret.write_text("geheim", encoding="utf-8")
    (tmp_path / "docs/geheim.txt").symlink_to(secret)
    before = snapshot(site)
    code, output = build_in_process(config, site, capsys)
    assert code == 1
    assert "docs/geheim.txt:1: -: wijst naar" in output and "buiten de repository" in output
    assert snapshot(site) == before


def test_a_real_build_leaves_the_work_tree_as_it_was(tmp_path: Path) -> None:
    def status() -> str:
        return subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT, capture_output=True, text=True
        ).stdout

    before = status()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    result = run_macros("build", "-d", str(tmp_path / "site"), env=env)
    assert result.returncode == 0, result.stderr
    assert status() == before


# --- the bad-input suite --------------------------------------------------------------------------
# Every bad case is checked at the loader, with its exact lines (test_loader, test_lectures,
# test_publications, the privacy cases above; docs in test_docs_content): fast, and the build
# reports the same lines. A full build runs one case per content type, for what only a build
# shows: it fails with those lines, and leaves the previous site and the sources as they were.


def test_the_registry_case_is_what_the_loader_reports(tree) -> None:
    files, expected = REGISTRY_CASE
    assert problems_of(tree({EXP: EXPERIMENT, **files})) == expected


@pytest.mark.parametrize("files, expected", CASES.values(), ids=CASES.keys())
def test_bad_input_fails_the_build_and_keeps_the_previous_site(built, capsys, files, expected) -> None:
    config, site = built
    root = config.parent
    before_site = snapshot(site)
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    before_sources = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and "site" not in p.parts}
    code, output = build_in_process(config, site, capsys)
    assert code == 1
    lines = [line for line in output.splitlines() if ": " in line and line.split(":")[0].endswith((".yml", ".md"))]
    assert lines == expected
    assert "Traceback" not in output and "De vorige versie van de site is ongewijzigd." in output
    assert snapshot(site) == before_site
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and "site" not in p.parts} == before_sources
