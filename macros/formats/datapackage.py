"""The open-data exports: their records, their schemas, and the Frictionless Data Package that lists them.

Each export is declared once, in `EXPORTS`: the model it is written from, which records of the
site, the fields it leaves out and the fields it adds (with their type, documentation and value).
The records (`records`) and their schemas both come from that declaration and from the models'
own field declarations, so a new field in a model is in the data and in the schema of the next
build without anyone editing either: a Markdown field (declared with a Markdown kind, or derived
from a document's Markdown body) is written as the text a reader sees on the page, a list nobody
filled in as null (not known), never [] (none).

The files under data/schemas/ describe the *source files* researchers edit (extra keys, YAML
shapes). A data user downloads something else, described here:

    data/datapackage.json                       Data Package v1: every JSON and CSV file
    data/schemas/export/<name>.schema.json      JSON Schema (Draft 2020-12) of <name>.json
    (inside datapackage.json)                   Table Schema of <name>.csv, and of <name>.json read
                                                as a table (lists and groups as array and object)

A Data Package v1 resource's `schema` is a Table Schema for the tools that read packages, so the
JSON Schema of each JSON file is linked from its resource as `jsonSchema` (and from the page).

The CSV cells are what `opendata.to_csv` writes: lists joined by "; ", groups as text, booleans
as "ja"/"nee"; so lists and groups are strings in the Table Schema.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from ..base import fictional, identity
from ..base.dates import PartialDate, dutch_date
from ..base.declare import Derived
from ..base.kinds import Field
from ..base.markup import MarkdownText, markdown_text
from ..content import paths
from ..content.experiments import Experiment, RoundReport
from ..content.lectures import Lecture
from ..content.publications import Publication
from ..content.registry import Round
from ..content.site import Site

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

PACKAGE = paths.DATA_PACKAGE_FILE  # inside the data folder
EXPORT_SCHEMAS = paths.EXPORT_SCHEMAS
DRAFT = "https://json-schema.org/draft/2020-12/schema"
SKIPPED = ("lines", "path")  # where a record stands in its file: never exported

PARTIAL_DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
DATETIME = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?$"


@dataclasses.dataclass(frozen=True)
class Added:
    """A field the exporter adds to each record: its name, type and documentation, and its value
    (from the site and the model the record is written from)."""

    name: str
    hint: Any
    doc: str
    value: Callable[[Site, Any], Any]


@dataclasses.dataclass(frozen=True)
class Export:
    """One export: the model and the records of the site it is written from, and what the exporter changes."""

    model: type
    title: str  # what one record is, for its JSON Schema
    description: Callable[[Site], str]  # the dataset, on the open-data page and in the package
    items: Callable[[Site], Iterable[Any]]
    dropped: tuple[str, ...] = ()
    added: tuple[Added, ...] = ()


def _rounds_title(site: Site) -> str:
    """The rounds export: their texts are the plan of the project's source, and it says so."""
    if site.project is None:
        return "De rondes van de lerende evaluatie, met de parels per ronde"
    source = site.project.source
    return (
        "De rondes van de lerende evaluatie, met de parels per ronde; summary, reflection en lecture zijn het "
        f"plan volgens de bron: {source.title} ({dutch_date(source.date)}, {source.url})"
    )


def _experiments_title(site: Site) -> str:
    """What the experiments export holds: the profiles on this site, beside the count its source gives."""
    named = site.project.experiments if site.project else None
    count = len(site.experiments)
    beside = f"; de projectbeschrijving noemt er {named}" if named and named != count else ""
    return f"De experimenten met een profiel op deze site ({count}), met hun kerngegevens{beside}"


def _parels(site: Site, round_: Round) -> list[str] | None:
    """Which experiments are a parel in a round: known only from the round's published reports."""
    reports = [(e, report) for e in site.experiments if (report := e.report(round_.number))]
    return [e.slug for e, report in reports if report.parel] if reports else None


