"""Load the whole content tree once, check what spans files, and cache the result.

Steps: registries (municipalities, rounds, themes, people) -> experiments with their round
reports -> lectures -> publications (ids, aliases, ids that disappeared) -> references between
files -> one `ContentError` listing every problem, or a `Site`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..base.clock import build_time
from ..base.fsafe import boundary_of, escapes, refuse_outside_folder
from ..base.parallel import load_each, without_gc_pauses
from ..base.problems import ContentError, Problem, Problems, did_you_mean
from ..base.relpaths import posix_relpath
from . import paths
from .experiments import Experiment, experiment_folders, read_experiment
from .handwritten import Docs, HandPage, Post, load_docs
from .lectures import Lecture, check_passed, load_lectures
from .project import Project, load_project
from .publications import Publication, check_ids, check_removed_ids, publication_files, read_publication
from .registry import (
    MUNICIPALITIES_FILE,
    PEOPLE_FILE,
    ROUNDS_FILE,
    THEMES_FILE,
    Municipality,
    Person,
    Round,
    Theme,
    load_municipalities,
    load_people,
    load_rounds,
    load_themes,
)

CONTENT_DIRS = ("experiments", "lectures", "publications", "docs")


@dataclass(frozen=True)
class Site:
    """Everything the pages are made of, validated and cross-referenced."""

    root: Path
    municipalities: dict[str, Municipality]
    rounds: dict[int, Round]
    themes: dict[str, Theme]
    experiments: tuple[Experiment, ...]
    lectures: tuple[Lecture, ...] = ()
    publications: tuple[Publication, ...] = ()
    people: dict[str, Person] = field(default_factory=dict)
    pages: tuple[HandPage, ...] = ()  # hand-written pages in docs/
    posts: tuple[Post, ...] = ()  # news posts, newest first
    doc_files: tuple[str, ...] = ()  # images and PDFs in docs/
    project: Project | None = None  # the project's own sourced facts (experiments/project.yml)

    @property
    def has_news(self) -> bool:
        """Whether the site has an Actueel section (posts, or its hand-written index)."""
        return bool(self.posts) or any(page.source.startswith(paths.NEWS) for page in self.pages)

    def experiment(self, slug: str) -> Experiment:
        return next(e for e in self.experiments if e.slug == slug)

    def municipality_of(self, experiment: Experiment) -> Municipality:
        return self.municipalities[experiment.municipality]

    def title_of(self, experiment: Experiment) -> str:
        """The experiment's name, or 'Experiment in <gemeente>' while the name is unknown."""
        return display_title(experiment, self.municipalities)

    def experiments_in(self, municipality: str) -> tuple[Experiment, ...]:
        return tuple(e for e in self.experiments if e.municipality == municipality)

    def lectures_of_round(self, number: int) -> tuple[Lecture, ...]:
        return tuple(lecture for lecture in self.lectures if lecture.round == number)

    def lectures_about(self, slug: str) -> tuple[Lecture, ...]:
        return tuple(lecture for lecture in self.lectures if slug in lecture.experiments)

    def publication(self, ident: str) -> Publication:
        return next(p for p in self.publications if p.id == ident)

    def publications_about(self, slug: str) -> tuple[Publication, ...]:
        return tuple(p for p in self.publications if slug in p.experiments)

    def publications_of_round(self, number: int) -> tuple[Publication, ...]:
        return tuple(p for p in self.publications if number in p.rounds)

    def publications_by(self, person: str) -> tuple[Publication, ...]:
        return tuple(p for p in self.publications if any(a.person == person for a in p.authors))

    def lectures_by(self, person: str) -> tuple[Lecture, ...]:
        return tuple(x for x in self.lectures if any(s.person == person for s in x.speakers))

    @property
    def drafts(self) -> tuple[str, ...]:
        """Round reports left off the site because they are still drafts."""
        return tuple(r.path for e in self.experiments for r in e.reports if not r.published)


