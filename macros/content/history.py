"""Each record's history as readers see it: when what it says last changed, and what changed.

The sources of a record (the one place this is said):

    experiment   experiments/<id>/experiment.yml and its published round reports ronde-<n>.md
                 (the full history: the folder experiments/<id>/, which holds them all)
    round        its own entry in experiments/rondes.yml (another round's entry is not its change)
                 and the published ronde-<n>.md of every experiment (the full history: rondes.yml;
                 each experiment's findings have theirs on its profile)
    lecture      lectures/<id>.md
    publication  publications/<id>.yml

`base/history.py` gives each file's real changes (a commit that changes no field moves nothing);
here they are merged per commit and named in the words of the field declarations (`Field.label`),
for a round report with its round ("bevindingen ronde 2") or, on a round's page, its experiment.
A section of a body is named by its heading only while the current text has that heading: a
heading that was removed (perhaps for a reason) is never shown from the history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..base.history import BODY, DATA, Change, FieldPath, FileHistory, file_histories, sections
from ..base.kinds import Record
from .experiments import EXPERIMENT, ROUND_REPORT, Experiment, RoundReport
from .lectures import LECTURE, Lecture
from .publications import PUBLICATION, Publication
from .registry import ROUND, ROUNDS_FILE
from .site import Site


@dataclass(frozen=True)
class Edit:
    """One commit that changed what a record says, in words: the labels of what it added,
    removed and changed; `created`: the record's first version; `whole`: files that changed as a
    whole (a version of them does not parse)."""

    when: dt.datetime
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    created: bool = False
    whole: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordHistory:
    """A record's edits, newest first (none when the history is not known), and the file or
    (`folder`) folder, relative to the content root, whose full history the repository host shows."""

    source: str
    edits: tuple[Edit, ...] = ()
    folder: bool = False

    @property
    def last(self) -> dt.datetime | None:
        """When what the record says last changed; None when that is not known."""
        return self.edits[0].when if self.edits else None


@dataclass(frozen=True)
class _Source:
    """One file of a record and how its changes are named.

    `record`: the declarations of its data (for a registry, of the entry at `scope`);
    `scope`: the data path this record owns (("data",) for a whole file, ("data", "2") for
    round 2 in rondes.yml); `body`: the label of its Markdown body; `suffix`: what follows a
    label of this file on the record's page (" ronde 2", " van <experiment>"); `main`: its first
    version creates the record (the first version of another file adds to it)."""

    path: str
    record: Record
    scope: FieldPath = (DATA,)
    body: str = ""
    headings: frozenset[str] = frozenset()
    suffix: str = ""
    main: bool = True


def _field_order(record: Record) -> dict[str, int]:
    return {name: index for index, name in enumerate(record.fields)}


def _label(source: _Source, path: FieldPath) -> tuple[tuple[int, int], str]:
    """(sort key, label) of a changed field path or section of `source`."""
    if path[0] == BODY:
        heading = path[1] if len(path) > 1 else ""
        label = source.body + source.suffix
        if heading and heading in source.headings:
            label = f"{label} (paragraaf ‘{heading}’)"
        return (len(source.record.fields), 0), label
    rest = path[len(source.scope) :]
    if not rest:
        return (-1, 0), "alle velden" + source.suffix
    name = str(rest[0])
    spec = source.record.fields.get(name)
    order = _field_order(source.record).get(name, len(source.record.fields))
    return (order, 0), (spec.label_of(name) if spec else f"veld ‘{name}’") + source.suffix


def _within(path: FieldPath, scope: FieldPath) -> bool:
    return path[: len(scope)] == scope


def _words(source: _Source, change: Change) -> Edit | None:
    """One file's change in words, or None when it is not this record's (another round's entry)."""
    if change.unreadable:
        return Edit(change.when, whole=(source.path,))
    whole = (source.body or "alle velden") + source.suffix
    if change.created or change.deleted:
        if source.main:
            return Edit(change.when, created=change.created, removed=(whole,) if change.deleted else ())
        return Edit(change.when, added=(whole,)) if change.created else Edit(change.when, removed=(whole,))
    everything = ((-1, 0), "alle velden" + source.suffix)
    parts: list[list[tuple[tuple[int, int], str]]] = [[], [], []]
    for kind, (paths, out) in enumerate(zip((change.added, change.removed, change.changed), parts, strict=True)):
        for path in paths:
            if path[0] == DATA and not _within(path, source.scope):
                if _within(source.scope, path):  # what holds the record's entry was replaced as a whole
                    out.append(everything)
                continue
            if len(source.scope) > 1 and path == source.scope and kind < 2:  # a registry entry came or went
                return Edit(change.when, created=kind == 0, removed=(whole,) if kind == 1 else ())
            out.append(_label(source, path))
    if not any(parts):
        return None
    added, removed, changed = (tuple(dict.fromkeys(label for _, label in sorted(p, key=lambda x: x[0]))) for p in parts)
    return Edit(change.when, added, removed, changed)


def _merge(edits: list[tuple[dt.datetime, str, Edit]]) -> tuple[Edit, ...]:
    """The edits of one record, one per commit, newest first."""
    by_commit: dict[tuple[dt.datetime, str], list[Edit]] = {}
    for when, commit, edit in edits:
        by_commit.setdefault((when, commit), []).append(edit)
    merged = []
    for (when, _), parts in sorted(by_commit.items(), key=lambda item: item[0], reverse=True):
        merged.append(
            Edit(
                when,
                tuple(dict.fromkeys(label for part in parts for label in part.added)),
                tuple(dict.fromkeys(label for part in parts for label in part.removed)),
                tuple(dict.fromkeys(label for part in parts for label in part.changed)),
                any(part.created for part in parts),
                tuple(dict.fromkeys(path for part in parts for path in part.whole)),
            )
        )
    return tuple(merged)


def _history(
    files: dict[str, FileHistory], sources: Iterable[_Source], link: str, folder: bool = False
) -> RecordHistory:
    edits: list[tuple[dt.datetime, str, Edit]] = []
    for source in sources:
        found = files.get(source.path)
        if found is None:
            continue
        for change in found.changes:
            edit = _words(source, change)
            if edit is not None:
                edits.append((change.when, change.commit, edit))
    return RecordHistory(link, _merge(edits), folder)


def _report_source(report: RoundReport, suffix: str) -> _Source:
    return _Source(
        report.path,
        ROUND_REPORT,
        body="bevindingen",
        headings=frozenset(sections(report.findings)),
        suffix=suffix,
        main=False,
    )


@dataclass(frozen=True)
class SiteHistory:
    """The histories of a site's records, from one reading of git (`site_history`)."""

    files: dict[str, FileHistory] = field(default_factory=dict)
    title_of: Callable[[Experiment], str] = field(default=lambda e: e.slug, compare=False)

    def file_last(self, path: str) -> dt.datetime | None:
        """When the file (relative to the content root) last really changed; None when not known."""
        found = self.files.get(path)
        return found.last if found else None

    def experiment(self, experiment: Experiment) -> RecordHistory:
        sources = [_Source(experiment.path, EXPERIMENT)]
        sources += [_report_source(r, f" ronde {r.round}") for r in experiment.published_reports]
        return _history(self.files, sources, experiment.path.rsplit("/", 1)[0], folder=True)

    def round(self, number: int, experiments: Iterable[Experiment]) -> RecordHistory:
        sources = [_Source(ROUNDS_FILE, ROUND, scope=(DATA, str(number)))]
        for experiment in experiments:
            report = experiment.report(number)
            if report is not None:
                sources.append(_report_source(report, f" van {self.title_of(experiment)}"))
        return _history(self.files, sources, ROUNDS_FILE)

    def lecture(self, lecture: Lecture) -> RecordHistory:
        source = _Source(lecture.path, LECTURE, body="beschrijving", headings=frozenset(sections(lecture.description)))
        return _history(self.files, [source], lecture.path)

    def publication(self, publication: Publication) -> RecordHistory:
        return _history(self.files, [_Source(publication.path, PUBLICATION)], publication.path)


def source_files(site: Site) -> list[str]:
    """Every file whose history the site's pages and feeds show, relative to the content root."""
    files = [ROUNDS_FILE]
    for experiment in site.experiments:
        files.append(experiment.path)
        files += [r.path for r in experiment.reports]
    files += [x.path for x in site.lectures]
    files += [p.path for p in site.publications]
    files += [f"docs/{p.source}" for p in site.posts]
    return files


# The last few sites' histories, by the site object and the build time: every page asks, and making
# the list of files again for each of a thousand pages cost seconds. Forked workers inherit it.
_MADE: dict[tuple[int, dt.datetime], tuple[Site, SiteHistory]] = {}


def site_history(site: Site, now: dt.datetime) -> SiteHistory:
    """The site's histories up to the build date `now`, git asked once (and again for a new `now`,
    as `mkdocs serve` has on each rebuild)."""
    made = _MADE.get((id(site), now))
    if made is not None and made[0] is site:
        return made[1]
    history = SiteHistory(file_histories(Path(site.root), source_files(site), now), site.title_of)
    if len(_MADE) >= 4:
        _MADE.clear()
    _MADE[(id(site), now)] = (site, history)
    return history
