"""Where the build keeps what it caches, and the refusal of caches that a commit could plant.

A commit can add any file to the work tree (`git add -f` passes `.gitignore`), so nothing the
build reads back from a cache may come from the work tree. The caches (APA references and the
page citation, see citations.py) live outside the repository:

    $WAARDEVOL_WERK_CACHE                       when set (the tests set it), as is;
    $XDG_CACHE_HOME/waardevol-werk/<project>    otherwise, or ~/.cache/waardevol-werk/<project>,

where <project> is a hash of the project's resolved root, so two checkouts never share one.
What is read back from there is still treated as untrusted: citations.py passes it through the
same sanitiser as a freshly made reference. Compiled templates are not cached at all (render.py).

The old location, `.cache/` in the project, is never read. `cache_problems` still refuses it when
it could carry something in: a file there that git tracks, a symbolic link there (or `.cache`
itself being one), and a cache location that lies inside the project. Without git (a tarball, or
git refusing the folder) it cannot tell a committed file from a leftover, so then every file in
`.cache/` is refused: the build no longer writes there, so deleting it is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .problems import Problem
from .relpaths import posix_relpath

ENV = "WAARDEVOL_WERK_CACHE"
OLD = ".cache"
APP = "waardevol-werk"
# The files this package writes into the cache folder (and `python -m macros cache --clear` removes).
OUR_FILES = ("apa-*.json", "pagina-*.json")


def cache_dir(project: Path) -> Path:
    """The cache folder of a project (not created here)."""
    override = os.environ.get(ENV)
    if override:
        return Path(override).expanduser().absolute()
    base = os.environ.get("XDG_CACHE_HOME", "")
    home = Path(base) if os.path.isabs(base) else Path.home() / ".cache"  # the XDG spec ignores relative paths
    key = hashlib.sha256(str(project.resolve()).encode("utf-8")).hexdigest()[:16]
    return home / APP / key


def _tracked(project: Path, folder: str) -> list[str] | None:
    """The files git tracks under `folder` of the project, or None when git cannot say."""
    try:
        result = subprocess.run(
            ["git", "-C", str(project), "ls-files", "-z", "--", folder], capture_output=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None  # not a git work tree, or git refuses it (e.g. "dubious ownership")
    return sorted(os.fsdecode(name) for name in result.stdout.split(b"\0") if name)


def _entries(folder: Path) -> list[Path]:
    """Every file and link below a folder; links are listed, never followed."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):  # os.walk does not descend into linked folders
        here = Path(dirpath)
        found += [here / name for name in filenames]
        found += [here / name for name in dirnames if (here / name).is_symlink()]
    return sorted(found)


def cache_problems(project: Path, base: Path | None = None) -> list[Problem]:
    """Problems with the caches of the project, paths relative to `base` (default: the project)."""
    project = project.resolve()
    base = (base or project).resolve()

    def shown(path: Path) -> str:
        return posix_relpath(path, base)

    problems: list[Problem] = []
    old = project / OLD
    if old.is_symlink():
        problems.append(
            Problem(
                shown(old),
                1,
                "-",
                "is een symbolische link; de build schrijft of leest hier niets "
                "en een link kan naar elders wijzen: verwijder de link (rm .cache)",
            )
        )
    elif old.exists():
        tracked = _tracked(project, OLD)
        entries = _entries(old) if old.is_dir() else [old]
        if tracked is None:
            for path in entries:
                problems.append(
                    Problem(
                        shown(path),
                        1,
                        "-",
                        "staat in de oude cachemap; zonder git is niet na te "
                        "gaan of dit bestand uit een commit komt, en de build gebruikt deze map "
                        "niet meer: verwijder de map .cache (make clean)",
                    )
                )
        else:
            for name in tracked:
                problems.append(
                    Problem(
                        shown(project / name),
                        1,
                        "-",
                        "een cache hoort niet in git: een "
                        "gecommitte cache kan code of opmaak in de build smokkelen; haal hem uit "
                        "de repository (git rm -r --cached .cache) en commit dat",
                    )
                )
            for path in entries:
                if path.is_symlink() and path.relative_to(project).as_posix() not in tracked:
                    problems.append(
                        Problem(
                            shown(path),
                            1,
                            "-",
                            "is een symbolische link in de cachemap; de build "
                            "volgt geen links naar elders: verwijder hem (make clean)",
                        )
                    )
    location = cache_dir(project).resolve()
    if location.is_relative_to(project):
        problems.append(
            Problem(
                shown(location),
                1,
                "-",
                f"de cachemap ligt in de repository (via {ENV} of "
                "XDG_CACHE_HOME), waar een commit bestanden kan neerzetten; kies een map buiten "
                "de repository",
            )
        )
    return problems


def read_json(path: Path) -> dict[str, Any]:
    """A cache file's mapping, or {} when it is missing, unreadable or not a JSON object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json(path: Path, data: Mapping[str, object]) -> None:
    """Replace a cache file atomically (parallel builds never see half a file); a cache that
    cannot be written (a read-only home folder) is simply not kept."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, sort_keys=True)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


def clear(project: Path) -> tuple[Path, int]:
    """Remove this package's files from the project's cache folder (and the folder when empty)."""
    folder = cache_dir(project)
    removed = 0
    if folder.is_dir() and not folder.is_symlink():
        for pattern in OUR_FILES:
            for path in folder.glob(pattern):
                path.unlink()
                removed += 1
        try:
            folder.rmdir()
        except OSError:
            pass  # something else is in it: left alone
    return folder, removed
