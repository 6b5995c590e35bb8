"""JSON Schemas and commented templates, both generated from the field declarations.

The schemas (`schemas/*.schema.json`) let VS Code's YAML extension check and complete fields
while typing (see .vscode/settings.json); a test fails when they drift from the code. The
templates are what `python -m macros new …` writes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..base import identity
from ..base.fsafe import check_write_path, write_file
from ..base.kinds import SLUG, Record, json_schema
from ..base.problems import one_of
from ..content.experiments import EXPERIMENT, ROUND_REPORT
from ..content.lectures import LECTURE
from ..content.publications import PUBLICATION
from ..content.registry import MUNICIPALITY, PERSON, ROUND, THEME

SCHEMA_DIR = "schemas"
BASE_ID = f"https://{identity.ID}.example.org/schemas/"  # the ids inside the schema files


def _registry(record: Record, key_pattern: str = SLUG.pattern) -> Record:
    """A registry file: ids as keys, each with the record's fields."""

    class RegistryRecord(Record):
        def json(self) -> dict:
            return {"type": "object", "propertyNames": {"pattern": key_pattern}, "additionalProperties": record.json()}

    return RegistryRecord()


# name -> (title, record, the files it describes)
CONTENT_TYPES: dict[str, tuple[str, Record, str]] = {
    "experiment": ("Experiment (experiments/<id>/experiment.yml)", EXPERIMENT, "experiments/*/experiment.yml"),
    "ronde": (
        "Bevindingen van een ronde (front matter van experiments/<id>/ronde-<n>.md)",
        ROUND_REPORT,
        "experiments/*/ronde-*.md",
    ),
    "college": ("Openbaar college (front matter van lectures/<id>.md)", LECTURE, "lectures/*.md"),
    "publicatie": ("Publicatie (publications/<id>.yml)", PUBLICATION, "publications/*.yml"),
    "gemeenten": ("Gemeenteregister (experiments/gemeenten.yml)", _registry(MUNICIPALITY), "experiments/gemeenten.yml"),
    "rondes": ("Rondes (experiments/rondes.yml)", _registry(ROUND, r"^[0-9]$"), "experiments/rondes.yml"),
    "themas": ("Onderzoeksthema's (experiments/themas.yml)", _registry(THEME), "experiments/themas.yml"),
    "mensen": ("Mensen (experiments/mensen.yml)", _registry(PERSON), "experiments/mensen.yml"),
}


def render_schemas() -> dict[str, str]:
    """File name -> JSON text, for every content type."""
    return {
        f"{name}.schema.json": json.dumps(
            json_schema(record, title, f"{BASE_ID}{name}.schema.json"), ensure_ascii=False, indent=2
        )
        + "\n"
        for name, (title, record, _) in CONTENT_TYPES.items()
    }


def write_schemas(root: Path) -> list[str]:
    """Write the schemas under root/schemas/; returns the files that changed."""
    changed = []
    for name, text in render_schemas().items():
        rel = f"{SCHEMA_DIR}/{name}"
        check_write_path(root, rel)  # UnsafeWrite before a symlinked file is read or written
        path = root / rel
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_file(root, rel, text.encode("utf-8"), overwrite=True)
            changed.append(rel)
    return changed


# Examples for the sub-fields of groups, by field path; a sub-field not here (and without its own
# `example`) gets one from its kind (`_kind_example`), or is shown as a comment only.
SUB_EXAMPLES = {
    "organisations.name": "Gemeente Delft",
    "financing.source": "Gemeente Delft",
    "financing.note": "voor twee jaar",
    "jobs.count": "10",
    "jobs.date": "2024-03",
    "venue.name": "Stadhuis",
    "venue.city": "Delft",
    "venue.street": "Markt 87",
    "venue.postcode": "2611 GW",
    "venue.lat": "52.0116",
    "venue.lon": "4.3571",
    "speakers.name": "Voorbeeldspreker",
    "speakers.organisation": "Hogeschool",
    "speakers.role": "lector",
    "authors.given": "Anna",
    "authors.family": "Voorbeeld",
    "authors.particle": "de",
    "sources.title": "Raadsvoorstel",
    "jobs.source.title": "Raadsvoorstel",
    "period.start": "2024-01-01",
    "period.end": "2024-06-30",
}


def _kind_example(kind) -> str:
    from ..base.dates import Date, PartialDateKind
    from ..base.kinds import Choice, Integer
    from ..base.links import Url

    if isinstance(kind, Choice):
        return kind.choices[0]
    if isinstance(kind, Url):
        return "https://www.example.nl/"
    if isinstance(kind, Date):
        return "2024-03-01"
    if isinstance(kind, PartialDateKind):
        return "2024-03"
    if isinstance(kind, Integer):
        return "1"
    return ""


def _group_of(kind) -> tuple[Record | None, bool, str]:
    """(the group behind a field, whether it is a list of groups, a note on a short form)."""
    from ..base.kinds import Either, ListOf

    many = isinstance(kind, ListOf)
    inner = kind.item if many else kind
    note = ""
    if isinstance(inner, Either) and inner.full.fields:
        note = "een link, of een groep zoals hieronder" if many else "een link, of een groep"
        inner = inner.full
    return (inner if isinstance(inner, Record) and inner.fields else None), many, note


