"""The one strict YAML reader for all content.

Steps: read bytes (size cap) -> decode UTF-8 (BOM and CRLF accepted) -> refuse conflict
markers -> walk libyaml's parse events into `Node`s that keep their line -> refuse what
PyYAML would silently accept (duplicate keys, tags, anchors, aliases, several documents,
deep nesting).

Scalars stay text exactly as written: typing happens in `fields`, per the schema, so `NO`,
`0344`, `12:30` and `1.10` never turn into false, 228, 750 or 1.1 behind the author's back.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import NamedTuple, NoReturn

import yaml

from .fsafe import SYMLINK_FILE, NotRegular, not_regular_message, read_regular
from .privacy import scan as scan_privacy
from .privacy import scan_name
from .problems import Problems

try:  # libyaml's parser alone: 5-10x faster than PyYAML's, and the wheels on PyPI ship it.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - only on exotic platforms
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

MAX_BYTES = 256 * 1024
MAX_DEPTH = 12

CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(\s|$)", re.MULTILINE)


# Named tuples: a content tree has a node per value, and tuples are the cheapest to make.
class Scalar(NamedTuple):
    """A scalar as written: `plain` is False for quoted and block scalars."""

    text: str
    line: int
    plain: bool

    @property
    def is_null(self) -> bool:
        return self.plain and self.text in ("", "~", "null", "Null", "NULL")


class Mapping(NamedTuple):
    items: dict[str, Node]
    key_lines: dict[str, int]
    line: int


class Sequence(NamedTuple):
    items: list[Node]
    line: int


Node = Scalar | Mapping | Sequence


class _Stop(Exception):
    """Aborts the walk of one file after a structural problem was recorded."""


def read_text(path: Path, rel: str, problems: Problems) -> str | None:
    """Read a content file as UTF-8 text with `\\n` line ends, or record why it cannot be read."""
    scan_name(rel, problems)  # folder and file names are published too
    try:
        # lstat first: a symlink is refused, and a FIFO, device or socket is never opened (open()
        # on a FIFO blocks forever); read_regular re-checks the opened file (see fsafe.py).
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            problems.add(rel, 1, "-", SYMLINK_FILE)
            return None
        if not stat.S_ISREG(mode):
            problems.add(rel, 1, "-", not_regular_message(mode))
            return None
        data = read_regular(path, MAX_BYTES + 1)
    except NotRegular as exc:
        problems.add(rel, 1, "-", not_regular_message(exc.mode))
        return None
    except OSError as exc:
        problems.add(rel, 1, "-", f"kan het bestand niet lezen ({exc.strerror})")
        return None
    if len(data) > MAX_BYTES:
        size = os.path.getsize(path)
        problems.add(
            rel,
            1,
            "-",
            f"bestand is {size // 1024} KiB, meer dan de grens van {MAX_BYTES // 1024} KiB; splits de inhoud op",
        )
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.add(rel, line, "-", "geen geldige UTF-8-tekst; sla het bestand op als UTF-8")
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "<<<<<<<" in text or "=======" in text or ">>>>>>>" in text or "|||||||" in text:
        for match in CONFLICT_MARKER.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            problems.add(
                rel,
                line,
                "-",
                "git-conflictmarkering gevonden; los het samenvoegconflict op "
                "en verwijder de regels met <<<<<<<, ======= en >>>>>>>",
            )
            return None
    scan_privacy(text, rel, problems)  # recorded, and the file is still read for its other problems
    return text


def parse_yaml(text: str, rel: str, problems: Problems, line_offset: int = 0) -> Node | None:
    """Parse one YAML document into a `Node` tree; None (with problems recorded) if it fails."""
    if "\t" in text:
        for number, line in enumerate(text.split("\n"), start=1):
            if line[: len(line) - len(line.lstrip(" \t"))].count("\t"):
                problems.add(rel, number + line_offset, "-", "tab gebruikt om in te springen; YAML wil spaties")
                return None
    try:
        # The events straight from the parser (no loader around it, no generator between): a third
        # of the time `yaml.parse` took, on the path every content file takes.
        parser = _Parser(text)
        events = list(iter(parser.get_event, None))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        error_line = (mark.line + 1 if mark else 1) + line_offset
        what = exc.problem or exc.context or "onleesbare YAML"
        problems.add(
            rel, error_line, "-", f"ongeldige YAML ({what}); controleer inspringing, dubbele punten en aanhalingstekens"
        )
        return None
    except yaml.YAMLError as exc:
        problems.add(rel, 1 + line_offset, "-", f"ongeldige YAML ({exc})")
        return None
    walker = _Walker(events, rel, problems, line_offset)
    try:
        return walker.document()
    except _Stop:
        return None


class _Walker:
    """Builds `Node`s from a flat event list, refusing YAML features content must not use."""

    def __init__(self, events: list[yaml.Event], rel: str, problems: Problems, offset: int) -> None:
        self.events = events
        self.pos = 0
        self.rel = rel
        self.problems = problems
        self.offset = offset

    def _line(self, event: yaml.Event) -> int:
        mark = event.start_mark  # always set by the parser; None only for events made by hand
        return (mark.line + 1 if mark else 1) + self.offset

    def _fail(self, event: yaml.Event, message: str) -> NoReturn:
        self.problems.add(self.rel, self._line(event), "-", message)
        raise _Stop

    def document(self) -> Node | None:
        # StreamStart, then zero or one document.
        self.pos = 1
        event = self.events[self.pos]
        if isinstance(event, yaml.StreamEndEvent):
            return None
        self.pos += 1  # DocumentStart
        node = self.node(depth=0)
        self.pos += 1  # DocumentEnd
        extra = self.events[self.pos]
        if not isinstance(extra, yaml.StreamEndEvent):
            self._fail(extra, "meer dan één YAML-document (---) in dit bestand; gebruik er één")
        return node

    def node(self, depth: int) -> Node:
        event = self.events[self.pos]
        self.pos += 1
        if isinstance(event, yaml.ScalarEvent):  # by far the most common: checked first, kept short
            if event.anchor is None and (event.tag is None or event.tag == "!"):
                mark = event.start_mark  # inlined `_line`: this is the hot path
                return Scalar(event.value, (mark.line + 1 if mark else 1) + self.offset, event.implicit[0])
        elif isinstance(event, yaml.AliasEvent):
            self._fail(event, f"YAML-alias '*{event.anchor}' is niet toegestaan; schrijf de waarde uit")
        elif not isinstance(event, yaml.CollectionStartEvent):  # pragma: no cover - the parser never sends one
            self._fail(event, "onverwachte YAML-structuur")
        if event.anchor:
            self._fail(event, f"YAML-anker '&{event.anchor}' is niet toegestaan; schrijf de waarde uit")
        if event.tag and event.tag != "!":
            self._fail(event, f"YAML-tag '{event.tag}' is niet toegestaan; laat de tag weg")
        if depth > MAX_DEPTH:
            self._fail(event, f"te diep genest (meer dan {MAX_DEPTH} niveaus); maak de structuur platter")
        line = self._line(event)
        events = self.events
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Node] = []
            while events[self.pos].__class__ is not yaml.SequenceEndEvent:
                items.append(self.node(depth + 1))
            self.pos += 1
            return Sequence(items, line)
        if isinstance(event, yaml.MappingStartEvent):
            values: dict[str, Node] = {}
            key_lines: dict[str, int] = {}
            while events[self.pos].__class__ is not yaml.MappingEndEvent:
                key_event = events[self.pos]
                key = self.node(depth + 1)
                if not isinstance(key, Scalar):
                    self._fail(key_event, "een sleutel moet een eenvoudige naam zijn")
                if key.text in values:
                    self.problems.add(
                        self.rel,
                        key.line,
                        key.text,
                        f"dubbele sleutel; staat ook op regel {key_lines[key.text]}, houd er één over",
                    )
                    self.node(depth + 1)  # the repeated value is read, and ignored
                    continue
                values[key.text] = self.node(depth + 1)
                key_lines[key.text] = key.line
            self.pos += 1
            return Mapping(values, key_lines, line)
        self._fail(event, "onverwachte YAML-structuur")  # pragma: no cover


FRONT_MATTER = re.compile(r"\A---\n(.*?\n)?---[ \t]*(\n|\Z)", re.DOTALL)


def split_front_matter(text: str, rel: str, problems: Problems) -> tuple[Node | None, str, int]:
    """Split a Markdown file into (front matter node, body, body's first line number)."""
    match = FRONT_MATTER.match(text)
    if not match:
        problems.add(
            rel,
            1,
            "-",
            "front matter ontbreekt; begin het bestand met een regel '---', de velden, en weer een regel '---'",
        )
        return None, text, 1
    node = parse_yaml(match.group(1) or "", rel, problems, line_offset=1)
    body_line = text.count("\n", 0, match.end()) + 1
    return node, text[match.end() :], body_line