REGISTRY_FILES = {
    "municipality": MUNICIPALITIES_FILE,
    "round": ROUNDS_FILE,
    "theme": THEMES_FILE,
    "experiment": "een map experiments/<id>/",
    "person": PEOPLE_FILE,
    "publication": "een bestand publications/<id>.yml",
}
# target -> (noun, its gender): a het-word takes 'onbekend' and 'het', a de-word 'onbekende' and 'hem'.
TARGET_NAMES = {
    "municipality": ("gemeente", "de"),
    "round": ("ronde", "de"),
    "theme": ("onderzoeksthema", "het"),
    "experiment": ("experiment", "het"),
    "person": ("persoon", "de"),
    "publication": ("publicatie", "de"),
}


def unknown_target(target: str) -> tuple[str, str]:
    """('onbekend experiment', 'het') or ('onbekende gemeente', 'hem'): adjective and pronoun that agree."""
    noun, gender = TARGET_NAMES[target]
    return (f"onbekend {noun}", "het") if gender == "het" else (f"onbekende {noun}", "hem")


def load_site(root: Path, base: Path | None = None, parallel: bool = True) -> Site:
    """Read and check every content file under `root`; raise `ContentError` listing all problems.

    The hand-written pages and news posts are those in `root/docs` (the `docs_dir` of both
    configurations). Problems name files relative to `base` (the repository root; default `root`). Nothing is
    read from a content folder that is a symlink to outside the repository (see fsafe.py). `parallel`:
    long folders may be read by several processes (parallel.py; never under `mkdocs serve`)."""
    with without_gc_pauses():
        return _load_site(root, base, parallel)


def _load_site(root: Path, base: Path | None, parallel: bool) -> Site:
    boundary = boundary_of(root, base)
    if escapes(root, boundary):
        rel = posix_relpath(os.path.abspath(root), base or Path.cwd())
        problems = Problems()
        refuse_outside_folder(root, rel, boundary, problems)
        raise ContentError(problems.items)
    root = root.resolve()
    problems = Problems()
    refused = {name for name in CONTENT_DIRS if refuse_outside_folder(root / name, name, boundary, problems)}
    municipalities, rounds, themes, people, project = {}, {}, {}, {}, None
    if "experiments" not in refused:  # the registries live in experiments/ too
        municipalities = load_municipalities(root, problems)
        rounds = load_rounds(root, problems)
        themes = load_themes(root, problems)
        people = load_people(root, problems)
        project = load_project(root, problems)
    registries_ok = not problems  # also False after a refused folder: its ids are unknown
    # The long folders in one go, and the hand-written pages with them: on two cores, one process
    # reads while the other does too.
    docs_read: list[Docs]
    experiments: list[Experiment]
    publications: list[Publication]
    docs_read, experiments, publications = load_each(
        [
            (_read_docs, [root / "docs"] if "docs" not in refused else []),  # first: in this process
            (read_experiment, experiment_folders(root) if "experiments" not in refused else []),
            (read_publication, publication_files(root) if "publications" not in refused else []),
        ],
        root,
        problems,
        parallel,
    )
    publications.sort(key=lambda p: p.sort_key)  # newest first
    docs = docs_read[0] if docs_read else Docs((), (), ())
    lectures = load_lectures(root, problems) if "lectures" not in refused else []
    check_passed(lectures, build_time(), problems)
    check_ids(publications, problems)
    if "publications" not in refused:
        check_removed_ids(root, publications, problems)
    known = {
        "municipality": set(municipalities),
        "theme": set(themes),
        "round": {str(n) for n in rounds},
        "experiment": {e.slug for e in experiments},
        "person": set(people),
        "publication": {p.id for p in publications},
    }
    if registries_ok:  # a broken registry would make every reference to it look wrong
        for ref in problems.references:
            if ref.id not in known[ref.target]:
                choices = sorted(known[ref.target])
                unknown, pronoun = unknown_target(ref.target)
                problems.add(
                    ref.path,
                    ref.line,
                    ref.field,
                    f"{unknown} '{ref.id}'{did_you_mean(ref.id, choices)}; "
                    f"kies uit {', '.join(choices) or '(geen)'} of voeg {pronoun} toe aan "
                    f"{REGISTRY_FILES[ref.target]}",
                )
    if registries_ok:
        check_unique_titles(experiments, municipalities, problems)
    if problems:
        raise ContentError(relative_to_base(problems.items, root, base))
    # People are known once every reference resolves. Which source claims which published path is
    # checked site-wide by the callers at the top (`pages.outputs.check_outputs`), not while loading.
    publications = [replace(p, authors=tuple(a.resolved(people) for a in p.authors)) for p in publications]
    lectures = [replace(x, speakers=tuple(s.resolved(people) for s in x.speakers)) for x in lectures]
    return Site(
        root,
        municipalities,
        rounds,
        themes,
        tuple(experiments),
        tuple(lectures),
        tuple(publications),
        people,
        *docs,
        project,
    )


