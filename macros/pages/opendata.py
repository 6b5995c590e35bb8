"""Open data: the evidence base as JSON and CSV under /data/, with the JSON Schemas of the files
researchers edit, and a page that describes it all (schema.org Dataset).

Every record is written from the models, never from raw YAML, so the exports hold the
normalised values (a DOI without https://doi.org/, dates in ISO form) that the pages show.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
from functools import cache
from typing import Any

from ..base import fictional, identity
from ..base.dates import PartialDate, dutch_date
from ..base.markup import markdown_text
from ..content import paths
from ..content.paths import export_schema
from ..content.site import Site
from ..formats import datapackage
from ..formats.schemas import BASE_ID, render_schemas
from .render import Asset, Page, Settings, render_template, url_of


def plain(value: Any) -> Any:
    """A model value as JSON: dataclasses as objects, dates as ISO text."""
    if value is None or isinstance(value, (str, int, float)):  # bool is an int: most values end here
        return value
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: plain(getattr(value, name)) for name in _exported_fields(type(value))}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


@cache
def _exported_fields(model: type) -> tuple[str, ...]:
    """A model's fields in the exports: all but where a record stands in its file."""
    return tuple(f.name for f in dataclasses.fields(model) if f.name not in ("lines", "path"))


def experiment_records(site: Site) -> list[dict]:
    records = []
    for e in site.experiments:
        record = plain(e)
        record.pop("reports")
        record["municipality_name"] = site.municipalities[e.municipality].name
        record["cbs_code"] = site.municipalities[e.municipality].cbs_code
        record["rounds_published"] = [r.round for r in e.published_reports]
        records.append(record)
    return records


def round_records(site: Site) -> list[dict]:
    """Every published round report: experiment, round, parel, period, methods, themes, findings."""
    records = [plain(r) for e in site.experiments for r in e.published_reports]
    for record in records:
        del record["findings_line"]  # a position in the source file, not data
    return records


def _cell(value: Any) -> str:
    """A value as CSV text; text that a spreadsheet would run as a formula gets a leading quote, at
    its start and after every `;` or tab (a Dutch spreadsheet splits a cell there: `Werkplaats;=1+1`
    would be a cell `=1+1`)."""
    text = _text(value)
    if isinstance(value, (int, float)):
        return text  # a number, such as a negative coordinate, is data, not a formula
    return FORMULA.sub(r"\1'", text)


FORMULA = re.compile(r"(^|[;\t])(?=[=+\-@\t\r])")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_text(v)}" for k, v in value.items() if v not in (None, "", []))
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def to_csv(records: list[dict], columns: list[str] | None = None) -> str:
    """One row per record; `columns` (the export's field list) gives the header also without records."""
    columns = columns or list(dict.fromkeys(key for record in records for key in record))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({key: _cell(record.get(key)) for key in columns})
    return out.getvalue()


# The Markdown fields of each export: written out as the text a reader sees on the page, so
# neither Markdown syntax nor anything the sanitiser removed from the page travels in the data.
MARKDOWN_FIELDS = {
    "experimenten": ("summary",),
    "rondes": ("summary", "reflection", "lecture"),
    "bevindingen": ("findings",),
    "colleges": ("description", "report"),
    "publicaties": ("abstract",),
}


def _as_text(name: str, records: list[dict]) -> list[dict]:
    """Markdown fields as the text a reader sees; a list field that was not filled in as null (not
    known), never [] (none): the schemas say so (datapackage.UNKNOWN_LIST)."""
    lists = {field for field, _, _ in datapackage.record_fields(name, False) if datapackage.is_model_list(name, field)}
    for record in records:
        for key in MARKDOWN_FIELDS[name]:
            if isinstance(record.get(key), str):
                record[key] = markdown_text(record[key])
        for key in lists:
            if record.get(key) == []:
                record[key] = None
    return records


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


def datasets(site: Site) -> dict[str, tuple[str, list[dict]]]:
    """name -> (Dutch description, records)."""
    rounds_meta = [plain(r) for r in site.rounds.values()]
    for record in rounds_meta:
        reports = [(e, report) for e in site.experiments if (report := e.report(record["number"]))]
        # Which experiments are a parel is known only from the round's published reports.
        record["parels"] = [e.slug for e, report in reports if report.parel] if reports else None
    sets = {
        "experimenten": (_experiments_title(site), experiment_records(site)),
        "rondes": (_rounds_title(site), rounds_meta),
        "bevindingen": ("De gepubliceerde bevindingen per experiment en ronde (als tekst)", round_records(site)),
        "colleges": ("De openbare colleges", [plain(x) for x in site.lectures]),
        "publicaties": ("De publicaties", [plain(p) for p in site.publications]),
    }
    return {name: (description, _as_text(name, records)) for name, (description, records) in sets.items()}


