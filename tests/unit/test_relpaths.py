"""Relative paths (macros/base/relpaths.py): one way to name a file relative to a folder, and one
way to link from a page's source to another's."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.base.relpaths import posix_relpath, source_link


def test_posix_relpath_names_a_file_below_beside_or_above(tmp_path: Path) -> None:
    project = tmp_path / "project"
    assert posix_relpath(project / "docs" / "x.md", project) == "docs/x.md"
    assert posix_relpath(str(project / "docs"), str(project)) == "docs"
    assert posix_relpath(project, project) == "."
    assert posix_relpath(tmp_path / "elders" / "y.md", project / "docs") == "../../elders/y.md"


def test_posix_relpath_keeps_the_name_a_symlink_is_reached_by(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert posix_relpath(tmp_path / "link" / "f", tmp_path) == "link/f"


def test_posix_relpath_of_relative_paths_is_taken_from_the_working_directory(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert posix_relpath("docs/a/b.md", "docs") == "a/b.md"
    assert posix_relpath(tmp_path / "x", ".") == "x"


@pytest.mark.parametrize(
    ("page", "target", "link"),
    [
        ("index.md", "rondes/ronde-1.md", "rondes/ronde-1.md"),
        ("over/index.md", "rondes/ronde-1.md", "../rondes/ronde-1.md"),
        ("rondes/index.md", "rondes/ronde-1.md", "ronde-1.md"),
        ("a/b/c.md", "actueel/2024-01-01-x.md", "../../actueel/2024-01-01-x.md"),
    ],
)
def test_source_link_is_relative_to_the_folder_of_the_linking_page(page: str, target: str, link: str) -> None:
    assert source_link(page, target) == link
