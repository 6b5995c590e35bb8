"""What really changed in a content file, commit by commit, from git.

One `git log --raw` names, for every commit up to the build date, each content file it touched
with the blob before and after; one `git cat-file --batch` reads every blob named. Each version
is parsed (a YAML file as its data; a Markdown file as its front matter plus its body split into
sections by heading) and compared with the version in the commit's parent, field by field. A
commit in which nothing parsed differs (a YAML comment, whitespace, quoting, key order, a
paragraph wrapped anew) is no change: it gives no `Change` and moves no date. A version that
does not parse makes its commit a change of the whole file (`unreadable`).

Why `--raw` and not `--name-only` with a `<commit>:<path>` per version: the raw lines give each
commit's version and its parent's directly (right on a history with merges, where the versions
in log order need not be parent and child), and each blob is read once however many commits
share it. Blobs are content-addressed, so what a blob parses to is kept for the process (a
`mkdocs serve` rebuild reads only new ones).

Paths of fields: `("data", "status")`, `("data", "organisations", 2, "role")`; sections of the
body: `("body", "")` for the text before the first heading, `("body", "Wat werkt")`, a heading
that occurs twice as `"Wat werkt (2)"`. Without git, or for a file git does not know, there is
no `FileHistory`: the caller says the date is not known.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Final

from .problems import Problems
from .yamlio import FRONT_MATTER, MAX_BYTES, Mapping, Node, Scalar, Sequence, parse_yaml

Key = str | int
FieldPath = tuple[Key, ...]
# A parsed value: text, None, or lists and mappings of them.
Value = str | None | list["Value"] | dict[str, "Value"]

DATA: Final = "data"
BODY: Final = "body"
NO_BLOB: Final = re.compile(r"^0+$")
COMMIT: Final = "commit "
# ATX headings (CommonMark: up to three spaces, 1-6 #, then a space or the line's end).
HEADING: Final = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
FENCE: Final = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# A line that starts a block of its own: never a wrapped continuation of the line before it.
BLOCK_START: Final = re.compile(r"^(?:[-*+>|<]|\d{1,9}[.)](?:\s|$)|#|`{3}|~{3}|!!!|\?\?\?|\[\^|:)")


@dataclass(frozen=True)
class Change:
    """One commit that really changed a file: the field paths and sections added, removed or changed.

    `created`: the file's first version (no field is listed); `deleted`: the commit removed the
    file; `unreadable`: this version or the one before does not parse, so the whole file counts."""

    when: dt.datetime
    commit: str
    added: tuple[FieldPath, ...] = ()
    removed: tuple[FieldPath, ...] = ()
    changed: tuple[FieldPath, ...] = ()
    created: bool = False
    deleted: bool = False
    unreadable: bool = False


@dataclass(frozen=True)
class FileHistory:
    """A file's real changes, newest first (up to the build date)."""

    path: str
    changes: tuple[Change, ...]

    @property
    def last(self) -> dt.datetime | None:
        """When the file last really changed; None when no commit changed what it says."""
        return max(change.when for change in self.changes) if self.changes else None


@dataclass(frozen=True)
class Version:
    """A file's content as parsed: its data (YAML, or front matter) and its body's sections."""

    data: Value
    sections: dict[str, str]


# --- reading one version -------------------------------------------------------------------------