# Tests validate every export of both builds against the schemas these give.
EXPORTS: dict[str, Export] = {
    "experimenten": Export(
        Experiment,
        "Experiment",
        _experiments_title,
        lambda site: site.experiments,
        dropped=("reports",),
        added=(
            Added("municipality_name", str, "Naam van de gemeente", lambda site, e: site.municipality_of(e).name),
            Added("cbs_code", str, "CBS-gemeentecode (GMxxxx)", lambda site, e: site.municipality_of(e).cbs_code),
            Added(
                "rounds_published",
                tuple[int, ...],
                "Rondes waarvan een verslag is gepubliceerd",
                lambda site, e: [r.round for r in e.published_reports],
            ),
        ),
    ),
    "rondes": Export(
        Round,
        "Ronde",
        _rounds_title,
        lambda site: site.rounds.values(),
        added=(
            Added(
                "parels",
                tuple[str, ...] | None,
                "Experimenten die in deze ronde parel zijn; null: niet bekend (geen gepubliceerd verslag "
                "van deze ronde)",
                _parels,
            ),
        ),
    ),
    "bevindingen": Export(
        RoundReport,
        "Bevindingen van een experiment in een ronde",
        lambda site: "De gepubliceerde bevindingen per experiment en ronde (als tekst)",
        lambda site: [r for e in site.experiments for r in e.published_reports],
        dropped=("findings_line",),  # a position in the source file, not data
    ),
    "colleges": Export(Lecture, "Openbaar college", lambda site: "De openbare colleges", lambda site: site.lectures),
    "publicaties": Export(Publication, "Publicatie", lambda site: "De publicaties", lambda site: site.publications),
}


def records(name: str, site: Site) -> list[dict[str, Any]]:
    """The records of export `name`, as JSON values in the order of `record_fields`."""
    export = EXPORTS[name]
    out = []
    for item in export.items(site):
        record = _plain_fields(item, export.dropped)
        record.update((added.name, added.value(site, item)) for added in export.added)
        out.append(record)
    return out


def plain(value: Any) -> Any:
    """A model value as JSON: models as objects (see `_plain_fields`), dates as ISO text."""
    if value is None or isinstance(value, (str, int, float)):  # bool is an int: most values end here
        return value
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain_fields(value)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def _plain_fields(model: DataclassInstance, dropped: tuple[str, ...] = ()) -> dict[str, Any]:
    """A model's exported fields as JSON: Markdown as the text a reader sees on the page (neither
    Markdown syntax nor anything the sanitiser removed travels in the data), a list nobody filled in
    as null (not known), never [] (none)."""
    out: dict[str, Any] = {}
    for name, markdown, listed in _exported(type(model)):
        if name in dropped:
            continue
        value = getattr(model, name)
        if markdown and isinstance(value, str):
            out[name] = markdown_text(value)
        elif listed and not value:
            out[name] = None
        else:
            out[name] = plain(value)
    return out


@cache
def _exported(model: type) -> tuple[tuple[str, bool, bool], ...]:
    """(name, holds Markdown, is a list) of each exported field of a model, read once from its declarations."""
    hints = typing.get_type_hints(model, include_extras=True)
    out = []
    for name, hint in _fields(model):
        marks = hints[name].__metadata__ if typing.get_origin(hints[name]) is typing.Annotated else ()
        markdown = any(
            (isinstance(m, Field) and isinstance(m.kind, MarkdownText)) or (isinstance(m, Derived) and m.markdown)
            for m in marks
        )
        out.append((name, markdown, _is_list(hint)))
    return tuple(out)


def markdown_fields(model: type) -> tuple[str, ...]:
    """The exported fields of a model that hold researcher Markdown (written as text)."""
    return tuple(name for name, markdown, _ in _exported(model) if markdown)


def _fields(cls: type) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.name not in SKIPPED]


UNKNOWN_LIST = "null: niet bekend (niet ingevuld); een lege lijst [] betekent: geen"