def _read_docs(root: Path, folder: Path, problems: Problems) -> Docs:
    return load_docs(folder, root, problems)


def relative_to_base(problems: Iterable[Problem], root: Path, base: Path | None) -> list[Problem]:
    """The problems of the content tree at `root` (resolved), their paths made relative to `base`."""
    prefix = posix_relpath(root, base) + "/" if base and base.resolve() != root else ""
    return [replace(p, path=prefix + p.path) for p in problems]


def display_title(experiment: Experiment, municipalities: dict[str, Municipality]) -> str:
    return experiment.title or f"Experiment in {municipalities[experiment.municipality].name}"


def check_unique_titles(
    experiments: list[Experiment], municipalities: dict[str, Municipality], problems: Problems
) -> None:
    """Two profiles with the same heading confuse readers and search: name both files."""
    seen: dict[str, Experiment] = {}
    for experiment in experiments:
        if experiment.municipality not in municipalities:
            continue  # reported as an unknown municipality already
        title = display_title(experiment, municipalities).casefold()
        other = seen.setdefault(title, experiment)
        if other is not experiment:
            line = experiment.lines.get("title", 1)
            problems.add(
                experiment.path,
                line,
                "title",
                f"dezelfde titel als {other.path}; geef elk experiment een eigen 'title:'",
            )


# Every content file as (path, size, modification time in ns).
Signature = tuple[tuple[str, int, int], ...]

_cache: dict[Path, tuple[Signature, Site]] = {}


def content_signature(root: Path) -> Signature:
    """Name, size and modification time of every content file: changes when any file does."""
    # lstat only, and symlinked folders inside are not descended into: nothing is opened, so a
    # FIFO or a link to elsewhere costs one entry and never blocks.
    entries: list[tuple[str, int, int]] = []
    for name in CONTENT_DIRS:
        base = root / name
        if not base.is_dir():
            continue
        for folder, dirs, files in os.walk(base, followlinks=False):
            dirs.sort()
            for entry in sorted(dirs + files):
                path = os.path.join(folder, entry)
                try:
                    stat = os.lstat(path)
                except FileNotFoundError:
                    continue  # removed while we looked: the next signature will differ anyway
                entries.append((path, stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


def get_site(
    root: Path, base: Path | None = None, revalidate: bool = True, watch: bool = True, parallel: bool = True
) -> Site:
    """`load_site`, cached until a content file changes (so `mkdocs serve` reloads edits).

    `revalidate=False` trusts the cache without looking at the files again: for the macros of
    hand-written pages, called within a build whose `on_pre_build` has just revalidated.
    `watch=False` (a one-off build) skips taking the files' signature, which only a server that
    rebuilds needs."""
    root = root.resolve()
    cached = _cache.get(root)
    if cached and not revalidate:
        return cached[1]
    signature = content_signature(root) if watch else ()
    if cached and signature and cached[0] == signature:
        return cached[1]
    site = load_site(root, base, parallel)
    _cache[root] = (signature, site)
    return site
