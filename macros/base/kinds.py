"""Field kinds: the schema of every content file, declared once, in code.

A `Record` lists `Field`s; each field has a `Kind` that turns a YAML `Node` into a typed
Python value or records a problem that names file, line and field path (and returns
`INVALID`). The same declarations give the JSON Schema (`json_schema`) and the contributor
field reference, so prose, editor completion and validation cannot drift apart.

Lenient input is normalised here and only here: a single value where a list is expected
becomes a one-item list. Dates are in `dates.py`, links in `links.py`, Markdown text in
`markup.py`; each is a kind like the ones here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, NamedTuple, TypeVar

from .context import INVALID, Ctx, Invalid, show
from .problems import Reference, count_noun, did_you_mean, one_of
from .text import check_characters
from .yamlio import Mapping, Node, Scalar, Sequence

T = TypeVar("T")


def kind_name(node: Node) -> str:
    """What a node is, for "maar vond …" messages: a group of fields, a list, or the text."""
    if isinstance(node, Mapping):
        return "een groep velden"
    if isinstance(node, Sequence):
        return "een lijst"
    return f"de tekst {show(node.text)}"


class Kind(Generic[T]):
    """Turns a node into a value of type T (or INVALID); subclasses describe themselves for schema and docs.

    Most kinds take a scalar: they set `expected` (for "verwacht …" messages) and implement
    `parse_scalar`, which gets the scalar and its stripped text."""

    doc: str = ""
    expected = "een waarde"

    def parse(self, node: Node, path: str, ctx: Ctx) -> T | Invalid:
        """The node's value, or INVALID with the problem recorded."""
        scalar = self._scalar(node, path, ctx, lambda: self.expected)
        if scalar is None:
            return INVALID
        return self.parse_scalar(scalar, scalar.text.strip(), path, ctx)

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> T | Invalid:
        """The value of a scalar node (text already stripped), or INVALID."""
        raise NotImplementedError

    def json(self) -> dict[str, Any]:
        """The JSON Schema of this kind."""
        raise NotImplementedError

    def _scalar(self, node: Node, path: str, ctx: Ctx, expected: str | Callable[[], str]) -> Scalar | None:
        """The node if it is a scalar; else a problem. `expected` may be a function (built on error only)."""
        if isinstance(node, Scalar):
            return node
        wanted = expected() if callable(expected) else expected
        ctx.error(node.line, path, f"verwacht {wanted}, maar vond {kind_name(node)}")
        return None


@dataclass
class Text(Kind[str]):
    """Free text on one line (or several with `multiline`)."""

    max_length: int = 300
    multiline: bool = False
    doc: str = "tekst"
    expected = "tekst"

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> str | Invalid:
        if not self.multiline and "\n" in text:
            return ctx.error(scalar.line, path, "verwacht tekst op één regel; haal de regeleinden weg")
        if len(text) > self.max_length:
            return ctx.error(
                scalar.line, path, f"tekst is {len(text)} tekens, maximaal {self.max_length}; maak hem korter"
            )
        if not check_characters(text, scalar.line, path, ctx):
            return INVALID
        return unicodedata.normalize("NFC", text)

    def json(self) -> dict[str, Any]:
        # The loader keeps any scalar as the text written, so `volume: 41` is fine too.
        return {"type": ["string", "number", "boolean"], "maxLength": self.max_length}


SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass
class Slug(Kind[str]):
    """An id: lower-case letters, digits and hyphens (ASCII only, so no look-alikes)."""

    doc: str = "id (kleine letters, cijfers en streepjes)"
    expected = "een id"

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> str | Invalid:
        return check_slug(text, scalar.line, path, ctx)

    def json(self) -> dict[str, Any]:
        return {"type": "string", "pattern": SLUG.pattern}


def check_slug(text: str, line: int, path: str, ctx: Ctx) -> str | Invalid:
    """Validate an id, naming the offending character for look-alikes and invisible ones."""
    if SLUG.match(text):
        return text
    if not check_characters(text, line, path, ctx):
        return INVALID
    odd = next((c for c in text if not (c.isascii() and (c.islower() or c.isdigit() or c == "-"))), None)
    if odd is not None and not odd.isascii():
        return ctx.error(
            line,
            path,
            f"id {show(text)} bevat het niet-ASCII-teken {odd!r} "
            f"(U+{ord(odd):04X}, {unicodedata.name(odd, 'onbekend')}); "
            "gebruik alleen a-z, 0-9 en '-'",
        )
    return ctx.error(
        line,
        path,
        f"id {show(text)} is ongeldig; gebruik kleine letters a-z, cijfers "
        "en losse streepjes, zoals 'schouwen-duiveland'",
    )