def _docs(cls: type) -> dict[str, str]:
    """Each field's documentation from its declaration (`Field(doc=…)`), with what null means for a list."""
    docs = {}
    for name, hint in typing.get_type_hints(cls, include_extras=True).items():
        field = next((m for m in getattr(hint, "__metadata__", ()) if isinstance(m, Field)), None)
        doc = field.doc if field is not None else ""
        if _is_list(typing.get_args(hint)[0] if typing.get_origin(hint) is typing.Annotated else hint):
            doc = f"{doc}. {UNKNOWN_LIST}" if doc else UNKNOWN_LIST
        if doc:
            docs[name] = doc
    return docs


def _is_list(hint: Any) -> bool:
    options, _ = _options(hint)
    return len(options) == 1 and typing.get_origin(options[0]) in (tuple, list)


def _options(hint: Any) -> tuple[list[Any], bool]:
    """The alternatives of a type hint, and whether None is one of them."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = list(typing.get_args(hint))
        return [a for a in args if a is not type(None)], type(None) in args
    return [hint], False


def _json(hint: Any) -> dict:
    """The JSON Schema of one value of a model field, as `plain` writes it (a list that was
    not filled in is null: not known, unlike [] for none)."""
    options, nullable = _options(hint)
    nullable = nullable or _is_list(hint)
    schemas = [_json_one(option) for option in options]
    if nullable:
        schemas.append({"type": "null"})
    return schemas[0] if len(schemas) == 1 else {"anyOf": schemas}


def _json_one(hint: Any) -> dict:
    origin = typing.get_origin(hint)
    if origin in (tuple, list):
        return {"type": "array", "items": _json(typing.get_args(hint)[0])}
    if origin is dict or hint is dict:
        return {"type": "object"}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer"}
    if hint is float:
        return {"type": "number"}
    if hint is str or (isinstance(hint, type) and issubclass(hint, str)):  # text, or a vocabulary (StrEnum)
        return {"type": "string"}
    if hint is PartialDate:
        return {"type": "string", "pattern": PARTIAL_DATE, "description": "jaar, jaar-maand of datum (ISO 8601)"}
    if hint is dt.datetime:
        return {"type": "string", "format": "date-time", "pattern": DATETIME}
    if hint is dt.date:
        return {"type": "string", "format": "date", "pattern": DATE}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):  # a model class, never an instance
        return _object(_fields(hint))
    raise TypeError(f"no JSON Schema for {hint!r}")  # a new kind of model value: add it here


def _object(fields: list[tuple[str, Any]], descriptions: dict[str, str] | None = None) -> dict:
    properties = {}
    for name, hint in fields:
        properties[name] = _json(hint)
        if descriptions and name in descriptions:
            properties[name] = {"description": descriptions[name], **properties[name]}
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name, _ in fields],
        "additionalProperties": False,
    }


def record_fields(name: str, demo: bool) -> list[tuple[str, Any, str]]:
    """(field, type, description) of one export's records, in the order the exporter writes them."""
    export = EXPORTS[name]
    docs = _docs(export.model)
    out = [(field, hint, docs.get(field, "")) for field, hint in _fields(export.model) if field not in export.dropped]
    out += [(added.name, added.hint, added.doc) for added in export.added]
    if demo:
        out.insert(0, (fictional.FIELD, bool, "Altijd true: dit item is verzonnen voor de voorbeeldsite"))
    return out


def columns(name: str, demo: bool) -> list[str]:
    """The CSV columns of one export (the header, also when there are no records)."""
    return [field for field, _, _ in record_fields(name, demo)]


def json_schema(name: str, demo: bool, schema_id: str) -> dict:
    """The JSON Schema (Draft 2020-12) of <name>.json: an array of records."""
    fields = record_fields(name, demo)
    item = _object([(f, h) for f, h, _ in fields], {f: d for f, _, d in fields if d})
    if demo:
        item["properties"][fictional.FIELD]["const"] = True
    return {
        "$schema": DRAFT,
        "$id": schema_id,
        "title": f"{name}.json",
        "description": f"Een lijst van records: {EXPORTS[name].title.lower()}. "
        "Dit is het schema van het exportbestand, niet van de bronbestanden.",
        "type": "array",
        "items": item,
    }


