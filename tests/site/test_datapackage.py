"""The open-data package: every export of the real and the demo build satisfies its published
schema (JSON Schema Draft 2020-12, Table Schema via frictionless), and the package validates."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from macros.formats import datapackage

NAMES = list(datapackage.EXPORTS)


@pytest.fixture(params=["real", "demo"])
def built_site(request) -> Path:
    return request.getfixturevalue(f"{request.param}_site")


def _package(site: Path) -> dict:
    return json.loads((site / "data/datapackage.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", NAMES)
def test_every_json_export_satisfies_its_json_schema(built_site: Path, name: str) -> None:
    schema = json.loads((built_site / f"data/schemas/export/{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    records = json.loads((built_site / f"data/{name}.json").read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in Draft202012Validator(schema).iter_errors(records)]
    assert errors == []
    resource = next(r for r in _package(built_site)["resources"] if r["path"] == f"{name}.json")
    assert resource["jsonSchema"] == f"schemas/export/{name}.schema.json"


def test_the_json_schemas_refuse_what_they_do_not_describe(demo_site: Path) -> None:
    schema = json.loads((demo_site / "data/schemas/export/experimenten.schema.json").read_text(encoding="utf-8"))
    record = json.loads((demo_site / "data/experimenten.json").read_text(encoding="utf-8"))[0]
    validator = Draft202012Validator(schema)
    assert validator.is_valid([record])
    assert not validator.is_valid([{**record, "onbekend": 1}])  # a field the exporter added but the schema lacks
    assert not validator.is_valid([{**record, "start": "15 januari 2025"}])
    assert not validator.is_valid([{k: v for k, v in record.items() if k != "slug"}])
    assert not validator.is_valid([{**record, "fictief": False}])  # the demo's mark is always true


def test_the_package_validates_with_frictionless(built_site: Path) -> None:
    from frictionless import validate

    package = _package(built_site)
    report = validate(str(built_site / "data/datapackage.json"))
    assert report.errors == []
    empty = {f"{name}-json" for name in NAMES if json.loads((built_site / f"data/{name}.json").read_text()) == []}
    for task in report.tasks:
        # frictionless cannot read an empty JSON array as a table; its CSV (header only) is checked instead
        if task.name in empty:
            assert {e.type for e in task.errors} == {"source-error"}
        else:
            assert [e.message for e in task.errors] == [], task.name
    assert {r["path"] for r in package["resources"]} == {f"{n}.{ext}" for n in NAMES for ext in ("json", "csv")}
    assert all(
        r["encoding"] == "utf-8" and r["mediatype"] and r["format"] and r["schema"] for r in package["resources"]
    )


def test_the_csv_table_schemas_type_their_columns(demo_site: Path) -> None:
    package = _package(demo_site)
    fields = {
        f["name"]: f
        for f in next(r for r in package["resources"] if r["path"] == "experimenten.csv")["schema"]["fields"]
    }
    assert list(fields)[0] == "fictief"  # the demo's mark is in the demo's schema, first as in the file
    assert fields["fictief"]["type"] == "boolean" and fields["fictief"]["trueValues"] == ["ja"]
    assert fields["domains"]["type"] == "string" and fields["cbs_code"]["type"] == "string"
    rounds = {
        f["name"]: f
        for f in next(r for r in package["resources"] if r["path"] == "bevindingen.csv")["schema"]["fields"]
    }
    assert rounds["round"]["type"] == "integer" and rounds["start"]["type"] == "date"
    assert rounds["parel"]["falseValues"] == ["nee"]
    header = next(csv.reader(io.StringIO((demo_site / "data/experimenten.csv").read_text(encoding="utf-8"))))
    assert header == list(fields)


def test_the_real_package_has_no_demo_mark_and_no_unconfirmed_licence(real_site: Path) -> None:
    package = _package(real_site)
    fields = [f["name"] for r in package["resources"] for f in r["schema"]["fields"]]
    assert "fictief" not in fields
    assert "licenses" not in package and "licentie" in package["description"]


def test_the_demo_package_names_its_confirmed_licence(demo_site: Path) -> None:
    package = _package(demo_site)
    assert package["licenses"][0]["path"].startswith("https://creativecommons.org/")
    assert package["name"] == "waardevol-werk-demo" and package["title"].startswith("[FICTIEF]")


def test_the_page_links_the_package_and_the_dataset_knows_its_coverage(demo_site: Path) -> None:
    html = (demo_site / "open-data/index.html").read_text(encoding="utf-8")
    assert 'href="../data/datapackage.json"' in html
    assert all(f'href="../data/schemas/export/{n}.schema.json"' in html for n in NAMES)
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["identifier"] == data["url"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["version"])
    experiments = json.loads((demo_site / "data/experimenten.json").read_text(encoding="utf-8"))
    assert {p["name"] for p in data["spatialCoverage"]} >= {e["municipality_name"] for e in experiments}
    assert set(data["keywords"]) >= {d for e in experiments for d in e["domains"] or ()}


def test_every_model_value_has_a_schema() -> None:
    """A new kind of value in a model fails here, not silently in the schema."""
    for name in NAMES:
        for demo in (False, True):
            assert datapackage.json_schema(name, demo, "x")["items"]["properties"]


def test_a_creative_commons_licence_has_its_spdx_name_and_title(demo_site: Path) -> None:
    package = json.loads((demo_site / "data/datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"] == [
        {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/deed.nl", "title": "CC BY 4.0"}
    ]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", package["created"])