def data_assets(site: Site, settings: Settings, sets: dict | None = None) -> list[Asset]:
    """The JSON and CSV files. On the demo every record (and so every CSV row) carries
    `fictief: true` ("ja"), first, so that no row copied out of it passes for real data."""
    assets = []
    sets = sets or datasets(site)
    for name, (_, records) in sets.items():
        if settings.demo:
            records = [{fictional.FIELD: True, **record} for record in records]
        assets.append(
            Asset(paths.data_file(name, "json"), (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode())
        )
        assets.append(
            Asset(
                paths.data_file(name, "csv"), to_csv(records, datapackage.columns(name, settings.demo)).encode("utf-8")
            )
        )
        schema = datapackage.json_schema(name, settings.demo, settings.absolute(export_schema(name)))
        assets.append(Asset(export_schema(name), _json_text(schema)))
    assets.append(Asset(paths.DATA_PACKAGE, _json_text(package(site, settings, sets))))
    for file, text in render_schemas().items():
        if settings.demo:  # the schemas' ids name the demo's own address, never the real site's
            text = text.replace(BASE_ID, settings.absolute(paths.source_schema("")))
        assets.append(Asset(paths.source_schema(file), text.encode("utf-8")))
    return assets


def _json_text(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _title(settings: Settings) -> str:
    return fictional.title(settings.demo, f"{identity.TITLE}: experimenten, rondes, colleges en publicaties")


def _description(settings: Settings) -> str:
    return (
        ("Fictieve voorbeeldgegevens: alles hierin is verzonnen om de generator te tonen. " if settings.demo else "")
        + "De gegevens achter deze site: de experimenten met hun kerngegevens, de bevindingen per "
        "ronde, de openbare colleges en de publicaties, als JSON en CSV."
    )


def _license(settings: Settings) -> tuple[str | None, bool]:
    license_url = settings.data_license
    return license_url, bool(license_url) and settings.info.data_license_confirmed


def package(site: Site, settings: Settings, sets: dict) -> dict:
    """data/datapackage.json: every export with its schema (see datapackage.py)."""
    license_url, confirmed = _license(settings)
    return datapackage.package(
        sets,
        settings.demo,
        title=_title(settings),
        description=_description(settings),
        license_url=license_url,
        license_confirmed=confirmed,
        homepage=settings.absolute(url_of(paths.OPEN_DATA)),
        version=settings.now.date().isoformat(),
        created=settings.now.isoformat(timespec="seconds"),
    )


def coverage(site: Site) -> dict:
    """keywords, temporalCoverage and spatialCoverage of the Dataset, only as far as the records know them."""
    out: dict[str, Any] = {}
    keywords: list[str] = list(dict.fromkeys(d for e in site.experiments for d in e.domains))
    keywords += [t.title for t in site.themes.values() if t.title not in keywords]
    if keywords:
        out["keywords"] = keywords
    project = site.project
    if project and project.start_year is not None and project.end_year is not None:
        out["temporalCoverage"] = f"{project.start_year}/{project.end_year}"
    ids = list(
        dict.fromkeys([e.municipality for e in site.experiments] + list(project.municipalities if project else ()))
    )
    places = [{"@type": "Place", "name": site.municipalities[i].name} for i in ids if i in site.municipalities]
    if places:
        out["spatialCoverage"] = places
    return out


def render_open_data_page(site: Site, settings: Settings, sets: dict | None = None) -> Page:
    src = paths.OPEN_DATA
    sets = sets or datasets(site)
    license_url, confirmed = _license(settings)
    jsonld = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": _title(settings),
        "description": _description(settings),
        "url": settings.absolute(url_of(src)),
        "identifier": settings.absolute(url_of(src)),
        "version": settings.now.date().isoformat(),
        "inLanguage": "nl",
        "license": license_url if confirmed else None,
        "isAccessibleForFree": True,
        "dateModified": settings.now.date().isoformat(),
        **coverage(site),
        "creator": {
            "@type": "Organization",
            "name": settings.info.publisher,
            **({"url": settings.info.publisher_url} if settings.info.publisher_url else {}),
        }
        if settings.info.publisher
        else None,
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": mime,
                "contentUrl": settings.absolute(paths.data_file(name, ext)),
            }
            for name in sets
            for ext, mime in (("json", "application/json"), ("csv", "text/csv"))
        ],
        "subjectOf": {
            "@type": "DigitalDocument",
            "encodingFormat": "application/json",
            "name": "Frictionless Data Package",
            "url": settings.absolute(paths.DATA_PACKAGE),
        },
    }
    from ..formats.jsonld import script

    text = render_template(
        "opendata.md.j2",
        url_of(src),
        sets=sets,
        schemas=sorted(render_schemas()),
        package=paths.DATA_PACKAGE,
        export_schemas={name: export_schema(name) for name in sets},
        demo=settings.demo,
        license_url=license_url,
        license_confirmed=confirmed,
        jsonld=script({k: v for k, v in jsonld.items() if v is not None}),
    )
    return Page(src, text, in_nav=True)
