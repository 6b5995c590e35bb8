"""Field types: the schema of every content file, declared once, in code.

A `Record` lists `Field`s; each field has a `Kind` that turns a YAML `Node` into a typed
Python value or records a problem that names file, line and field path. The same
declarations give the JSON Schema (`json_schema`) and the contributor field reference, so
prose, editor completion and validation cannot drift apart.

Lenient input is normalised here and only here: a single value where a list is expected
becomes a one-item list; a URL or date is checked and returned in one canonical form.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from pathlib import Path

from .fsafe import sibling_problem
from .privacy import scan_name
from .problems import Problems, Reference, count_noun, did_you_mean, one_of
from .yamlio import Mapping, Node, Scalar, Sequence, parse_yaml, read_text, split_front_matter

INVALID: Any = object()
"""Returned by a kind when the node was wrong; the problem is already recorded."""


@dataclass
class Ctx:
    """Where we are: the file (relative to the repository root) and the problem collector."""

    rel: str
    problems: Problems

    def error(self, line: int, path: str, message: str) -> Any:
        self.problems.add(self.rel, line, path, message)
        return INVALID


def _show(text: str, limit: int = 40) -> str:
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(text)


def _kind_name(node: Node) -> str:
    if isinstance(node, Mapping):
        return "een groep velden"
    if isinstance(node, Sequence):
        return "een lijst"
    return f"de tekst {_show(node.text)}"


# Characters that never belong in content: they hide text or reorder it on screen.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_characters(text: str, line: int, path: str, ctx: Ctx) -> bool:
    """Refuse invisible, bidi and control characters; True when the text is clean."""
    for pattern, what in ((INVISIBLE, "een onzichtbaar of richting-wisselend teken"),
                          (CONTROL, "een stuurteken")):
        match = pattern.search(text)
        if match:
            code = f"U+{ord(match.group()):04X}"
            ctx.error(line + text.count("\n", 0, match.start()), path,
                      f"bevat {what} ({code}); verwijder het (typ de tekst opnieuw)")
            return False
    return True


class Kind:
    """Turns a node into a value; subclasses describe themselves for schema and docs.

    Most kinds take a scalar: they set `expected` (for "verwacht …" messages) and implement
    `parse_scalar`, which gets the scalar and its stripped text."""

    doc: str = ""
    expected = "een waarde"

    def parse(self, node: Node, path: str, ctx: Ctx) -> Any:
        scalar = self._scalar(node, path, ctx, lambda: self.expected)
        if scalar is None:
            return INVALID
        return self.parse_scalar(scalar, scalar.text.strip(), path, ctx)

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> Any:
        raise NotImplementedError

    def json(self) -> dict:
        raise NotImplementedError

    def _scalar(self, node: Node, path: str, ctx: Ctx, expected: str | Callable[[], str]) -> Scalar | None:
        """The node if it is a scalar; else a problem. `expected` may be a function (built on error only)."""
        if isinstance(node, Scalar):
            return node
        wanted = expected() if callable(expected) else expected
        ctx.error(node.line, path, f"verwacht {wanted}, maar vond {_kind_name(node)}")
        return None


@dataclass
class Text(Kind):
    """Free text on one line (or several with `multiline`)."""

    max_length: int = 300
    multiline: bool = False
    doc: str = "tekst"
    expected = "tekst"

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> Any:
        if not self.multiline and "\n" in text:
            return ctx.error(scalar.line, path, "verwacht tekst op één regel; haal de regeleinden weg")
        if len(text) > self.max_length:
            return ctx.error(scalar.line, path, f"tekst is {len(text)} tekens, maximaal {self.max_length}; "
                             "maak hem korter")
        if not check_characters(text, scalar.line, path, ctx):
            return INVALID
        return unicodedata.normalize("NFC", text)

    def json(self) -> dict:
        # The loader keeps any scalar as the text written, so `volume: 41` is fine too.
        return {"type": ["string", "number", "boolean"], "maxLength": self.max_length}


@dataclass
class MarkdownText(Text):
    """Markdown text (no raw HTML, safe links); checked by `markup.validate_markdown`."""

    max_length: int = 20_000
    multiline: bool = True
    doc: str = "Markdown-tekst"

    def parse(self, node: Node, path: str, ctx: Ctx) -> Any:
        text = super().parse(node, path, ctx)
        if text is INVALID:
            return INVALID
        # A block scalar (`|`) starts on the line after its indicator.
        first = node.line + (0 if isinstance(node, Scalar) and node.plain else 1)
        return text if self.check(text, first, path, ctx) else INVALID

    def check(self, text: str, first_line: int, path: str, ctx: Ctx) -> bool:
        """Validate Markdown that did not come from a YAML node (a file's body)."""
        from .markup import validate_markdown  # markup imports fields; avoid a cycle

        if len(text) > self.max_length:
            ctx.error(first_line, path, f"tekst is {len(text)} tekens, maximaal {self.max_length}; "
                      "splits hem op")
            return False
        return check_characters(text, first_line, path, ctx) and validate_markdown(text, first_line, path, ctx)


SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass
class Slug(Kind):
    """An id: lower-case letters, digits and hyphens (ASCII only, so no look-alikes)."""

    doc: str = "id (kleine letters, cijfers en streepjes)"
    expected = "een id"

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> Any:
        return check_slug(text, scalar.line, path, ctx)

    def json(self) -> dict:
        return {"type": "string", "pattern": SLUG.pattern}


def check_slug(text: str, line: int, path: str, ctx: Ctx) -> Any:
    """Validate an id, naming the offending character for look-alikes and invisible ones."""
    if SLUG.match(text):
        return text
    if not check_characters(text, line, path, ctx):
        return INVALID
    odd = next((c for c in text if not (c.isascii() and (c.islower() or c.isdigit() or c == "-"))), None)
    if odd is not None and not odd.isascii():
        return ctx.error(line, path, f"id {_show(text)} bevat het niet-ASCII-teken {odd!r} "
                         f"(U+{ord(odd):04X}, {unicodedata.name(odd, 'onbekend')}); "
                         "gebruik alleen a-z, 0-9 en '-'")
    return ctx.error(line, path, f"id {_show(text)} is ongeldig; gebruik kleine letters a-z, cijfers "
                     "en losse streepjes, zoals 'schouwen-duiveland'")


@dataclass
class Integer(Kind):
    minimum: int = 0
    maximum: int = 1_000_000
    doc: str = "geheel getal"
    expected = "een geheel getal"

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> Any:
        if not scalar.plain or not re.fullmatch(r"-?(0|[1-9][0-9]*)", text):
            return ctx.error(scalar.line, path, f"verwacht een geheel getal zoals 12, maar vond {_show(text)}; "
                             "schrijf alleen cijfers, zonder aanhalingstekens of voorloopnullen")
        value = int(text)
        if not self.minimum <= value <= self.maximum:
            return ctx.error(scalar.line, path, f"getal {value} valt buiten {self.minimum}–{self.maximum}")
        return value

    def json(self) -> dict:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


@dataclass
class Boolean(Kind):
    doc: str = "true of false"
    expected = "true of false"

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> Any:
        if scalar.plain and scalar.text in ("true", "false"):
            return scalar.text == "true"
        return ctx.error(scalar.line, path, f"verwacht true of false, maar vond {_show(scalar.text)}; "
                         "schrijf precies true of false (niet ja/nee, yes/no of on/off)")

    def json(self) -> dict:
        return {"type": "boolean"}


ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass
class Date(Kind):
    doc: str = "datum (JJJJ-MM-DD)"
    expected = "een datum"

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> Any:
        return parse_date(text, scalar.line, path, ctx)

    def json(self) -> dict:
        return {"type": "string", "format": "date"}


def parse_date(text: str, line: int, path: str, ctx: Ctx) -> Any:
    if not ISO_DATE.match(text):
        return ctx.error(line, path, f"verwacht een datum als 2022-03-01 (jaar-maand-dag), maar vond {_show(text)}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return ctx.error(line, path, f"{text} is geen bestaande datum; controleer dag en maand")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A year, a year and month, or a full date, as researchers know them."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p is not None]
        return "-".join(parts)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def dutch(self) -> str:
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTHS_NL[self.month - 1]} {self.year}"
        return f"{self.day} {MONTHS_NL[self.month - 1]} {self.year}"


MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december")


def dutch_date(value: dt.date) -> str:
    """1 maart 2022."""
    return f"{value.day} {MONTHS_NL[value.month - 1]} {value.year}"


@dataclass
class PartialDateKind(Kind):
    doc: str = "jaar (2023), maand (2023-05) of datum (2023-05-17)"
    expected = "een jaar, maand of datum"

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> Any:
        if re.fullmatch(r"\d{4}", text):
            return PartialDate(int(text))
        match = re.fullmatch(r"(\d{4})-(\d{2})", text)
        if match:
            month = int(match.group(2))
            if not 1 <= month <= 12:
                return ctx.error(scalar.line, path, f"maand {month} bestaat niet; gebruik 01 tot en met 12")
            return PartialDate(int(match.group(1)), month)
        if ISO_DATE.match(text):
            value = parse_date(text, scalar.line, path, ctx)
            return value if value is INVALID else PartialDate(value.year, value.month, value.day)
        return ctx.error(scalar.line, path, f"verwacht een jaar (2023), maand (2023-05) of datum "
                             f"(2023-05-17), maar vond {_show(text)}")

    def json(self) -> dict:
        return {"anyOf": [{"type": "integer", "minimum": 1000, "maximum": 9999},
                          {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}]}


SAFE_SCHEMES = ("http", "https", "mailto")
UNSAFE_URL_CHARS = re.compile(r"[\s\x00-\x1f\x7f]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def url_problem(url: str, *, allow_relative: bool = True) -> str | None:
    """Why a link target is unsafe or malformed, or None when it may be published."""
    if UNSAFE_URL_CHARS.search(url):
        return "link bevat spaties of stuurtekens; haal ze weg (of schrijf %20)"
    if INVISIBLE.search(url):
        return "link bevat een onzichtbaar teken; typ hem opnieuw"
    # A browser reads a backslash as a slash in web addresses (WHATWG URL), so `/\\host` and
    # `\\/host` leave the site just like `//host`.
    if url.replace("\\", "/").startswith("//"):
        return "link zonder schema ('//host'); begin met https://"
    match = _SCHEME.match(url)
    if match:
        scheme = match.group(1).lower()
        if scheme not in SAFE_SCHEMES:
            return f"schema '{scheme}:' is niet toegestaan; gebruik https://, http:// of mailto:"
        if scheme in ("http", "https") and not re.match(r"^https?://[^/?#\s]+\.[^/?#\s]+", url, re.I):
            return "link mist een geldige domeinnaam, zoals https://www.example.nl/"
        return None
    if not allow_relative:
        return "verwacht een volledige link die begint met https://"
    if ":" in url.split("/")[0]:
        return "onbekend schema; gebruik https://, http:// of mailto:"
    return None


@dataclass
class Url(Kind):
    allow_relative: bool = False
    doc: str = "link (https://…)"
    expected = "een link"

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> Any:
        problem = url_problem(text, allow_relative=self.allow_relative)
        if problem:
            return ctx.error(scalar.line, path, f"{problem} (gevonden: {_show(text, 60)})")
        return text

    def json(self) -> dict:
        if self.allow_relative:
            return {"type": "string"}
        return {"type": "string", "pattern": "^(https?://|mailto:)"}


@dataclass
class Choice(Kind):
    """One value out of a closed vocabulary (declared as a named constant)."""

    choices: tuple[str, ...] = ()
    doc: str = "keuze"

    @property
    def expected(self) -> str:  # type: ignore[override]
        return f"één van {one_of(self.choices)}"

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> Any:
        if text in self.choices:
            return text
        return ctx.error(scalar.line, path, f"onbekende waarde {_show(text)}{did_you_mean(text, self.choices)}; "
                         f"kies uit {one_of(self.choices)}")

    def json(self) -> dict:
        return {"enum": list(self.choices)}


class Items(tuple):
    """A parsed list that remembers the line of each item."""

    lines: tuple[int, ...] = ()

    def __new__(cls, values: Iterable[Any], lines: Iterable[int] = ()) -> "Items":
        items = super().__new__(cls, values)
        items.lines = tuple(lines)
        return items


@dataclass
class ListOf(Kind):
    """A list; a single value is accepted as a list of one."""

    item: Kind = field(default_factory=Text)
    min_items: int = 0
    max_items: int = 200
    unique: bool = True
    doc: str = "lijst"

    def parse(self, node: Node, path: str, ctx: Ctx) -> Any:
        nodes = node.items if isinstance(node, Sequence) else [node]
        if isinstance(node, Scalar) and node.is_null:
            nodes = []
        if len(nodes) > self.max_items:
            return ctx.error(node.line, path, f"lijst heeft {count_noun(len(nodes), 'item', 'items')}, maximaal {self.max_items}")
        values = []
        lines = []
        seen: dict[Any, int] = {}
        ok = True
        for index, item in enumerate(nodes):
            value = self.item.parse(item, f"{path}[{index}]", ctx)
            if value is INVALID:
                ok = False
                continue
            key = value if isinstance(value, (str, int)) else None
            if self.unique and key is not None and key in seen:
                ctx.error(item.line, f"{path}[{index}]", f"{_show(str(key))} staat al eerder in de lijst "
                          f"(item {seen[key]}); haal de herhaling weg")
                ok = False
                continue
            if key is not None:
                seen[key] = index
            values.append(value)
            lines.append(item.line)
        if ok and len(values) < self.min_items:
            return ctx.error(node.line, path, f"lijst moet minstens {count_noun(self.min_items, 'item', 'items')} hebben")
        return Items(values, lines) if ok else INVALID

    def json(self) -> dict:
        schema = {"type": "array", "items": self.item.json(), "maxItems": self.max_items}
        if self.min_items:
            schema["minItems"] = self.min_items
        return {"anyOf": [schema, self.item.json()]} if not isinstance(self.item, Record) else schema


@dataclass
class Field:
    kind: Kind
    required: bool = False
    doc: str = ""
    example: str = ""


@dataclass
class Record(Kind):
    """A mapping with a fixed set of fields; `build` turns the values into a model."""

    fields: dict[str, Field] = field(default_factory=dict)
    build: Callable[..., Any] | None = None
    check: Callable[[dict, dict, str, Ctx], bool] | None = None
    doc: str = "groep velden"

    def parse(self, node: Node, path: str, ctx: Ctx) -> Any:
        values = self.parse_values(node, path, ctx)
        if values is INVALID:
            return INVALID
        return self.build(**values[0]) if self.build else values[0]

    def parse_values(self, node: Node | None, path: str, ctx: Ctx, line: int = 1) -> Any:
        """(values, lines) for a mapping node, with every field problem recorded."""
        if node is None or (isinstance(node, Scalar) and node.is_null):
            node = Mapping({}, {}, line)
        if not isinstance(node, Mapping):
            return ctx.error(node.line, path or "-", f"verwacht een groep velden "
                             f"{'met: ' + ', '.join(self.fields) if self.fields else '(naam: waarde)'}, "
                             f"maar vond {_kind_name(node)}")
        values: dict[str, Any] = {}
        lines: dict[str, int] = {}
        ok = True
        prefix = f"{path}." if path else ""
        for key, child in node.items.items():
            spec = self.fields.get(key)
            line_of_key = node.key_lines[key]
            if spec is None:
                ctx.error(line_of_key, f"{prefix}{key}", f"onbekend veld{did_you_mean(key, self.fields)}; "
                          f"toegestaan zijn: {', '.join(self.fields)}")
                ok = False
                continue
            if isinstance(child, Scalar) and (child.is_null or not child.text.strip()):
                continue  # an empty field is the same as a missing one
            value = spec.kind.parse(child, f"{prefix}{key}", ctx)
            if value is INVALID:
                ok = False
                continue
            if value == "":
                continue
            values[key] = value
            lines[key] = child.line if not isinstance(child, Mapping) else line_of_key
        for key, spec in self.fields.items():
            if not spec.required or key in values:
                continue
            child = node.items.get(key)
            if child is None:
                ctx.error(node.line, f"{prefix}{key}", f"verplicht veld ontbreekt; voeg '{key}:' toe"
                          + (f" (bijvoorbeeld: {key}: {spec.example})" if spec.example else ""))
            elif isinstance(child, Scalar) and (child.is_null or not child.text.strip()):
                ctx.error(node.key_lines[key], f"{prefix}{key}", "verplicht veld is leeg; vul het in")
            ok = False  # otherwise the value was wrong, and that problem is recorded already
        if ok and self.check is not None and not self.check(values, lines, path, ctx):
            return INVALID
        return (values, lines) if ok else INVALID

    def json(self) -> dict:
        return {
            "type": "object",
            "properties": {name: {**spec.kind.json(), "description": spec.doc}
                           for name, spec in self.fields.items()},
            "required": [name for name, spec in self.fields.items() if spec.required],
            "additionalProperties": False,
        }


def check_period(values: dict, lines: dict, path: str, ctx: Ctx) -> bool:
    """A record check: `end` before `start` is an error (dates or partial dates)."""
    start, end = values.get("start"), values.get("end")
    if start is None or end is None:
        return True
    first = lambda v: v.first_day if isinstance(v, PartialDate) else v  # noqa: E731
    if first(end) >= first(start):
        return True
    ctx.error(lines["end"], f"{path}.end" if path else "end",
              f"einde {end} ligt voor begin {start}; verbeter een van beide")
    return False


@dataclass
class Ref(Slug):
    """An id in a registry (`target`); checked once every registry is loaded."""

    target: str = ""
    doc: str = "id"

    def parse(self, node: Node, path: str, ctx: Ctx) -> Any:
        value = super().parse(node, path, ctx)
        if value is not INVALID:
            ctx.problems.references.append(Reference(self.target, value, ctx.rel, node.line, path))
        return value


@dataclass
class RoundRef(Integer):
    """The number of a research round (checked against experiments/rondes.yml once loaded)."""

    minimum: int = 0
    maximum: int = 9
    doc: str = "nummer van een ronde"

    def parse(self, node: Node, path: str, ctx: Ctx) -> Any:
        value = super().parse(node, path, ctx)
        if value is not INVALID:
            ctx.problems.references.append(Reference("round", str(value), ctx.rel, node.line, path))
        return value


def json_schema(record: Record, title: str, schema_id: str) -> dict:
    """A standalone JSON Schema (draft 2020-12) for one content file type."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_id,
            "title": title, **record.json()}


def field_names(record: Record) -> Iterable[str]:
    return record.fields.keys()


@dataclass
class Number(Kind):
    """A decimal number such as a coordinate (53.2012)."""

    minimum: float = -1e9
    maximum: float = 1e9
    doc: str = "getal"
    expected = "een getal"

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> Any:
        if not scalar.plain or not re.fullmatch(r"-?\d+(\.\d+)?", text):
            return ctx.error(scalar.line, path, f"verwacht een getal met een punt als decimaalteken, "
                             f"zoals 52.0116, maar vond {_show(text)}")
        value = float(text)
        if not self.minimum <= value <= self.maximum:
            return ctx.error(scalar.line, path, f"getal {text} valt buiten {self.minimum}–{self.maximum}")
        return value

    def json(self) -> dict:
        return {"type": "number", "minimum": self.minimum, "maximum": self.maximum}


@dataclass
class Either(Kind):
    """A short form (a scalar, such as a bare URL) or the full record."""

    short: Kind = field(default_factory=Text)
    full: Record = field(default_factory=Record)
    wrap: Callable[[Any], Any] = lambda value: value
    doc: str = ""

    def parse(self, node: Node, path: str, ctx: Ctx) -> Any:
        if isinstance(node, Scalar):
            value = self.short.parse(node, path, ctx)
            return INVALID if value is INVALID else self.wrap(value)
        return self.full.parse(node, path, ctx)

    def json(self) -> dict:
        return {"anyOf": [self.short.json(), self.full.json()]}


AMSTERDAM = "Europe/Amsterdam"
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:\d{2}|Europe/Amsterdam)?$")


@dataclass
class DateTime(Kind):
    """A moment with its time zone: 2024-05-16T15:00+02:00 or 2024-05-16 15:00 Europe/Amsterdam."""

    doc: str = "datum en tijd met tijdzone (2024-05-16T15:00+02:00 of 2024-05-16 15:00 Europe/Amsterdam)"
    expected = "een datum en tijd"

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> Any:
        return parse_datetime(text, scalar.line, path, ctx)

    def json(self) -> dict:
        return {"type": "string", "pattern": _DATETIME.pattern}


def parse_datetime(text: str, line: int, path: str, ctx: Ctx) -> Any:
    """An aware datetime in Europe/Amsterdam; a missing or wrong zone is an error."""
    from zoneinfo import ZoneInfo

    match = _DATETIME.match(text)
    if not match:
        return ctx.error(line, path, f"verwacht datum en tijd als 2024-05-16T15:00+02:00 of "
                         f"2024-05-16 15:00 Europe/Amsterdam, maar vond {_show(text)}")
    day, hour, minute, second, zone = match.groups()
    if zone is None:
        return ctx.error(line, path, f"tijd zonder tijdzone ({_show(text)}); schrijf er +01:00/+02:00 "
                         "of Europe/Amsterdam achter")
    date = parse_date(day, line, path, ctx)
    if date is INVALID:
        return INVALID
    if not (int(hour) < 24 and int(minute) < 60 and int(second or 0) < 60):
        return ctx.error(line, path, f"{hour}:{minute} is geen bestaande tijd")
    tz = ZoneInfo(AMSTERDAM)
    local = dt.datetime(date.year, date.month, date.day, int(hour), int(minute), int(second or 0), tzinfo=tz)
    if zone != AMSTERDAM:
        offset = dt.timedelta(0) if zone == "Z" else (
            (1 if zone[0] == "+" else -1) * dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
        if local.utcoffset() != offset:
            expected = local.utcoffset()
            hours = int(expected.total_seconds() // 3600)
            return ctx.error(line, path, f"tijdzone {zone} klopt niet voor Nederland op {date.isoformat()}; "
                             f"daar geldt +{hours:02d}:00 (of schrijf Europe/Amsterdam)")
    return local


def check_sibling_file(record_path: Path, value: str | None, field_name: str, lines: dict, ctx: Ctx,
                       owner: str) -> bool:
    """A file named in a record (not a link) must sit next to it, as a real file."""
    if not value or url_problem(value, allow_relative=False) is None:
        return True  # empty, or a link
    problem = sibling_problem(record_path.parent / value)  # lstat only: a FIFO is never opened
    if problem is None:
        scan_name(posixpath.join(posixpath.dirname(ctx.rel), value), ctx.problems)  # published under its name
        return True
    if problem in ("missing", "symlink"):
        ctx.error(lines[field_name], field_name, f"bestand '{value}' staat niet naast {owner} (of is een "
                  "symbolische link); voeg het toe of verbeter de naam")
    else:
        ctx.error(lines[field_name], field_name, f"bestand '{value}': {problem}")
    return False


def read_yaml_record(root: Path, path: Path, record: Record, problems: Problems) -> Any:
    """A YAML file holding one record: (ctx, values, lines), or None after recording problems."""
    ctx = Ctx(path.relative_to(root).as_posix(), problems)
    text = read_text(path, ctx.rel, problems)
    if text is None:
        return None
    node = parse_yaml(text, ctx.rel, problems)
    if node is None and text.strip():
        return None
    parsed = record.parse_values(node, "", ctx)
    return None if parsed is INVALID else (ctx, *parsed)


def read_document(root: Path, path: Path, record: Record, body: MarkdownText, body_field: str,
                  problems: Problems) -> Any:
    """A Markdown file with front matter: (ctx, values, lines, body, body_line), or None."""
    ctx = Ctx(path.relative_to(root).as_posix(), problems)
    text = read_text(path, ctx.rel, problems)
    if text is None:
        return None
    node, text_body, body_line = split_front_matter(text, ctx.rel, problems)
    if node is None:
        return None
    parsed = record.parse_values(node, "", ctx, line=2)
    first_line = body_line + len(text_body) - len(text_body.lstrip("\n"))
    text_body = text_body.strip()
    body_ok = body.check(text_body, first_line, body_field, ctx)
    if parsed is INVALID or not body_ok:
        return None
    return ctx, parsed[0], parsed[1], text_body, first_line