def _value(node: Node | None) -> Value:
    """A YAML node as plain values: scalars as their text (null as None), mappings without the
    keys whose value is null (an empty field and a missing one say the same)."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return None if node.is_null else normal_text(node.text)
    if isinstance(node, Mapping):
        items = {key: _value(value) for key, value in node.items.items()}
        return {key: value for key, value in items.items() if value is not None}
    if isinstance(node, Sequence):
        return [_value(item) for item in node.items]
    raise TypeError(node)  # pragma: no cover - the reader makes only these three


def normal_text(text: str) -> str:
    """Text as it reads: trailing spaces, runs of blank lines and of spaces, and the places where
    a paragraph's lines were wrapped do not count; lines inside a code fence are kept as written;
    a line that starts a block (list item, quote, heading, table row, admonition) stays a line."""
    if "\n" not in text:
        return " ".join(text.split())
    out: list[str] = []
    joinable = False  # whether the last line out is paragraph text a wrapped line continues
    fence = ""
    for raw in text.split("\n"):
        line = raw.rstrip()
        if fence:
            out.append(line)
            if line.lstrip().startswith(fence):
                fence = ""
            continue
        opened = FENCE.match(line)
        if opened:
            fence = opened.group(1)[:3]
            out.append(line)
            joinable = False
            continue
        if not line:
            if out and out[-1]:
                out.append("")
            joinable = False
            continue
        stripped = line.lstrip()
        words = " ".join(stripped.split())
        if joinable and not BLOCK_START.match(stripped):
            out[-1] += " " + words
            continue
        out.append(line[: len(line) - len(stripped)] + words)
        joinable = not HEADING.match(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def sections(body: str) -> dict[str, str]:
    """A Markdown body by section: heading text -> the section's text as it reads (`normal_text`);
    "" is the text before the first heading. A heading that occurs again is `"<heading> (2)"`."""
    parts: dict[str, list[str]] = {"": []}
    current = ""
    seen: dict[str, int] = {}
    fence = ""
    for line in body.split("\n"):
        if fence:
            if line.lstrip().startswith(fence):
                fence = ""
        elif opened := FENCE.match(line):
            fence = opened.group(1)[:3]
        elif heading := HEADING.match(line):
            title = " ".join((heading.group(2) or "").split())
            seen[title] = seen.get(title, 0) + 1
            current = title if seen[title] == 1 else f"{title} ({seen[title]})"
            parts[current] = [f"{heading.group(1)} {title}"]  # the level counts too
            continue
        parts[current].append(line)
    result = {key: normal_text("\n".join(lines)) for key, lines in parts.items()}
    if not result[""]:
        del result[""]
    return result


def parse_version(text: str, path: str) -> Version | None:
    """One version of a content file, or None when it does not parse (YAML files by their
    extension `.yml`/`.yaml`; anything else as Markdown with optional front matter)."""
    problems = Problems()  # this version's problems are not the build's: only whether it parses counts
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if path.endswith((".yml", ".yaml")):
        node = parse_yaml(text, path, problems)
        if node is None and text.strip() and problems:
            return None
        return Version(_value(node) or {}, {})
    match = FRONT_MATTER.match(text)
    if not match:
        return None if text.startswith("---") else Version({}, sections(text))  # front matter never closed
    node = parse_yaml(match.group(1) or "", path, problems)
    if problems:
        return None
    return Version(_value(node) or {}, sections(text[match.end() :]))


# --- comparing two versions ----------------------------------------------------------------------


def _diff(old: Value, new: Value, path: FieldPath, out: tuple[list[FieldPath], ...]) -> None:
    if old == new:
        return
    added, removed, changed = out
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(old.keys() | new.keys()):
            if key not in old:
                added.append((*path, key))
            elif key not in new:
                removed.append((*path, key))
            else:
                _diff(old[key], new[key], (*path, key), out)
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            _diff(a, b, (*path, index), out)
    else:
        changed.append(path)


def compare(old: Version, new: Version) -> tuple[tuple[FieldPath, ...], tuple[FieldPath, ...], tuple[FieldPath, ...]]:
    """(added, removed, changed) field paths and sections from `old` to `new`; all empty when
    the two say the same."""
    out: tuple[list[FieldPath], ...] = ([], [], [])
    _diff(old.data, new.data, (DATA,), out)
    _diff(dict(old.sections), dict(new.sections), (BODY,), out)
    added, removed, changed = out
    return tuple(added), tuple(removed), tuple(changed)


# --- reading the history -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Touch:
    """One file in one commit of the log: its blob before and after (None: not there)."""

    commit: str
    when: dt.datetime
    path: str
    before: str | None
    after: str | None


def _log(root: str, paths: tuple[str, ...], until: dt.datetime) -> list[_Touch] | None:
    """Every commit up to `until` that touched one of `paths`, newest first; None without git.

    Git is given the paths' top folders, not the paths: matching thousands of literal paths
    against every tree of the history takes git seconds (6.6 s at N = 1,000), a few folders next
    to nothing (0.2 s); the files not asked for are dropped here, before any blob is read."""
    wanted = frozenset(paths)
    tops = sorted({path.split("/", 1)[0] for path in paths})
    try:
        result = subprocess.run(
            [
                "git",
                "-C",
                root,
                "-c",
                "core.quotePath=false",
                "log",
                f"--until={until.isoformat()}",
                f"--format=%x00{COMMIT}%H %cI",
                "--raw",
                "--no-abbrev",
                "--no-renames",
                "--relative",
                "-z",
                "--",
                *tops,
            ],
            capture_output=True,
            timeout=300,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    touches: list[_Touch] = []
    commit, when = "", None
    tokens = result.stdout.decode("utf-8", "surrogateescape").split("\0")
    index = 0
    while index < len(tokens):
        token = tokens[index].lstrip("\n")
        index += 1
        if token.startswith(COMMIT):
            commit, _, stamp = token[len(COMMIT) :].partition(" ")
            when = dt.datetime.fromisoformat(stamp)
        elif token.startswith(":") and index < len(tokens) and when is not None:
            fields = token.split(" ")  # :mode mode before after status
            path = tokens[index]
            index += 1
            if path not in wanted:
                continue
            before, after = fields[2], fields[3]
            touches.append(
                _Touch(
                    commit,
                    when,
                    path,
                    None if NO_BLOB.match(before) else before,
                    None if NO_BLOB.match(after) else after,
                )
            )
    return touches


def _blobs(root: str, oids: Iterable[str]) -> dict[str, bytes | None]:
    """The content of each blob (None when git does not have it: a shallow or partial clone)."""
    wanted = sorted(set(oids))
    if not wanted:
        return {}
    try:
        result = subprocess.run(
            ["git", "-C", root, "cat-file", "--batch"],
            input=("\n".join(wanted) + "\n").encode("ascii"),
            capture_output=True,
            timeout=300,
        )
    except (OSError, subprocess.SubprocessError):
        return dict.fromkeys(wanted)
    out = result.stdout
    found: dict[str, bytes | None] = {}
    position = 0
    for oid in wanted:
        end = out.find(b"\n", position)
        if end < 0:
            break
        header = out[position:end].split(b" ")
        position = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            found[oid] = out[position : position + size]
            position += size + 1  # the content, then a newline
        elif len(header) == 3:  # another kind of object: skip its content
            position += int(header[2]) + 1
    return {oid: found.get(oid) for oid in wanted}


# What each blob parses to, for the process: a blob id names its content for ever. The marker
# says "not parsed yet"; None is "does not parse".
_PARSED: dict[tuple[str, str], Version | None] = {}
_PARSED_LIMIT = 200_000


def _version(oid: str, data: bytes | None, path: str) -> Version | None:
    kind = ".yml" if path.endswith((".yml", ".yaml")) else ".md"
    key = (oid, kind)
    if key in _PARSED:
        return _PARSED[key]
    version: Version | None = None
    if data is not None and len(data) <= MAX_BYTES:
        try:
            version = parse_version(data.decode("utf-8"), path)
        except UnicodeDecodeError:
            version = None
    _PARSED[key] = version
    return version


def _change(touch: _Touch, blobs: dict[str, bytes | None]) -> Change | None:
    """What one commit did to one file; None when nothing parsed differs."""
    if touch.before == touch.after:
        return None  # only the file's mode changed
    if touch.after is None:
        return Change(touch.when, touch.commit, deleted=True)
    new = _version(touch.after, blobs.get(touch.after), touch.path)
    if touch.before is None:
        return Change(touch.when, touch.commit, created=True, unreadable=new is None)
    old = _version(touch.before, blobs.get(touch.before), touch.path)
    if old is None or new is None:
        return Change(touch.when, touch.commit, unreadable=True)
    added, removed, changed = compare(old, new)
    if not (added or removed or changed):
        return None
    return Change(touch.when, touch.commit, added, removed, changed)


@lru_cache(maxsize=8)
def _histories(root: str, paths: tuple[str, ...], until: dt.datetime) -> dict[str, FileHistory]:
    touches = _log(root, paths, until)
    if touches is None:
        return {}
    if len(_PARSED) >= _PARSED_LIMIT:  # never within one reading: what it found parsed stays there
        _PARSED.clear()
    needed = {
        oid
        for touch in touches
        for oid in (touch.before, touch.after)
        if oid is not None and (oid, ".yml" if touch.path.endswith((".yml", ".yaml")) else ".md") not in _PARSED
    }
    blobs = _blobs(root, needed)
    changes: dict[str, list[Change]] = {}
    for touch in touches:
        changes.setdefault(touch.path, [])  # a file git knows, even if no commit really changed it
        change = _change(touch, blobs)
        if change is not None:
            changes[touch.path].append(change)
    return {path: FileHistory(path, tuple(found)) for path, found in sorted(changes.items())}


def file_histories(root: Path, paths: Iterable[str], until: dt.datetime) -> dict[str, FileHistory]:
    """Each of `paths` (relative to `root`) that git knows, with its real changes up to `until`
    (a build dated in the past, SOURCE_DATE_EPOCH, sees the history as it was then); {} without
    git. Asked once per build time, so `mkdocs serve` asks again on each rebuild."""
    wanted = tuple(sorted(set(paths)))
    if not wanted:
        return {}
    return _histories(str(root), wanted, until)
