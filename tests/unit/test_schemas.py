"""The JSON Schemas match the models and the content: what the loader accepts, the editor does too."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import jsonschema
import pytest

from macros.base.problems import Problems
from macros.base.yamlio import Mapping, Scalar, parse_yaml, read_text, split_front_matter
from macros.content.registry import Municipality, Person, Round, Theme
from macros.formats.schemas import CONTENT_TYPES, render_schemas
from support import ROOT


def as_json(node):
    """A node as the YAML 1.2 core schema (VS Code's YAML extension) reads it."""
    if isinstance(node, Mapping):
        return {key: as_json(value) for key, value in node.items.items()}
    if isinstance(node, Scalar):
        if not node.plain:
            return node.text
        if node.is_null:
            return None
        if node.text in ("true", "false"):
            return node.text == "true"
        if re.fullmatch(r"-?(0|[1-9]\d*)", node.text):
            return int(node.text)
        if re.fullmatch(r"-?\d+\.\d+", node.text):
            return float(node.text)
        return node.text
    return [as_json(item) for item in node.items]


def content_files(root: Path) -> list[tuple[str, Path]]:
    files = []
    for name, (_, _, pattern) in CONTENT_TYPES.items():
        for path in sorted(root.glob(pattern)):
            if path.name != "README.md" and not any(part.startswith("_") for part in path.parts):
                files.append((name, path))
    return files


@pytest.mark.parametrize(
    "name, path",
    content_files(ROOT) + content_files(ROOT / "demo"),
    ids=lambda v: v.relative_to(ROOT).as_posix() if isinstance(v, Path) else v,
)
def test_real_and_demo_content_satisfy_the_schemas(name: str, path: Path) -> None:
    schema = json.loads(render_schemas()[f"{name}.schema.json"])
    problems = Problems()
    text = read_text(path, path.name, problems)
    node = (
        split_front_matter(text, path.name, problems)[0]
        if path.suffix == ".md"
        else parse_yaml(text, path.name, problems)
    )
    jsonschema.validate(as_json(node), schema)


def test_schema_lists_exactly_the_model_fields() -> None:
    for name, (_, record, _) in CONTENT_TYPES.items():
        if name in REGISTRIES:
            continue
        schema = json.loads(render_schemas()[f"{name}.schema.json"])
        assert list(schema["properties"]) == list(record.fields), name
        assert schema["additionalProperties"] is False, name


# A registry file maps ids to entries; each entry's fields are the model's, less the id (the key).
REGISTRIES = {"gemeenten": Municipality, "rondes": Round, "themas": Theme, "mensen": Person}


def test_every_registry_has_a_model_here() -> None:
    assert {
        name for name, (_, _, pattern) in CONTENT_TYPES.items() if pattern.endswith(".yml") and "*" not in pattern
    } == set(REGISTRIES)


@pytest.mark.parametrize("name", REGISTRIES)
def test_registry_schema_lists_exactly_the_model_fields(name: str) -> None:
    schema = json.loads(render_schemas()[f"{name}.schema.json"])
    entry = schema["additionalProperties"]
    key, *fields = dataclasses.fields(REGISTRIES[name])
    assert list(entry["properties"]) == [f.name for f in fields]
    assert sorted(entry.get("required", [])) == sorted(
        f.name for f in fields if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )
    assert entry["additionalProperties"] is False
    assert schema["propertyNames"]["pattern"]  # the key (the id) has a form of its own


def test_schema_rejects_what_the_loader_rejects() -> None:
    schema = json.loads(render_schemas()["experiment.schema.json"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"municipality": "delft", "status": "klaar"}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"municipality": "delft", "status": "actueel", "titel": "x"}, schema)
    jsonschema.validate({"municipality": "delft", "status": "actueel", "domains": "zorg"}, schema)