def _choices_of(kind) -> str:
    from ..base.kinds import Choice, ListOf

    if isinstance(kind, ListOf) and isinstance(kind.item, Choice):
        return f"kies een of meer uit {one_of(kind.item.choices)}"
    if isinstance(kind, Choice):
        return f"kies uit {one_of(kind.choices)}"
    return ""


def _group_lines(record: Record, path: str, many: bool, indent: str) -> list[str]:
    """Example lines (uncommented) for a group's sub-fields; sub-fields without an example as comments."""
    from ..base.kinds import Either

    lines, notes = [], []
    first = True
    for name, spec in record.fields.items():
        lead = indent + ("- " if many and first else "  " if many else "")
        hint = "; ".join(x for x in (spec.doc, "verplicht" if spec.required else "", _choices_of(spec.kind)) if x)
        kind = spec.kind
        if isinstance(kind, Either) and kind.full.fields:  # a nested group with a short form: show the short one
            hint += f"; of een groep met: {', '.join(kind.full.fields)}"
            kind = kind.short
        example = spec.example or SUB_EXAMPLES.get(f"{path}.{name}") or _kind_example(kind)
        if example:
            lines.append(f"{lead}{name}: {example}  # {hint}")
            first = False
        else:
            notes.append(f"{indent}{'  ' if many else ''}# {name}: {hint}")
    return lines + notes


def template(record: Record) -> str:
    """A commented template: required fields filled in with their example, the others commented out.

    A group (`venue`, `organisations`, ...) comes with an example of every sub-field, and a choice
    field's comment lists its allowed values."""
    lines = []
    for name, spec in record.fields.items():
        group, many, note = _group_of(spec.kind)
        extra = "; ".join(x for x in (_choices_of(spec.kind), note) if x)
        lines.append(f"# {spec.doc}{' (verplicht)' if spec.required else ''}{'; ' + extra if extra else ''}")
        if group is None:
            lines.append(f"{'' if spec.required else '# '}{name}: {spec.example}".rstrip())
            continue
        # A group is never filled in for the researcher: its example stays a comment under the field.
        lines.append(f"{'' if spec.required else '# '}{name}:")
        lines += [f"# {line}" for line in _group_lines(group, name, many, "  ")]
    return "\n".join(lines) + "\n"


NEW = {
    # kind -> (path pattern, record, schema name, Markdown body or None)
    "experiment": ("experiments/{id}/experiment.yml", EXPERIMENT, "experiment", None),
    "round": (
        "experiments/{id}/ronde-{n}.md",
        ROUND_REPORT,
        "ronde",
        "Schrijf hier de bevindingen in Markdown. Geen HTML en geen gegevens van deelnemers.\n",
    ),
    "lecture": ("lectures/{id}.md", LECTURE, "college", "Beschrijf hier het college in Markdown.\n"),
    "publication": ("publications/{id}.yml", PUBLICATION, "publicatie", None),
}


def new_file(kind: str, ident: str, root: Path, number: int | None = None) -> Path:
    """Write a commented template for a new item; never overwrites (FileExistsError)."""
    pattern, record, schema, body = NEW[kind]
    rel = pattern.format(id=ident, n=number)
    path = root / rel
    if os.path.lexists(path):
        raise FileExistsError(path)
    depth = pattern.count("/")
    modeline = f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_DIR}/{schema}.schema.json\n"
    text = template(record)
    if kind == "round":
        text = text.replace("round: 1", f"round: {number}")
    if body is None:
        content = modeline + "# Alle velden: zie de pagina Bijdragen > Velden op de site.\n" + text
    else:
        content = "---\n" + text + "---\n" + body
    return write_file(root, rel, content.encode("utf-8"))  # O_EXCL, never through a symlink


def describe(kind) -> str:
    """A short Dutch description of what a field takes, for the field reference."""
    from ..base.kinds import Choice, Either, ListOf

    if isinstance(kind, Choice):
        return "één van: " + ", ".join(f"`{c}`" for c in kind.choices)
    if isinstance(kind, ListOf):
        inner = describe(kind.item)
        return f"lijst; elk item: {inner}" if not isinstance(kind.item, Record) else "lijst van groepen (zie hieronder)"
    if isinstance(kind, Either):
        return kind.doc or f"{describe(kind.short)}, of een groep"
    if isinstance(kind, Record):
        return "groep velden (zie hieronder)"
    return kind.doc


def field_rows(record: Record, prefix: str = "") -> list[tuple[str, bool, str, str]]:
    """(field path, required, what it takes, explanation) for a record and its nested groups."""
    from ..base.kinds import Either, ListOf

    rows = []
    for name, spec in record.fields.items():
        path = f"{prefix}{name}"
        rows.append((path, spec.required, describe(spec.kind), spec.doc))
        nested = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
        if isinstance(nested, Either):
            nested = nested.full
        if isinstance(nested, Record) and nested.fields:
            rows += field_rows(nested, f"{path}{'[]' if isinstance(spec.kind, ListOf) else ''}.")
    return rows


def record_of(name: str) -> Record:
    """The record behind a registry file's entries."""
    return {"gemeenten": MUNICIPALITY, "rondes": ROUND, "themas": THEME, "mensen": PERSON}[name]
