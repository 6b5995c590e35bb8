"""Registries that experiments refer to: municipalities, research rounds and research themes.

Each lives in one YAML file under `experiments/` as a mapping from id to record, so that a
duplicate id is a duplicate key (reported with both lines) and a reference names one id.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

from ..base.context import INVALID, Ctx, Invalid
from ..base.dates import PartialDate, PartialDateKind, check_period
from ..base.declare import Derived, record_for, vocabulary
from ..base.kinds import Field, Integer, Number, Record, Text, check_slug
from ..base.links import Url
from ..base.markup import MarkdownText
from ..base.names import full_name
from ..base.problems import Problems
from ..base.yamlio import Mapping, Node, parse_yaml, read_text

T = TypeVar("T")


class Province(StrEnum):
    DRENTHE = "Drenthe"
    FLEVOLAND = "Flevoland"
    FRYSLAN = "Fryslân"
    GELDERLAND = "Gelderland"
    GRONINGEN = "Groningen"
    LIMBURG = "Limburg"
    NORTH_BRABANT = "Noord-Brabant"
    NORTH_HOLLAND = "Noord-Holland"
    OVERIJSSEL = "Overijssel"
    UTRECHT = "Utrecht"
    ZEELAND = "Zeeland"
    SOUTH_HOLLAND = "Zuid-Holland"


MUNICIPALITIES_FILE = "experiments/gemeenten.yml"
ROUNDS_FILE = "experiments/rondes.yml"
THEMES_FILE = "experiments/themas.yml"


@dataclass(frozen=True)
class Municipality:
    id: Annotated[str, Derived("its key in the registry")]
    name: Annotated[
        str, Field(Text(max_length=80), required=True, doc="Officiële naam van de gemeente", example="Delft")
    ]
    cbs_code: Annotated[str, Field(CbsCode(), required=True, doc="Gemeentecode van het CBS", example="GM0503")]
    province: Annotated[Province, Field(vocabulary(Province), required=True, doc="Provincie", example="Zuid-Holland")]
    lat: Annotated[
        float | None, Field(Number(50.7, 53.6), doc="Breedtegraad van het gemeentehuis (WGS84), voor de kaart")
    ] = None
    lon: Annotated[
        float | None, Field(Number(3.3, 7.3), doc="Lengtegraad van het gemeentehuis (WGS84), voor de kaart")
    ] = None
    source: Annotated[str | None, Field(Url(), doc="Bron van naam en code")] = None


@dataclass(frozen=True)
class Round:
    number: Annotated[int, Derived("its key in the registry")]
    title: Annotated[
        str, Field(Text(max_length=120), required=True, doc="Naam van de ronde", example="Eerste onderzoeksronde")
    ]
    summary: Annotated[str | None, Field(MarkdownText(), doc="Wat er in deze ronde gebeurt", label="beschrijving")] = (
        None
    )
    start: Annotated[PartialDate | None, Field(PartialDateKind(), doc="Begin van de ronde")] = None
    end: Annotated[PartialDate | None, Field(PartialDateKind(), doc="Einde van de ronde")] = None
    reflection: Annotated[
        str | None, Field(MarkdownText(), doc="De reflectiebijeenkomst van deze ronde", label="reflectiebijeenkomst")
    ] = None
    lecture: Annotated[
        str | None, Field(MarkdownText(), doc="Het openbaar college waarmee de ronde sluit", label="openbaar college")
    ] = None

    @property
    def slug(self) -> str:
        return f"ronde-{self.number}"

    @property
    def label(self) -> str:
        return f"Ronde {self.number}"


@dataclass(frozen=True)
class Theme:
    id: Annotated[str, Derived("its key in the registry")]
    title: Annotated[str, Field(Text(max_length=80), required=True, doc="Korte naam van het thema")]
    question: Annotated[str, Field(Text(max_length=300), required=True, doc="De onderzoeksvraag van het thema")]
    order: Annotated[int, Field(Integer(0, 99), doc="Volgorde in tabellen (laag eerst)")] = 0


class CbsCode(Text):
    """CBS municipality code: GM followed by four digits."""

    doc = "CBS-gemeentecode (GM0503)"

    def parse(self, node: Node, path: str, ctx: Ctx) -> str | Invalid:
        text = super().parse(node, path, ctx)
        if text is INVALID or re.fullmatch(r"GM\d{4}", text):
            return text
        return ctx.error(node.line, path, f"verwacht een CBS-gemeentecode als GM0503, maar vond {text!r}")

    def json(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^GM\d{4}$"}


MUNICIPALITY = record_for(Municipality)
ROUND = record_for(Round, check=check_period)
THEME = record_for(Theme)


def _read_registry(
    root: Path,
    rel: str,
    record: Record,
    key_kind: Callable[[str, int, Ctx], Any],
    build: Callable[..., T],
    problems: Problems,
) -> list[T]:
    ctx = Ctx(rel, problems)
    text = read_text(root / rel, rel, problems)
    if text is None:
        return []
    before = len(problems)  # the collector is shared: only a problem of this parse means "unreadable"
    node = parse_yaml(text, rel, problems)
    if node is None:
        if len(problems) == before:
            problems.add(rel, 1, "-", "bestand is leeg; zet er minstens één item in")
        return []
    if not isinstance(node, Mapping):
        problems.add(rel, node.line, "-", "verwacht per item een id met daaronder de velden")
        return []
    items: list[T] = []
    for key, child in node.items.items():
        key_value = key_kind(key, node.key_lines[key], ctx)
        parsed = record.parse_values(child, str(key), ctx, line=node.key_lines[key])
        if key_value is INVALID or parsed is INVALID:
            continue
        items.append(build(key_value, **parsed.values))
    return items


def _round_number(text: str, line: int, ctx: Ctx) -> int | Invalid:
    if re.fullmatch(r"[0-9]", text):
        return int(text)
    return ctx.error(line, text, "een ronde heet naar haar nummer, 0 tot en met 9")


def load_municipalities(root: Path, problems: Problems) -> dict[str, Municipality]:
    """The municipality registry, by id."""
    items = _read_registry(
        root,
        MUNICIPALITIES_FILE,
        MUNICIPALITY,
        lambda key, line, ctx: check_slug(key, line, key, ctx),
        Municipality,
        problems,
    )
    return {m.id: m for m in items}


def load_rounds(root: Path, problems: Problems) -> dict[int, Round]:
    """The research rounds, by number."""
    items = _read_registry(root, ROUNDS_FILE, ROUND, _round_number, Round, problems)
    return {r.number: r for r in sorted(items, key=lambda r: r.number)}


def load_themes(root: Path, problems: Problems) -> dict[str, Theme]:
    """The research themes, in their display order."""
    items = _read_registry(
        root, THEMES_FILE, THEME, lambda key, line, ctx: check_slug(key, line, key, ctx), Theme, problems
    )
    return {t.id: t for t in sorted(items, key=lambda t: (t.order, t.id))}


PEOPLE_FILE = "experiments/mensen.yml"


def orcid_problem(orcid: str) -> str | None:
    """Why an ORCID iD is malformed (ISO 7064 11,2 check digit), or None."""
    if not re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", orcid):
        return "verwacht een ORCID iD als 0000-0002-1825-0097"
    total = 0
    for char in orcid.replace("-", "")[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    expected = "X" if check == 10 else str(check)
    return None if orcid[-1] == expected else f"controlecijfer klopt niet (verwacht {expected}); kopieer het iD opnieuw"


class Orcid(Text):
    """An ORCID iD, with or without https://orcid.org/; its check digit is verified."""

    doc = "ORCID iD (0000-0002-1825-0097)"

    def parse(self, node: Node, path: str, ctx: Ctx) -> str | Invalid:
        text = super().parse(node, path, ctx)
        if text is INVALID:
            return text
        text = re.sub(r"^https?://orcid\.org/", "", text)
        problem = orcid_problem(text)
        return ctx.error(node.line, path, f"{problem} (gevonden: {text!r})") if problem else text

    def json(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^(https://orcid\.org/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]$"}


@dataclass(frozen=True)
class Person:
    """A project member in a public role: researcher, lector."""

    id: Annotated[str, Derived("its key in the registry")]
    given: Annotated[str, Field(Text(max_length=80), required=True, doc="Voornaam", example="Paul")]
    family: Annotated[
        str, Field(Text(max_length=80), required=True, doc="Achternaam zonder tussenvoegsel", example="Aa")
    ]
    particle: Annotated[str | None, Field(Text(max_length=20), doc="Tussenvoegsel, zoals 'van der'")] = None
    role: Annotated[str | None, Field(Text(max_length=120), doc="Openbare rol, zoals 'lector Inclusieve Arbeid'")] = (
        None
    )
    organisation: Annotated[str | None, Field(Text(max_length=120), doc="Organisatie")] = None
    orcid: Annotated[str | None, Field(Orcid(), doc="ORCID iD")] = None
    url: Annotated[str | None, Field(Url(), doc="Openbare profielpagina")] = None
    source: Annotated[str | None, Field(Url(), doc="Bron voor rol en organisatie")] = None

    @property
    def name(self) -> str:
        return full_name(self)

    @property
    def sort_key(self) -> tuple[str, str, str]:
        return (self.family.casefold(), self.given.casefold(), self.id)


PERSON = record_for(Person)


def load_people(root: Path, problems: Problems) -> dict[str, Person]:
    """The people registry, by id (a missing file means no people yet)."""
    if not (root / PEOPLE_FILE).exists():
        return {}
    items = _read_registry(
        root, PEOPLE_FILE, PERSON, lambda key, line, ctx: check_slug(key, line, key, ctx), Person, problems
    )
    return {p.id: p for p in sorted(items, key=lambda p: p.sort_key)}