def _table_field(name: str, hint: Any, description: str, json: bool = False) -> dict:
    options, nullable = _options(hint)
    field: dict[str, Any] = {"name": name}
    if len(options) != 1:
        field["type"] = "string"  # e.g. a lecture's start: a date-time, or a date not yet exact
    else:
        hint = options[0]
        if json and typing.get_origin(hint) in (tuple, list):
            field["type"] = "array"
        elif (
            json
            and hint is not PartialDate
            and (dataclasses.is_dataclass(hint) or hint is dict or typing.get_origin(hint) is dict)
        ):
            field["type"] = "object"
        elif hint is bool:
            field.update(type="boolean") if json else field.update(
                type="boolean", trueValues=["ja"], falseValues=["nee"]
            )
        elif hint is int:
            field["type"] = "integer"
        elif hint is float:
            field["type"] = "number"
        elif hint is dt.datetime:
            field.update(type="datetime", format="any")
        elif hint is dt.date:
            field["type"] = "date"
        else:  # text, partial dates, lists joined by "; " and groups as "key: value, …"
            field["type"] = "string"
            if typing.get_origin(hint) in (tuple, list):
                description = (description + "; " if description else "") + 'lijst, gescheiden door "; "'
    if description:
        field["description"] = description
    if not nullable and field["type"] in ("boolean", "integer", "number", "date", "datetime"):
        field["constraints"] = {"required": True}
    return field


def table_schema(name: str, demo: bool, json: bool = False) -> dict:
    """The Table Schema of <name>.csv, or (json=True) of the records of <name>.json read as a table:
    the full shape of the JSON is in its JSON Schema (`jsonSchema` of the resource)."""
    return {"fields": [_table_field(*f, json=json) for f in record_fields(name, demo)], "missingValues": [""]}


def license_entry(url: str) -> dict:
    """A Data Package licence: a Creative Commons URL gets its SPDX name and its usual title."""
    match = re.fullmatch(
        r"https?://creativecommons\.org/(licenses/([a-z-]+)/(\d\.\d)|publicdomain/zero/1\.0)/(deed\.\w+)?", url
    )
    if not match:
        return {"path": url, "title": url}
    if match.group(2) is None:
        return {"name": "CC0-1.0", "path": url, "title": "CC0 1.0"}
    code, version = match.group(2).upper(), match.group(3)
    return {"name": f"CC-{code}-{version}", "path": url, "title": f"CC {code} {version}"}


def package(
    sets: dict,
    demo: bool,
    *,
    title: str,
    description: str,
    license_url: str | None,
    license_confirmed: bool,
    homepage: str,
    version: str,
    created: str,
) -> dict:
    """The Data Package descriptor (v1). Licences only when the site owner confirmed them."""
    resources = []
    for name, (text, _records) in sets.items():
        resources.append(
            {
                "name": f"{name}-json",
                "path": f"{name}.json",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "title": text,
                "profile": "tabular-data-resource",
                "schema": table_schema(name, demo, json=True),
                "jsonSchema": f"{EXPORT_SCHEMAS}/{paths.schema_file(name)}",
            }
        )
        resources.append(
            {
                "name": f"{name}-csv",
                "path": f"{name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": text,
                "profile": "tabular-data-resource",
                "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True},
                "schema": table_schema(name, demo),
            }
        )
    if not license_confirmed:
        description += " De licentie voor hergebruik is nog niet vastgesteld; daarom noemt dit pakket er nog geen."
    out = {
        "profile": "data-package",
        "name": (identity.DEMO_ID if demo else identity.ID),
        "title": title,
        "description": description,
        "homepage": homepage,
        "version": version,
        "created": created,
        "resources": resources,
    }
    if license_confirmed and license_url:
        out["licenses"] = [license_entry(license_url)]
    return out