@dataclass
class Integer(Kind[int]):
    """A whole number within `minimum`–`maximum`, written plainly (no quotes, no leading zeros)."""

    minimum: int = 0
    maximum: int = 1_000_000
    doc: str = "geheel getal"
    expected = "een geheel getal"

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> int | Invalid:
        if not scalar.plain or not re.fullmatch(r"-?(0|[1-9][0-9]*)", text):
            return ctx.error(
                scalar.line,
                path,
                f"verwacht een geheel getal zoals 12, maar vond {show(text)}; "
                "schrijf alleen cijfers, zonder aanhalingstekens of voorloopnullen",
            )
        value = int(text)
        if not self.minimum <= value <= self.maximum:
            return ctx.error(scalar.line, path, f"getal {value} valt buiten {self.minimum}–{self.maximum}")
        return value

    def json(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


@dataclass
class Boolean(Kind[bool]):
    """Exactly `true` or `false` (YAML 1.1's yes/no/on/off are refused, not guessed)."""

    doc: str = "true of false"
    expected = "true of false"

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> bool | Invalid:
        if scalar.plain and scalar.text in ("true", "false"):
            return scalar.text == "true"
        return ctx.error(
            scalar.line,
            path,
            f"verwacht true of false, maar vond {show(scalar.text)}; "
            "schrijf precies true of false (niet ja/nee, yes/no of on/off)",
        )

    def json(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass
class Number(Kind[float]):
    """A decimal number such as a coordinate (53.2012)."""

    minimum: float = -1e9
    maximum: float = 1e9
    doc: str = "getal"
    expected = "een getal"

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> float | Invalid:
        if not scalar.plain or not re.fullmatch(r"-?\d+(\.\d+)?", text):
            return ctx.error(
                scalar.line,
                path,
                f"verwacht een getal met een punt als decimaalteken, zoals 52.0116, maar vond {show(text)}",
            )
        value = float(text)
        if not self.minimum <= value <= self.maximum:
            return ctx.error(scalar.line, path, f"getal {text} valt buiten {self.minimum}–{self.maximum}")
        return value

    def json(self) -> dict[str, Any]:
        return {"type": "number", "minimum": self.minimum, "maximum": self.maximum}


@dataclass
class Choice(Kind[str]):
    """One value out of a closed vocabulary (declared as a named constant)."""

    choices: tuple[str, ...] = ()
    doc: str = "keuze"

    @property
    def expected(self) -> str:  # type: ignore[override]
        return f"één van {one_of(self.choices)}"

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> str | Invalid:
        if text in self.choices:
            return text
        return ctx.error(
            scalar.line,
            path,
            f"onbekende waarde {show(text)}{did_you_mean(text, self.choices)}; kies uit {one_of(self.choices)}",
        )

    def json(self) -> dict[str, Any]:
        return {"enum": list(self.choices)}


class Items(tuple[Any, ...]):
    """A parsed list that remembers the line of each item."""

    lines: tuple[int, ...] = ()

    def __new__(cls, values: Iterable[Any], lines: Iterable[int] = ()) -> Items:
        items = super().__new__(cls, values)
        items.lines = tuple(lines)
        return items


@dataclass
class ListOf(Kind[Items]):
    """A list; a single value is accepted as a list of one."""

    item: Kind[Any] = field(default_factory=Text)
    min_items: int = 0
    max_items: int = 200
    unique: bool = True
    doc: str = "lijst"

    def parse(self, node: Node, path: str, ctx: Ctx) -> Items | Invalid:
        nodes = node.items if isinstance(node, Sequence) else [node]
        if isinstance(node, Scalar) and node.is_null:
            nodes = []
        if len(nodes) > self.max_items:
            return ctx.error(
                node.line, path, f"lijst heeft {count_noun(len(nodes), 'item', 'items')}, maximaal {self.max_items}"
            )
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
                ctx.error(
                    item.line,
                    f"{path}[{index}]",
                    f"{show(str(key))} staat al eerder in de lijst (item {seen[key]}); haal de herhaling weg",
                )
                ok = False
                continue
            if key is not None:
                seen[key] = index
            values.append(value)
            lines.append(item.line)
        if ok and len(values) < self.min_items:
            return ctx.error(
                node.line, path, f"lijst moet minstens {count_noun(self.min_items, 'item', 'items')} hebben"
            )
        return Items(values, lines) if ok else INVALID

    def json(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json(), "maxItems": self.max_items}
        if self.min_items:
            schema["minItems"] = self.min_items
        return {"anyOf": [schema, self.item.json()]} if not isinstance(self.item, Record) else schema


@dataclass
class Field:
    """One named field of a record: its kind, whether it is required, its documentation and example.

    `label`: the field's name in a sentence, as a page's change list says it ("gewijzigd: fase");
    without one, the documentation's first clause (`label_of`)."""

    kind: Kind[Any]
    required: bool = False
    doc: str = ""
    example: str = ""
    label: str = ""

    def label_of(self, name: str) -> str:
        """The label, or the doc's first clause with a lower-case start ("Loonniveau" -> "loonniveau";
        "DOI" stays), or the field's own name."""
        if self.label:
            return self.label
        clause = re.split(r"[;:,(?]", self.doc, maxsplit=1)[0].strip()
        if not clause:
            return name
        first = clause.split(" ", 1)[0]
        return clause if first.isupper() else clause[0].lower() + clause[1:]


class RecordValues(NamedTuple):
    """A record's parsed values by field name, and the line each value was written on."""

    values: dict[str, Any]
    lines: dict[str, int]


# A record's cross-field check: (values, their lines, the record's field path, ctx) -> all fine.
RecordCheck = Callable[[dict[str, Any], dict[str, int], str, Ctx], bool]


@dataclass
class Record(Kind[Any]):
    """A mapping with a fixed set of fields; `build` turns the values into a model."""

    fields: dict[str, Field] = field(default_factory=dict)
    build: Callable[..., Any] | None = None
    check: RecordCheck | None = None
    doc: str = "groep velden"

    def parse(self, node: Node, path: str, ctx: Ctx) -> Any:
        parsed = self.parse_values(node, path, ctx)
        if parsed is INVALID:
            return INVALID
        return self.build(**parsed.values) if self.build else parsed.values

    def parse_values(self, node: Node | None, path: str, ctx: Ctx, line: int = 1) -> RecordValues | Invalid:
        """The values and their lines for a mapping node, with every field problem recorded."""
        if node is None or (isinstance(node, Scalar) and node.is_null):
            node = Mapping({}, {}, line)
        if not isinstance(node, Mapping):
            return ctx.error(
                node.line,
                path or "-",
                f"verwacht een groep velden "
                f"{'met: ' + ', '.join(self.fields) if self.fields else '(naam: waarde)'}, "
                f"maar vond {kind_name(node)}",
            )
        values: dict[str, Any] = {}
        lines: dict[str, int] = {}
        ok = True
        prefix = f"{path}." if path else ""
        for key, child in node.items.items():
            spec = self.fields.get(key)
            line_of_key = node.key_lines[key]
            if spec is None:
                ctx.error(
                    line_of_key,
                    f"{prefix}{key}",
                    f"onbekend veld{did_you_mean(key, self.fields)}; toegestaan zijn: {', '.join(self.fields)}",
                )
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
            required = node.items.get(key)
            if required is None:
                ctx.error(
                    node.line,
                    f"{prefix}{key}",
                    f"verplicht veld ontbreekt; voeg '{key}:' toe"
                    + (f" (bijvoorbeeld: {key}: {spec.example})" if spec.example else ""),
                )
            elif isinstance(required, Scalar) and (required.is_null or not required.text.strip()):
                ctx.error(node.key_lines[key], f"{prefix}{key}", "verplicht veld is leeg; vul het in")
            ok = False  # otherwise the value was wrong, and that problem is recorded already
        if ok and self.check is not None and not self.check(values, lines, path, ctx):
            return INVALID
        return RecordValues(values, lines) if ok else INVALID

    def json(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {name: {**spec.kind.json(), "description": spec.doc} for name, spec in self.fields.items()},
            "required": [name for name, spec in self.fields.items() if spec.required],
            "additionalProperties": False,
        }


@dataclass
class Either(Kind[Any]):
    """A short form (a scalar, such as a bare URL) or the full record."""

    short: Kind[Any] = field(default_factory=Text)
    full: Record = field(default_factory=Record)
    wrap: Callable[[Any], Any] = lambda value: value
    doc: str = ""

    def parse(self, node: Node, path: str, ctx: Ctx) -> Any:
        if isinstance(node, Scalar):
            value = self.short.parse(node, path, ctx)
            return INVALID if value is INVALID else self.wrap(value)
        return self.full.parse(node, path, ctx)

    def json(self) -> dict[str, Any]:
        return {"anyOf": [self.short.json(), self.full.json()]}


@dataclass
class Ref(Slug):
    """An id in a registry (`target`); checked once every registry is loaded."""

    target: str = ""
    doc: str = "id"

    def parse(self, node: Node, path: str, ctx: Ctx) -> str | Invalid:
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

    def parse(self, node: Node, path: str, ctx: Ctx) -> int | Invalid:
        value = super().parse(node, path, ctx)
        if value is not INVALID:
            ctx.problems.references.append(Reference("round", str(value), ctx.rel, node.line, path))
        return value


def json_schema(record: Record, title: str, schema_id: str) -> dict[str, Any]:
    """A standalone JSON Schema (draft 2020-12) for one content file type."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": title,
        **record.json(),
    }
